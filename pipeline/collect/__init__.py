"""Collectors: walk one source with the polite fetcher and the parsers → Documents.

One module per source kind (`ico_search_api`, `feed`), registered once in `collect.kinds`, one
entry point, `collect(source, fetcher)`. A collector never raises for one bad item: it records an `ItemFailure` and goes on.
A failure of the source itself (API or feed unreachable, layout changed, nothing found) sets
`fatal`, and the run keeps what is already stored for that source.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.models import Document

if TYPE_CHECKING:  # the fetch stage is only needed at run time, by the caller
    from pipeline.fetch import Fetcher, Response
    from pipeline.sources import Source

logger = logging.getLogger(__name__)


@dataclass
class ItemFailure:
    """One item (a page, a PDF, an article) that could not be collected, and why."""

    url: str
    error_class: str    # a FetchError / ParseError class: http_4xx, pdf_unreadable, layout_changed...
    message: str


@dataclass
class RawRecord:
    """One archived response and what is needed to parse it again later (`reparse`).

    `parser` names the parser that turns the body into documents ("ico_search_api", "ico_page",
    "notice_pdf", "feed", "article"); `context` holds what the collector knew when it fetched
    the body (the listing facts, the feed item), as plain JSON values.
    """

    sha256: str
    url: str
    fetched_at: str
    status: int | None
    content_type: str | None
    source: str
    parser: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class SourceResult:
    """Everything one source yielded in one run. `source` is the source id."""

    source: str
    documents: list[Document] = field(default_factory=list)
    raw: list[RawRecord] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)      # URLs answered 304 / same body
    failures: list[ItemFailure] = field(default_factory=list)
    fatal: str | None = None
    fatal_class: str | None = None
    seen: int = 0
    warnings: list[str] = field(default_factory=list)
    # URLs whose validators must not advance this run (a page whose attachment failed): the
    # next run asks for them again. The run drops their HttpState before saving.
    incomplete: set[str] = field(default_factory=set)
    # The run's time budget stopped this source before it was whole: what it has is stored and
    # the rest is picked up next run, so the source is `partial`, never an error.
    cut_short: bool = False

    def stop_for_budget(self, message: str) -> None:
        """Record that the time budget ended this source early (a warning, not a failure)."""
        self.cut_short = True
        self.warn(message)

    def fail(self, error_class: str, message: str) -> "SourceResult":
        """Mark the whole source as failed (and log it once)."""
        self.fatal, self.fatal_class = message, error_class
        logger.error("source %s failed: %s: %s", self.source, error_class, message)
        return self

    def keep_raw(self, response: "Response", *, parser: str, context: dict[str, Any]) -> None:
        """Index a response's archived body for `reparse`, when it brought a new one."""
        record = raw_record(response, source=self.source, parser=parser, context=context)
        if record is not None:
            self.raw.append(record)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        logger.warning("source %s: %s", self.source, message)


def raw_record(response: "Response", *, source: str, parser: str, context: dict[str, Any]) -> RawRecord | None:
    """The RawRecord for a response that brought a new body: none for a 304, nor for a 200 whose
    body is byte-for-byte the one archived (and recorded) last time."""
    if response.not_modified or response.unchanged or not response.sha256 or not response.body:
        return None
    return RawRecord(
        sha256=response.sha256,
        url=response.url,
        fetched_at=response.fetched_at,
        status=response.status,
        content_type=response.headers.get("content-type"),
        source=source,
        parser=parser,
        context=context,
    )


def collect(source: "Source", fetcher: "Fetcher") -> SourceResult:
    """Collect one source with the collector its kind registered (pipeline.collect.kinds)."""
    from pipeline.collect.kinds import source_kind

    kind = source_kind(source.kind)
    if kind is None:
        return SourceResult(source=source.id).fail("unknown_kind", f"no collector for kind {source.kind!r}")
    return kind.collect(source, fetcher)


__all__ = ["collect", "SourceResult", "ItemFailure", "RawRecord"]
