"""feeds.yaml → validated Source objects.

Every source the pipeline reads is one entry in feeds.yaml; adding a press feed is adding an
entry, not code. Validation happens here, once, so that a typo in the file is one clear line
naming the entry and the field, not a traceback in the middle of a run.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

# The ICO search API serves several registers; `root_page_id` picks one. Rows whose URL is not
# under the register's own subtree (promoted cards such as /about-the-ico/jobs/) are dropped.
ICO_REGISTERS: dict[int, dict[str, Any]] = {
    17222: {
        "document_kind": "enforcement_page",
        "url_prefixes": ("/action-weve-taken/enforcement/",),
    },
    2816: {
        "document_kind": "press_release",
        "url_prefixes": (
            "/about-the-ico/media-centre/news-and-blogs/",
            "/about-the-ico/news-and-events/news-and-blogs/",
        ),
    },
}

DEFAULT_RELEVANCE_TERMS = (
    "Information Commissioner", "ICO", "data protection", "GDPR", "fined", "fine",
    "reprimand", "monetary penalty", "enforcement notice", "data breach", "PECR",
    "nuisance calls", "spam texts",
)


class FeedsFileError(Exception):
    """feeds.yaml is missing, unreadable or invalid. The message names the entry and field."""


@dataclass(frozen=True)
class Source:
    """One entry of feeds.yaml."""

    id: str
    kind: str                          # a registered kind (pipeline.collect.kinds.KINDS)
    url: str                           # relative links found in this source resolve against it
    enabled: bool = True
    delay_seconds: float = 6.0         # pause between requests to one host (the ICO asks for 6 s)
    name: str | None = None            # human name: "ICO enforcement register", "BBC Technology"
    # ico_search_api
    root_page_id: int | None = None
    max_pages: int = 2000              # a safety stop; the API's totalPages ends the walk
    # feed
    outlet: str | None = None          # publisher name stored on every article
    relevance_terms: tuple[str, ...] = DEFAULT_RELEVANCE_TERMS
    fetch_articles: bool = True        # fetch each relevant item's page for its full text
    # both
    max_items: int = 2000              # cap per run, with a warning when reached

    @property
    def label(self) -> str:
        return self.name or self.id


def load_sources(path: str | Path, *, include_disabled: bool = False) -> list[Source]:
    """Read and validate feeds.yaml. Raises FeedsFileError with one readable line."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedsFileError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedsFileError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FeedsFileError(f"{path}: not valid YAML{where}") from None
    except RecursionError:
        raise FeedsFileError(f"{path}: nested too deeply to be a sources file") from None
    sources = parse_sources(raw, origin=str(path))
    return sources if include_disabled else [s for s in sources if s.enabled]


def parse_sources(raw: Any, *, origin: str = "feeds.yaml") -> list[Source]:
    """Validate the parsed YAML document (a mapping with a `sources` list, or a bare list)."""
    entries = raw.get("sources") if isinstance(raw, dict) else raw
    if not isinstance(entries, list) or not entries:
        raise FeedsFileError(f"{origin}: expected a non-empty list under `sources:`")
    sources: list[Source] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        source = _parse_entry(entry, f"{origin}: source #{position}")
        if source.id in seen:
            raise FeedsFileError(f"{origin}: source id {source.id!r} appears twice")
        seen.add(source.id)
        sources.append(source)
    return sources


_COMMON_FIELDS = {"id", "kind", "url", "enabled", "delay_seconds", "name", "max_items"}


def source_kinds() -> tuple[str, ...]:
    """The kind names feeds.yaml may use: those registered in pipeline.collect.kinds."""
    from pipeline.collect.kinds import KINDS

    return tuple(KINDS)


def _parse_entry(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise FeedsFileError(f"{where}: expected a mapping with id, kind and url")
    source_id = entry.get("id")
    if not isinstance(source_id, str) or not source_id.strip():
        raise FeedsFileError(f"{where}: `id` must be a non-empty string")
    if _has_controls(source_id):
        raise FeedsFileError(f"{where}: `id` contains control characters ({source_id!r})")
    where = f"{where.rsplit(':', 1)[0]}: source {source_id!r}"
    from pipeline.collect.kinds import KINDS

    kind = entry.get("kind")
    registered = KINDS.get(kind) if isinstance(kind, str) else None
    if registered is None:
        raise FeedsFileError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    unknown = set(entry) - _COMMON_FIELDS - registered.fields
    if unknown:
        raise FeedsFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))} for kind {kind}")
    url = entry.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise FeedsFileError(f"{where}: `url` must be an http(s) URL, got {url!r}")

    values: dict[str, Any] = {"id": source_id.strip(), "kind": kind, "url": url}
    values["enabled"] = _typed(entry, "enabled", bool, True, where)
    values["delay_seconds"] = float(_typed(entry, "delay_seconds", (int, float), 6.0, where))
    if values["delay_seconds"] < 0:
        raise FeedsFileError(f"{where}: `delay_seconds` must be zero or more")
    values["name"] = _typed(entry, "name", str, None, where)
    values["max_items"] = _typed(entry, "max_items", int, 2000, where)
    if "relevance_terms" in entry:
        terms = entry["relevance_terms"]
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
            raise FeedsFileError(f"{where}: `relevance_terms` must be a list of non-empty strings")
        values["relevance_terms"] = tuple(t.strip() for t in terms)

    # The kind's own fields, read and checked by its registration.
    def read(key: str, types: Any, default: Any) -> Any:
        return _typed(entry, key, types, default, where)

    try:
        values.update(registered.options(read, entry))
    except ValueError as exc:
        raise FeedsFileError(f"{where}: {exc}") from None
    return Source(**values)


# Counts that must be at least 1: a negative cap would silently drop every item.
_AT_LEAST_ONE = {"max_items", "max_pages"}


def _typed(entry: dict, key: str, types: type | tuple[type, ...], default: Any, where: str) -> Any:
    if key not in entry or entry[key] is None:
        return default
    value = entry[key]
    # bool is an int in Python; a `max_items: true` is a mistake, not 1.
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise FeedsFileError(f"{where}: `{key}` has the wrong type ({value!r})")
    if not isinstance(value, types):
        raise FeedsFileError(f"{where}: `{key}` has the wrong type ({value!r})")
    if isinstance(value, float) and not math.isfinite(value):
        raise FeedsFileError(f"{where}: `{key}` must be a finite number, got {value!r}")
    if key in _AT_LEAST_ONE and isinstance(value, int) and value < 1:
        raise FeedsFileError(f"{where}: `{key}` must be 1 or more, got {value!r}")
    if isinstance(value, str) and _has_controls(value):
        raise FeedsFileError(f"{where}: `{key}` contains control characters ({value!r})")
    return value


def _has_controls(text: str) -> bool:
    """Control and format characters (ANSI escapes, bidi overrides) that would garble the run
    summary or the page a name is shown on."""
    return any(unicodedata.category(char) in ("Cc", "Cf") for char in text)


def with_base_url(source: Source, base_url: str) -> Source:
    """The same source pointed at another host (the offline mirror, a test server)."""
    from urllib.parse import urlsplit, urlunsplit

    base = urlsplit(base_url)
    parts = urlsplit(source.url)
    return replace(source, url=urlunsplit((base.scheme, base.netloc, parts.path, parts.query, "")))


__all__ = ["Source", "FeedsFileError", "load_sources", "parse_sources", "with_base_url",
           "source_kinds", "ICO_REGISTERS", "DEFAULT_RELEVANCE_TERMS"]
