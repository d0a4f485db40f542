"""`enforcement-monitor ingest`: documents a journalist already has, through the same path.

A saved article, an FOI response or a notice PDF goes through extract → link → store exactly as a
fetched one would, stored under its file:// URL, so it joins the case it reports on.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from pipeline import store
from pipeline.extract import TAXONOMY, Extractor
from pipeline.extract.parallel import ExtractionPool
from pipeline.fetch import RawArchive
from pipeline.fetch.archive import ArchiveWriteError
from pipeline.link import in_link_order
from pipeline.models import Action, Document
from pipeline.parsers.errors import ParseError
from pipeline.parsers.files import read_document
from pipeline.steps import link_one
from pipeline.store.organisations import known_names

logger = logging.getLogger(__name__)

INGEST_SOURCE = "ingest"


@dataclass
class IngestResult:
    path: str
    status: str                      # new | changed | unchanged | failed
    document_id: int | None = None
    case_ids: list[str] = field(default_factory=list)
    error: str | None = None


# Files per transaction: one commit (and fsync) per batch instead of per file, and a bound on the
# texts held in memory while a batch is extracted.
INGEST_BATCH = 256


def ingest_files(db_path: Path, paths: Sequence[Path], *, extractor: Extractor | None = None,
                 archive_dir: Path | None = None, workers: int | None = None) -> list[IngestResult]:
    """Ingest the files in batches: one transaction per batch, a savepoint per file.

    One unreadable file never stops the others. The batch's new and changed documents are
    extracted together, in `workers` processes when there are enough of them to pay for it
    (None: one per CPU); this process stays the only writer of the database.
    """
    db = store.prepare_db(db_path, taxonomy=TAXONOMY)
    archive = RawArchive(archive_dir or store.default_archive_dir(db_path))
    results: list[IngestResult] = []
    with ExtractionPool(workers, extractor=extractor, known_organisations=known_names(db)) as pool:
        for first in range(0, len(paths), INGEST_BATCH):
            results.extend(_ingest_batch(db, archive, pool, paths[first:first + INGEST_BATCH],
                                         total=len(paths)))
    return results


def _ingest_batch(db, archive: RawArchive, pool: ExtractionPool, paths: Sequence[Path], *,
                  total: int) -> list[IngestResult]:
    results: list[IngestResult] = []
    to_extract: list[tuple[IngestResult, Document]] = []
    try:
        with db.atomic():
            for path in paths:
                path = Path(path)
                try:
                    read = read_document(path)
                    raw_sha = archive.put(read.body)         # the bytes read once, not the path again
                except (ParseError, OSError) as exc:
                    reason = exc.strerror if isinstance(exc, ArchiveWriteError) else str(exc)
                    results.append(IngestResult(str(path), "failed", error=reason))
                    continue
                document = Document(url=path.resolve().as_uri(), source=INGEST_SOURCE, kind=read.kind,
                                    title=read.title, text=read.text, published=None,
                                    fetched_at=store.utc_now(), raw_sha256=raw_sha)
                with db.atomic():
                    document_id, change = store.save_document(db, document)
                result = IngestResult(str(path), change, document_id)
                results.append(result)
                # An unchanged file whose extraction never got stored is read again, not skipped.
                if change != "unchanged" or store.load_actions(db, document_id) is None:
                    to_extract.append((result, document))
                else:
                    result.case_ids = [row[0] for row in db.execute(
                        "select case_id from case_documents where document_id = ?", [document_id])]
            # Linked in the order a rebuild uses: the cases do not depend on the files' order.
            extracted = [(result.document_id, document, (result, actions))
                         for (result, document), actions in zip(to_extract, _extract(pool, to_extract, total))
                         if actions is not None and result.document_id is not None]
            for document_id, document, (result, actions) in in_link_order(extracted):
                result.case_ids = link_one(db, document_id, document, actions)
    except sqlite3.OperationalError as exc:
        # Locked past the busy timeout, disk full, read-only file: the same for every file after
        # this one, so stop with one line naming the database (earlier batches stay committed).
        raise store.DatabaseError(store.explain_db_error(db, exc)) from exc
    return results


def _extract(pool: ExtractionPool, items: list[tuple[IngestResult, Document]],
             total: int) -> list[list[Action] | None]:
    """The batch's actions; if the batch fails, one file at a time, so one bad file fails alone
    (its document stays stored, and `reparse` or the next ingest of it extracts it again)."""
    try:
        found: list[list[Action] | None] = list(pool.extract_many([document for _, document in items], total=total))
        return found
    except Exception:
        logger.exception("batch extraction failed; extracting one file at a time")
    all_actions: list[list[Action] | None] = []
    for result, document in items:
        try:
            all_actions.append(pool.extractor.extract(document.text, title=document.title,
                                                      kind=document.kind))
        except Exception as exc:
            logger.exception("extraction failed for %s", result.path)
            result.status, result.error = "failed", f"extraction failed: {type(exc).__name__}: {exc}"
            all_actions.append(None)
    return all_actions
