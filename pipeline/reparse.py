"""`enforcement-monitor reparse`: replay the raw archive through today's parsers and extractor.

Because every response was archived pristine before it was parsed, a parser or extractor fix
can be applied to the whole history without fetching anything again, and a database can be
rebuilt from the archive alone (with the same case ids: linking is deterministic).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline import store
from pipeline.collect import RawRecord
from pipeline.collect.replay import documents_from_raw
from pipeline.extract import EXTRACTOR_VERSION, TAXONOMY, Extractor
from pipeline.fetch import RawArchive
from pipeline.fetch.archive import read_raw_index, rebuild_raw_index
from pipeline.link import document_from_row, rebuild_cases

logger = logging.getLogger(__name__)


@dataclass
class ReparseSummary:
    records: int = 0
    documents: int = 0
    changed: int = 0
    extracted: int = 0
    failed: int = 0
    cases: int = 0


def reparse(db_path: Path, *, archive_dir: Path | None = None,
            extractor: Extractor | None = None) -> ReparseSummary:
    db = store.prepare_db(db_path, taxonomy=TAXONOMY)
    archive = RawArchive(archive_dir or store.default_archive_dir(db_path))
    summary = ReparseSummary()
    with db.atomic():
        for record in _index_records(archive):
            summary.records += 1
            try:
                documents = documents_from_raw(record, archive.get(record.sha256))
            except Exception as exc:     # one unreadable record never stops the replay
                logger.warning("cannot replay %s (%s): %s", record.url, record.sha256[:12], exc)
                summary.failed += 1
                continue
            for document in documents:
                _, change = store.save_document(db, document)
                summary.documents += 1
                summary.changed += change != "unchanged"
        summary.extracted = _extract_stale(db, extractor)
        rebuild_cases(db)
    summary.cases = db.execute("select count(*) from cases").fetchone()[0]
    return summary


def _index_records(archive: RawArchive) -> list[RawRecord]:
    """The archive's records, oldest first, each once; the index is rebuilt from the archive's
    own record files first when it is missing or has damaged lines."""
    index = read_raw_index(archive.root)
    records = index.records if index.sound else rebuild_raw_index(archive.root)
    seen: set[tuple] = set()
    result = []
    for fields in records:
        key = (fields.get("sha256"), fields.get("url"), fields.get("parser"),
               repr(sorted((fields.get("context") or {}).items())))
        if key in seen:
            continue
        seen.add(key)
        try:
            result.append(RawRecord(**fields))
        except TypeError:
            logger.warning("skipping an index record of an unknown shape: %s", fields.get("url"))
    return result


def _extract_stale(db, extractor: Extractor | None) -> int:
    """Extract every document whose current text has no extraction by this extractor version."""
    rows = list(db.query(
        """select d.* from documents d left join extractions e
             on e.document_id = d.id and e.content_sha256 = d.content_sha256
            and e.extractor_version = :version
           where e.document_id is null order by d.id""",
        {"version": EXTRACTOR_VERSION},
    ))
    if not rows:
        return 0
    extractor = extractor or Extractor()
    documents = [document_from_row(row) for row in rows]
    for row, document, actions in zip(rows, documents, extractor.extract_many(documents)):
        store.save_extraction(db, row["id"], document, actions, extractor_version=EXTRACTOR_VERSION)
    return len(rows)

