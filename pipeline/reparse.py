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
from pipeline.extract.parallel import ExtractionPool
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
            extractor: Extractor | None = None, workers: int | None = None) -> ReparseSummary:
    """Replay the archive, re-extract what today's extractor has not read, relink every case.

    `workers`: extraction processes when there is much to re-extract (None: one per CPU).
    """
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
        summary.extracted = _extract_stale(db, extractor, workers)
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


# Documents re-extracted per step: bounds the texts held in memory, whatever the archive's size.
EXTRACT_BATCH = 256


def _extract_stale(db, extractor: Extractor | None, workers: int | None = None) -> int:
    """Extract every document whose current text has no extraction by this extractor version.

    The stale ids are read first and their texts fetched a batch at a time, so memory stays flat;
    each batch is extracted in worker processes when it is big enough to pay for them.
    """
    stale = [row[0] for row in db.execute(
        """select d.id from documents d left join extractions e
             on e.document_id = d.id and e.content_sha256 = d.content_sha256
            and e.extractor_version = ?
           where e.document_id is null order by d.id""",
        [EXTRACTOR_VERSION],
    )]
    if not stale:
        return 0
    with ExtractionPool(workers, extractor=extractor) as pool:
        for first in range(0, len(stale), EXTRACT_BATCH):
            ids = stale[first:first + EXTRACT_BATCH]
            rows = list(db.query(
                f"select * from documents where id in ({', '.join('?' for _ in ids)}) order by id", ids))
            documents = [document_from_row(row) for row in rows]
            for row, document, actions in zip(rows, documents, pool.extract_many(documents, total=len(stale))):
                store.save_extraction(db, row["id"], document, actions, extractor_version=EXTRACTOR_VERSION)
    return len(stale)
