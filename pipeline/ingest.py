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
from pipeline.fetch import RawArchive
from pipeline.fetch.archive import ArchiveWriteError
from pipeline.models import Document
from pipeline.parsers.errors import ParseError
from pipeline.parsers.files import read_document
from pipeline.steps import link_one

logger = logging.getLogger(__name__)

INGEST_SOURCE = "ingest"


@dataclass
class IngestResult:
    path: str
    status: str                      # new | changed | unchanged | failed
    document_id: int | None = None
    case_ids: list[str] = field(default_factory=list)
    error: str | None = None


def ingest_files(db_path: Path, paths: Sequence[Path], *, extractor: Extractor | None = None,
                 archive_dir: Path | None = None) -> list[IngestResult]:
    """Ingest each file in its own transaction; one unreadable file never stops the others."""
    db = store.prepare_db(db_path, taxonomy=TAXONOMY)
    archive = RawArchive(archive_dir or store.default_archive_dir(db_path))
    extractor = extractor or Extractor()
    results = []
    for path in paths:
        path = Path(path)
        try:
            read = read_document(path)
            title, text, kind = read.title, read.text, read.kind
            raw_sha = archive.put(read.body)         # the bytes read once, not the path again
        except (ParseError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, ArchiveWriteError) else str(exc)
            results.append(IngestResult(str(path), "failed", error=reason))
            continue
        document = Document(url=path.resolve().as_uri(), source=INGEST_SOURCE, kind=kind,
                            title=title, text=text, published=None, fetched_at=store.utc_now(),
                            raw_sha256=raw_sha)
        try:
            with db.atomic():
                document_id, change = store.save_document(db, document)
                case_ids: list[str] = []
                if change != "unchanged":
                    actions = extractor.extract(text, title=title, kind=kind)
                    case_ids = link_one(db, document_id, document, actions)
                else:
                    case_ids = [row[0] for row in db.execute(
                        "select case_id from case_documents where document_id = ?", [document_id])]
        except sqlite3.OperationalError as exc:
            # Locked past the busy timeout, disk full, read-only file: the same for every file
            # after this one, so stop with one line naming the database (what is done stays).
            raise store.DatabaseError(store.explain_db_error(db, exc)) from exc
        results.append(IngestResult(str(path), change, document_id, case_ids))
    return results
