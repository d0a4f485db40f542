"""The source kinds: one registration each, and the only place a kind is named.

A source kind (the ICO search API, a press feed) is three things the rest of the pipeline needs:
which feeds.yaml fields it takes, how a live run collects it, and how each archived response it
produced is turned back into documents by `reparse`, and how the canary checks its shape. Before this registry those lived in four
places (a tuple of kind names, a field table in sources.py, a dispatch dict in collect/, an
`if record.parser ==` chain in replay.py), and the replay branch was the one people forgot.
Now `feeds.yaml` validation, `collect()`, `documents_from_raw()` and `check-sources` all read
`KINDS`, so live collection and replay share one path and a new kind is one entry below (plus
its collector module and its parser).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.collect import feed, ico_search_api

if TYPE_CHECKING:
    from pipeline.collect import RawRecord, SourceResult
    from pipeline.fetch import Fetcher
    from pipeline.models import Document
    from pipeline.sources import Source

# read(key, types, default) → the validated value of one feeds.yaml field (raises on a bad type).
OptionReader = Callable[[str, Any, Any], Any]


@dataclass(frozen=True)
class SourceKind:
    """Everything the pipeline needs to know about one kind of source."""

    name: str
    # feeds.yaml fields this kind accepts beyond the common ones (id, kind, url, ...).
    fields: frozenset[str]
    # Reads and validates those fields into Source attributes; raises ValueError("`field` ...")
    # for a value of the right type that is still wrong.
    options: Callable[[OptionReader, Mapping[str, Any]], dict[str, Any]]
    # A live run: walk the source with the polite fetcher.
    collect: Callable[["Source", "Fetcher"], "SourceResult"]
    # `reparse`: RawRecord.parser → the function that rebuilds documents from that archived body.
    replay: Mapping[str, Callable[["RawRecord", bytes], list["Document"]]]
    # `check-sources`: one polite look at the source; returns a short note, or raises
    # canary.ShapeChanged (or a FetchError / ParseError) saying what differed.
    check: Callable[["Source", "Fetcher"], str]


KINDS: dict[str, SourceKind] = {kind.name: kind for kind in (
    SourceKind(
        name="ico_search_api",
        fields=frozenset({"root_page_id", "max_pages", "relevance_terms"}),
        options=ico_search_api.options,
        collect=ico_search_api.collect,
        replay={"ico_search_api": ico_search_api.replay_listing,
                "ico_page": ico_search_api.replay_page,
                "notice_pdf": ico_search_api.replay_notice,
                "notice_docx": ico_search_api.replay_notice},
        check=ico_search_api.check,
    ),
    SourceKind(
        name="feed",
        fields=frozenset({"outlet", "relevance_terms", "fetch_articles"}),
        options=feed.options,
        collect=feed.collect,
        replay={"feed": feed.replay_feed, "article": feed.replay_article},
        check=feed.check,
    ),
)}


def replay_parsers() -> dict[str, Callable[["RawRecord", bytes], list["Document"]]]:
    """parser name → replay function, across all kinds; a name claimed twice is a coding error."""
    parsers: dict[str, Callable[["RawRecord", bytes], list["Document"]]] = {}
    for kind in KINDS.values():
        for parser, replay in kind.replay.items():
            if parser in parsers:
                raise RuntimeError(f"parser {parser!r} is registered by two source kinds")
            parsers[parser] = replay
    return parsers


def source_kind(name: str) -> SourceKind | None:
    return KINDS.get(name)


__all__ = ["SourceKind", "KINDS", "replay_parsers", "source_kind", "OptionReader"]
