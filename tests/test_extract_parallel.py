"""Extraction in worker processes gives exactly the actions of extraction in one process.

The documents are the demo's own: its register pages, ICO news, press articles and notice texts
(tools/demo_mirror, which the mirror is built from), so every shape of document the pipeline meets goes through both paths.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.extract.parallel import (
    CHUNK_DOCUMENTS,
    ExtractionPool,
    default_workers,
    worth_a_pool,
)
from pipeline.models import Document
from tools.demo_mirror.cases import ARTICLES, ENFORCEMENT, NEWS

NOTICE_TEXTS = Path(__file__).resolve().parents[1] / "tools" / "demo_mirror" / "notice_texts"
FETCHED = "2026-11-01T00:00:00+00:00"


def demo_documents() -> list[Document]:
    documents = []
    for case in ENFORCEMENT:
        documents.append(Document(
            url=f"https://ico.example{case.url}", source="ico-enforcement", kind="enforcement_page",
            title=case.title, text="\n\n".join((case.description, *case.summary)), published=None,
            fetched_at=FETCHED, outlet="ICO",
            metadata={"listed_type": case.type, "organisation": case.title}))
    for item in NEWS:
        documents.append(Document(
            url=f"https://ico.example{item.url}", source="ico-news", kind="press_release",
            title=item.title, text="\n\n".join(item.paragraphs), published=item.iso_date[:10],
            fetched_at=FETCHED, outlet="ICO"))
    for article in ARTICLES:
        documents.append(Document(
            url=f"https://press.example/{article.slug}/", source=article.feed, kind="article",
            title=article.title, text="\n\n".join(article.paragraphs),
            published=article.published[:10], fetched_at=FETCHED, outlet=article.outlet_key))
    for path in sorted(NOTICE_TEXTS.rglob("*.txt")):
        documents.append(Document(
            url=f"https://ico.example/{path.relative_to(NOTICE_TEXTS)}", source="ico-enforcement",
            kind="notice", title=path.stem, text=path.read_text(encoding="utf-8"), published=None,
            fetched_at=FETCHED, outlet="ICO"))
    return documents


def as_json(all_actions) -> list[list[dict]]:
    return [[action.to_json() for action in actions] for actions in all_actions]


def test_worker_processes_give_the_actions_of_one_process(extractor: Extractor) -> None:
    documents = demo_documents()
    assert len(documents) > CHUNK_DOCUMENTS, "enough documents for more than one chunk"
    single = as_json(extractor.extract_many(documents))
    assert any(actions for actions in single), "the demo documents report actions"
    with ExtractionPool(workers=2, always=True) as pool:
        parallel = as_json(pool.extract_many(documents))
        assert pool._executor is not None, "the batch really went to worker processes"
        # A second batch reuses the running workers and is just as faithful.
        again = as_json(pool.extract_many(list(reversed(documents))))
    assert parallel == single
    assert again == list(reversed(single))


def test_small_batches_stay_in_this_process(extractor: Extractor) -> None:
    documents = demo_documents()[:3]
    assert not worth_a_pool(documents, 4)
    with ExtractionPool(workers=4, extractor=extractor) as pool:
        assert as_json(pool.extract_many(documents)) == as_json(extractor.extract_many(documents))
        assert pool._executor is None
    with ExtractionPool(workers=1, extractor=extractor, always=True) as pool:
        pool.extract_many(documents)
        assert pool._executor is None, "one worker is this process"
    assert default_workers() >= 1


def test_ingest_with_workers_stores_what_one_process_stores(tmp_path: Path, extractor: Extractor,
                                                            caplog: pytest.LogCaptureFixture,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest` of enough files to start the pool: the stored extractions and cases are those of
    a single-process ingest of the same files. (The threshold is lowered so that a few dozen
    files, in batches smaller than it, start the pool: the job's size decides, not the batch's.)"""
    from pipeline import ingest
    from pipeline.extract import parallel
    from pipeline.ingest import ingest_files

    monkeypatch.setattr(parallel, "MIN_DOCUMENTS_PER_WORKER", 10)
    monkeypatch.setattr(ingest, "INGEST_BATCH", 16)

    folder = tmp_path / "files"
    folder.mkdir()
    documents = demo_documents()
    paths: list[Path] = []
    while len(paths) < 40:
        document = documents[len(paths) % len(documents)]
        path = folder / f"{len(paths):04d}.txt"
        path.write_text(f"{document.title}\n\n{document.text}\n", encoding="utf-8")
        paths.append(path)

    def stored(db_path: Path) -> tuple[list, list]:
        with sqlite3.connect(db_path) as conn:
            actions = conn.execute("select d.url, e.actions_json from extractions e join documents d "
                                   "on d.id = e.document_id order by d.url").fetchall()
            cases = conn.execute("select d.url, c.case_id from case_documents c join documents d "
                                 "on d.id = c.document_id order by d.url, c.case_id").fetchall()
        return actions, cases

    single = ingest_files(tmp_path / "one.db", paths, extractor=extractor, workers=1,
                          archive_dir=tmp_path / "raw1")
    with caplog.at_level(logging.INFO, logger="pipeline.extract.parallel"):
        in_parallel = ingest_files(tmp_path / "two.db", paths, workers=2, archive_dir=tmp_path / "raw2")
    assert "starting 2 extraction workers" in caplog.text
    assert [r.status for r in in_parallel] == [r.status for r in single] == ["new"] * len(paths)
    assert [r.case_ids for r in in_parallel] == [r.case_ids for r in single]
    one, two = stored(tmp_path / "one.db"), stored(tmp_path / "two.db")
    assert len(one[0]) == len(paths) and one[1], "every file extracted, some linked"
    assert two == one
