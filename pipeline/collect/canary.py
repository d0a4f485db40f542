"""`enforcement-monitor check-sources`: is each enabled source still shaped the way its parser expects?

A canary, run before the nightly refresh. For each enabled source it makes one polite request
through the same Fetcher a run uses (robots.txt read first, the source's own delay, the same
guard), plus, for an ICO register, one detail page, and checks the shape the parser relies on:
the search API's fields, a detail page's facts panel, a feed's items. It never opens the
database and archives nothing beyond a temporary folder, so a changed site is found before the
refresh touches anything.

Each source gets one line: `ok`, or the error class and what differed. The exit status tells
the nightly job what to do:
- 0 every source answered in the expected shape;
- 2 an ICO register (kind ico_search_api) changed shape or cannot be crawled: stop, the refresh
  would only record failures (or worse, an empty register);
- 3 some other source failed or changed: the refresh records it for that source and goes on.
"""
from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from pipeline.fetch import Fetcher
    from pipeline.sources import Source

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REGISTER_CHANGED = 2
EXIT_SOURCES_CHANGED = 3

# Error classes that mean "the site is no longer what the parser expects" rather than "the site
# did not answer tonight".
SHAPE_CLASSES = frozenset({"layout_changed", "feed_malformed", "extraction_empty", "robots_disallowed",
                           "xml_forbidden_dtd"})


class ShapeChanged(Exception):
    """A response came, but not in the shape the parser expects. The message says what differed."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


@dataclass
class SourceCheck:
    """The canary's verdict on one source."""

    source: str
    kind: str
    ok: bool
    error_class: str | None = None
    detail: str = ""

    @property
    def blocks_refresh(self) -> bool:
        """An ICO register whose shape changed (or that robots.txt closes): the nightly stops."""
        return not self.ok and self.kind == "ico_search_api" and self.error_class in SHAPE_CLASSES

    def line(self) -> str:
        if self.ok:
            return f"ok      {self.source}: {self.detail}".rstrip(": ")
        return f"FAILED  {self.source}: {self.error_class}: {self.detail}"


def check_source(source: "Source", fetcher: "Fetcher") -> SourceCheck:
    """Run the check the source's kind registered; never raises."""
    from pipeline.collect.kinds import source_kind
    from pipeline.fetch import FetchError
    from pipeline.parsers.errors import ParseError

    kind = source_kind(source.kind)
    if kind is None:
        return SourceCheck(source.id, source.kind, False, "unknown_kind", f"no check for kind {source.kind!r}")
    try:
        detail = kind.check(source, fetcher)
    except ShapeChanged as exc:
        return SourceCheck(source.id, source.kind, False, exc.error_class, exc.message)
    except FetchError as exc:
        if exc.error_class == "robots_disallowed":
            return SourceCheck(source.id, source.kind, False, exc.error_class, robots_sentence(source, exc.url))
        return SourceCheck(source.id, source.kind, False, exc.error_class, str(exc))
    except ParseError as exc:
        return SourceCheck(source.id, source.kind, False, exc.error_class, exc.message)
    except Exception as exc:  # a bug in one check must not hide the others
        logger.exception("check of %s crashed", source.id)
        return SourceCheck(source.id, source.kind, False, "check_crashed", f"{type(exc).__name__}: {exc}")
    return SourceCheck(source.id, source.kind, True, None, detail or "")


def robots_sentence(source: "Source", url: str) -> str:
    """One plain sentence for a source its own robots.txt closes."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
    if source.kind == "ico_search_api":
        return (f"{robots} disallows {parts.path} for our user agent, so the ICO register cannot be "
                f"crawled by a crawler that obeys robots.txt.")
    return f"{robots} disallows {parts.path or '/'} for our user agent, so this source cannot be collected."


def check_sources(sources: Sequence["Source"], *, fetcher: "Fetcher | None" = None) -> list[SourceCheck]:
    """Check every source, one after the other, with one Fetcher (a temporary archive, no state)."""
    if fetcher is not None:
        return [check_source(source, fetcher) for source in sources]
    from pipeline.fetch import Fetcher, RawArchive
    from pipeline.fetch.guard import configured_hosts

    with tempfile.TemporaryDirectory(prefix="check-sources-") as folder:
        own = Fetcher(archive=RawArchive(Path(folder)), allow_private_hosts=configured_hosts(s.url for s in sources))
        try:
            return [check_source(source, own) for source in sources]
        finally:
            own.close()


def exit_status(checks: Sequence[SourceCheck]) -> int:
    if any(check.blocks_refresh for check in checks):
        return EXIT_REGISTER_CHANGED
    if any(not check.ok for check in checks):
        return EXIT_SOURCES_CHANGED
    return EXIT_OK


__all__ = ["SourceCheck", "ShapeChanged", "check_source", "check_sources", "exit_status", "robots_sentence",
           "EXIT_OK", "EXIT_REGISTER_CHANGED", "EXIT_SOURCES_CHANGED"]
