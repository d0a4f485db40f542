"""`enforcement-monitor ingest`: documents a journalist already has, through the same path.

A saved article, an FOI response or a notice PDF goes through extract → link → store exactly as a
fetched one would, stored under its file:// URL, so it joins the case it reports on.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from pipeline import store
from pipeline.extract import TAXONOMY, Extractor
from pipeline.fetch import RawArchive
from pipeline.models import Document
from pipeline.parsers.errors import ParseError
from pipeline.parsers.files import read_document_file
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
            title, text, kind = read_document_file(path)
            raw_sha = archive.put(path.read_bytes())
        except (ParseError, OSError) as exc:
            results.append(IngestResult(str(path), "failed", error=str(exc)))
            continue
        document = Document(url=path.resolve().as_uri(), source=INGEST_SOURCE, kind=kind,
                            title=title, text=text, published=None, fetched_at=store.utc_now(),
                            raw_sha256=raw_sha)
        with db.atomic():
            document_id, change = store.save_document(db, document)
            case_ids: list[str] = []
            if change != "unchanged":
                actions = extractor.extract(text, title=title, kind=kind)
                case_ids = link_one(db, document_id, document, actions)
            else:
                case_ids = [row[0] for row in db.execute(
                    "select case_id from case_documents where document_id = ?", [document_id])]
        results.append(IngestResult(str(path), change, document_id, case_ids))
    return results
