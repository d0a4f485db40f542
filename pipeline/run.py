"""One run of the pipeline: for each source, collect → extract → link → store.

Why the run is shaped like this:
- Collecting (network, polite delays) happens before any write, so a slow or dying source never
  holds the database open, and a killed run loses nothing that was stored.
- Each source's writes happen in one transaction: a source that fails half-way leaves the
  database exactly as it was, and its conditional-GET validators do not advance (otherwise the
  next run would get a 304 for a page whose document was never stored).
- One bad document (an extraction that raises, a link that fails) rolls back only its own
  savepoint and is reported; the rest of the source goes on.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from pipeline import store
from pipeline.clock import utc_now
from pipeline.collect import ItemFailure, SourceResult, collect
from pipeline.collect.health import ROBOTS_ONLY_NOTE, robots_only
from pipeline.extract import TAXONOMY, Extractor
from pipeline.extract.parallel import ExtractionPool
from pipeline.fetch import Fetcher, FetchLimits, HttpState, RawArchive
from pipeline.fetch.archive import ArchiveWriteError, append_raw_index
from pipeline.fetch.guard import configured_hosts
from pipeline.link import in_link_order
from pipeline.models import Action, Document
from pipeline.sources import Source
from pipeline.steps import link_one
from pipeline.store.organisations import known_names

logger = logging.getLogger(__name__)

# Exit statuses of `enforcement-monitor run` (the nightly job reads them).
EXIT_OK = 0            # every source succeeded (items inside a source may still have failed)
EXIT_NOTHING_DONE = 1  # no source could be collected at all
EXIT_SOME_FAILED = 3   # some sources failed; everything else was stored


@dataclass
class SourceSummary:
    """What one source did in one run: the line the run summary prints for it."""

    source: str
    status: str = "ok"              # ok | partial | not_modified | error
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    error_class: str | None = None
    error_message: str | None = None
    failures: list[ItemFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        if self.error_class:
            return f"{self.error_class}: {self.error_message or ''}".strip()
        if self.failures:
            first = self.failures[0]
            more = f" (+{len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
            return f"{first.error_class}: {first.url}{more}"
        return ""


@dataclass
class RunSummary:
    sources: list[SourceSummary] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        if not self.sources:
            return EXIT_NOTHING_DONE
        # A source skipped because the time budget ran out is not done either: the run says so.
        errors = [s for s in self.sources if s.status in ("error", "skipped")]
        if len(errors) == len(self.sources):
            return EXIT_NOTHING_DONE
        return EXIT_SOME_FAILED if errors else EXIT_OK

    @property
    def nothing_new(self) -> bool:
        return all(s.new == 0 and s.changed == 0 for s in self.sources)

    # What the columns count, printed under the table: "listed 27, new 37" puzzles a reader who
    # does not know that one register entry can bring its page and a notice PDF.
    LEGEND = ("listed: entries the source listed this run; new / changed / unchanged: documents stored "
              "for the first time, changed since last time, or the same (a register entry can bring "
              "its page and its notice PDFs, so new can exceed listed); failed: entries that could "
              "not be read (named in source_runs.failures_json)")

    def as_text(self) -> str:
        header = (f"{'source':<28} {'status':<12} {'listed':>6} {'new':>5} {'changed':>7} "
                  f"{'unchanged':>9} {'failed':>6}  reason")
        lines = [header, "-" * len(header)]
        for s in self.sources:
            lines.append(f"{s.source:<28} {s.status:<12} {s.seen:>6} {s.new:>5} {s.changed:>7} "
                         f"{s.unchanged:>9} {s.failed:>6}  {s.reason}")
        lines.append(self.LEGEND)
        if self.nothing_new and self.exit_status == EXIT_OK:
            lines.append("Nothing new since the last run.")
        if robots_only([s.error_class for s in self.sources if s.status == "error"]):
            lines.append(ROBOTS_ONLY_NOTE)
        return "\n".join(lines)


def run_sources(
    db_path: Path,
    sources: Sequence[Source],
    *,
    archive_dir: Path | None = None,
    allow_private_hosts: Iterable[str] = (),
    limits: FetchLimits | None = None,
    extractor: Extractor | None = None,
    command: str = "run",
    progress: bool | None = None,
    max_minutes: float | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Collect every source into the database at `db_path`; never raises for one bad source.

    With `max_minutes`, the run keeps to a time budget (the nightly job's step has a hard
    limit that would kill it mid-write): once it is spent, the source being collected stops
    asking (its remaining requests fail at once with time_budget_exhausted) and stores what it
    has, and the sources after it are recorded as skipped; everything whole is committed.

    `workers`: extraction processes for a source with many new documents (a cold run); None
    means one per CPU. This process stays the only writer of the database.
    """
    db = store.prepare_db(db_path, taxonomy=TAXONOMY)
    try:
        store.mark_incomplete_runs(db)
    except sqlite3.OperationalError as exc:
        raise store.DatabaseError(f"{db_path}: cannot prepare the database: {exc}") from exc
    archive = RawArchive(archive_dir or store.default_archive_dir(db_path))
    pool = ExtractionPool(workers, extractor=extractor, known_organisations=known_names(db))

    def known_state(url: str) -> HttpState | None:
        row = db.execute(
            "select url, etag, last_modified, content_sha256, last_status, last_checked "
            "from http_state where url = ?",
            [url],
        ).fetchone()
        return HttpState(*row) if row else None

    fetcher = Fetcher(archive=archive, known_state=known_state, limits=limits or FetchLimits(),
                      # trust follows configuration: the sources' own hosts, even private ones
                      allow_private_hosts=set(allow_private_hosts) | configured_hosts(s.url for s in sources))
    if max_minutes is not None:
        fetcher.run_deadline = time.monotonic() + max_minutes * 60
    try:
        run_id = store.start_run(db, command)
    except sqlite3.OperationalError as exc:
        raise store.DatabaseError(f"{db_path}: cannot start a run: {exc}") from exc
    summary = RunSummary()
    show_bar = sys.stderr.isatty() if progress is None else progress
    try:
        for source in _progress(sources, show_bar):
            if fetcher.time_left() == 0:
                summary.sources.append(_skip_source(db, run_id, source, max_minutes))
                continue
            summary.sources.append(_run_one_source(db, run_id, source, fetcher, pool, archive))
    finally:
        fetcher.close()
        pool.close()
        try:
            store.finish_run(db, run_id, _run_status(summary))
        except sqlite3.Error as exc:   # the next run marks it 'incomplete'
            logger.error("could not record the end of run %s: %s", run_id, exc)
    return summary


def _run_one_source(db, run_id: int, source: Source, fetcher: Fetcher, extractor: ExtractionPool,
                    archive: RawArchive) -> SourceSummary:
    started = time.monotonic()
    started_at = utc_now()
    fetcher.take_state_updates()          # validators belong to the source that learned them
    try:
        result = collect(source, fetcher)
    except Exception as exc:               # a collector bug must not stop the other sources
        logger.exception("source %s: collector crashed", source.id)
        result = SourceResult(source=source.id, fatal=f"{type(exc).__name__}: {exc}",
                              fatal_class="collector_crashed")
    # validators of incomplete items (a page whose attachment failed) stay unadvanced: asked again
    states = [state for state in fetcher.take_state_updates() if state.url not in result.incomplete]
    summary = SourceSummary(source=source.id, seen=result.seen, unchanged=len(result.unchanged),
                            failures=list(result.failures), warnings=list(result.warnings))

    if result.fatal:
        summary.status = "error"
        summary.error_class = result.fatal_class or "source_failed"
        summary.error_message = result.fatal
        summary.failed = len(result.failures)
        # (SourceResult.fail has logged it: one line per failed source, not two.)
        # Nothing of a failed source is written but the record of its failure.
        _record_failure(db, run_id, source.id, started_at, summary)
        summary.seconds = time.monotonic() - started
        return summary

    # The archive's own index first, fsynced, then the database: a record whose response never
    # reached the database is harmless, a committed response missing from the index would be
    # lost by a rebuild. If the archive cannot be written, nothing of the source is stored
    # (its validators do not advance, so the next run asks again) and the run goes on.
    try:
        append_raw_index(archive.root, [asdict(record) for record in result.raw])
    except OSError as exc:
        message = exc.strerror if isinstance(exc, ArchiveWriteError) else f"raw archive: {exc}"
        logger.error("source %s: %s; nothing of it was stored", source.id, message)
        summary.status, summary.error_class, summary.error_message = "error", "archive_write_failed", message
        summary.failed = len(summary.failures)
        _record_failure(db, run_id, source.id, started_at, summary)
        summary.seconds = time.monotonic() - started
        return summary

    try:
        with db.atomic():
            store.save_raw_records(db, result.raw)
            _store_documents(db, result.documents, extractor, summary)
            store.save_http_state(db, states)
            summary.failed = len(summary.failures)
            summary.status = _source_status(summary, result)
            store.record_source_run(db, run_id, source.id, started_at, asdict_summary(summary))
    except Exception as exc:
        locked = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
        detail = store.explain_db_error(db, exc) if isinstance(exc, sqlite3.Error) else f"{type(exc).__name__}: {exc}"
        logger.error("source %s: storing failed (%s); nothing of it was written", source.id, detail)
        summary.status, summary.error_class = "error", "db_locked" if locked else "store_failed"
        summary.error_message = detail
        summary.new = summary.changed = summary.unchanged = 0
        _record_failure(db, run_id, source.id, started_at, summary)
    summary.seconds = time.monotonic() - started
    return summary


def _skip_source(db, run_id: int, source: Source, max_minutes: float | None) -> SourceSummary:
    """Record a source the time budget left no time for; the next run collects it as usual."""
    summary = SourceSummary(source=source.id, status="skipped", error_class="time_budget_exhausted",
                            error_message=f"the run's {max_minutes:g}-minute budget was spent "
                                          "before this source; left for the next run")
    _record_failure(db, run_id, source.id, utc_now(), summary)
    return summary


def _record_failure(db, run_id: int, source_id: str, started_at: str, summary: SourceSummary) -> None:
    """Record a failed source in source_runs, if the database lets us (it may be the problem)."""
    try:
        with db.atomic():
            store.record_source_run(db, run_id, source_id, started_at, asdict_summary(summary))
    except sqlite3.Error as exc:
        logger.error("source %s: could not record its failure either: %s", source_id, exc)


# New documents extracted (then linked) per step: bounds memory on a cold run of a big source.
EXTRACT_BATCH = 256


def _store_documents(db, documents: list[Document], extractor: ExtractionPool,
                     summary: SourceSummary) -> None:
    """Save documents; extract and link only the new or changed ones, a batch at a time."""
    to_extract: list[tuple[int, Document]] = []
    for document in documents:
        document_id, change = store.save_document(db, document)
        if change == "unchanged":
            summary.unchanged += 1
            continue
        setattr(summary, change, getattr(summary, change) + 1)
        to_extract.append((document_id, document))
    # Linked in the order a rebuild uses, so the cases do not depend on the order of the feed;
    # extracted in that order too, a bounded batch at a time.
    to_extract = [(document_id, document)
                  for document_id, document, _ in in_link_order([(i, d, None) for i, d in to_extract])]
    for first in range(0, len(to_extract), EXTRACT_BATCH):
        batch = to_extract[first:first + EXTRACT_BATCH]
        all_actions: list[list[Action] | None]
        try:
            all_actions = list(extractor.extract_many([doc for _, doc in batch], total=len(to_extract)))
        except Exception:
            logger.exception("batch extraction failed; extracting one document at a time")
            all_actions = [_extract_one(extractor.extractor, doc, summary) for _, doc in batch]
        for (document_id, document), actions in zip(batch, all_actions):
            if actions is None:
                continue
            link_one(db, document_id, document, actions, summary.failures)


def _extract_one(extractor: Extractor, document: Document, summary: SourceSummary) -> list[Action] | None:
    try:
        return extractor.extract(document.text, title=document.title, kind=document.kind,
                                 published=document.published, metadata=document.metadata)
    except Exception as exc:
        logger.exception("extraction failed for %s", document.url)
        summary.failures.append(ItemFailure(document.url, "extract_failed", f"{type(exc).__name__}: {exc}"))
        return None


def _source_status(summary: SourceSummary, result: SourceResult) -> str:
    if summary.failures or result.cut_short:
        return "partial"
    if not result.documents and result.unchanged:
        return "not_modified"
    return "ok"


def _run_status(summary: RunSummary) -> str:
    return {EXIT_OK: "ok", EXIT_SOME_FAILED: "partial", EXIT_NOTHING_DONE: "failed"}[summary.exit_status]


def asdict_summary(summary: SourceSummary) -> dict:
    """The source_runs columns for one summary."""
    return {
        "status": summary.status,
        "items_seen": summary.seen,
        "items_new": summary.new,
        "items_changed": summary.changed,
        "items_unchanged": summary.unchanged,
        "items_failed": summary.failed,
        "error_class": summary.error_class,
        "error_message": summary.error_message,
        "failures_json": json.dumps([asdict(f) for f in summary.failures]) if summary.failures else None,
    }


def _progress(sources: Sequence[Source], show: bool):
    if not show:
        return sources
    from tqdm import tqdm

    return tqdm(sources, desc="sources", unit="source", file=sys.stderr)
