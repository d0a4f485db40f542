"""A run against the offline mirror under faults issue 14 found (#4, #5, #12, the time budget).

- The raw archive's index can never lag the database: each source's records are in index.jsonl
  (fsynced) before its transaction commits, so a rebuild from the archive alone has every
  document and case of the working database, even with the index deleted or torn.
- The same search-API answer fetched again is not appended again.
- An archive that cannot be written costs the sources that need it one clear line each, never a
  traceback, and the run goes on and is recorded as what it was.
- The run's time budget ends the current source cleanly and records the rest as skipped.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import pipeline.run as run_module
from pipeline import store
from pipeline.demo.mirror_server import MirrorServer
from pipeline.demo.runner import DEMO_FEEDS
from pipeline.fetch.archive import RAW_INDEX_NAME, read_raw_index, record_key
from pipeline.reparse import reparse
from pipeline.run import EXIT_OK, EXIT_SOME_FAILED, run_sources
from pipeline.sources import load_sources, with_base_url

pytestmark = pytest.mark.slow     # a few real runs over the mirror


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer(port=0) as server:
        yield server


def demo_sources(mirror):
    return [with_base_url(source, mirror.base_url) for source in load_sources(DEMO_FEEDS)]


def run(db: Path, mirror, extractor, **kwargs):
    return run_sources(db, demo_sources(mirror), allow_private_hosts={mirror.host_port},
                       extractor=extractor, progress=False, **kwargs)


def rows(db: Path, sql: str) -> set[tuple]:
    conn = sqlite3.connect(db)
    try:
        return set(conn.execute(sql).fetchall())
    finally:
        conn.close()


def documents(db: Path) -> set[tuple]:
    return rows(db, "SELECT source, url, content_sha256 FROM documents")


def cases(db: Path) -> set[tuple]:
    return rows(db, "SELECT id FROM cases")


def test_index_is_written_before_each_source_commits_and_never_repeats(tmp_path, mirror, extractor,
                                                                      monkeypatch):
    db = tmp_path / "work.db"
    archive = tmp_path / "raw"
    missing_at_commit: list[str] = []
    original = store.save_http_state

    def check_then_save(database, states):
        """Inside the source's transaction: every raw response it stores is indexed already."""
        indexed = {(r["sha256"], r["url"]) for r in read_raw_index(archive).records}
        for sha, url in database.execute("SELECT sha256, url FROM raw_responses").fetchall():
            if (sha, url) not in indexed:
                missing_at_commit.append(url)
        return original(database, states)

    monkeypatch.setattr(store, "save_http_state", check_then_save)
    assert run(db, mirror, extractor, archive_dir=archive).exit_status == EXIT_OK
    assert missing_at_commit == []
    first = (archive / RAW_INDEX_NAME).read_bytes()
    assert run(db, mirror, extractor, archive_dir=archive).exit_status == EXIT_OK
    # Issue 14 #12: the search API's answers (fetched again every run) are not appended again.
    assert (archive / RAW_INDEX_NAME).read_bytes() == first
    keys = [record_key(r) for r in read_raw_index(archive).records]
    assert len(keys) == len(set(keys))


def test_rebuild_from_the_archive_alone_loses_nothing(tmp_path, mirror, extractor):
    db = tmp_path / "work.db"
    archive = tmp_path / "raw"
    assert run(db, mirror, extractor, archive_dir=archive).exit_status == EXIT_OK
    index = archive / RAW_INDEX_NAME
    # A torn line at the end (a crash mid-append), then a run that appends after it.
    with open(index, "ab") as handle:
        handle.write(b'{"context": {}, "content_type": "text/ht')
    assert run(db, mirror, extractor, archive_dir=archive).exit_status == EXIT_OK

    rebuilt = tmp_path / "rebuilt.db"
    reparse(rebuilt, archive_dir=archive, extractor=extractor)
    assert documents(rebuilt) == documents(db)
    assert cases(rebuilt) == cases(db)

    index.unlink()                              # the index lost altogether
    again = tmp_path / "again.db"
    reparse(again, archive_dir=archive, extractor=extractor)
    assert documents(again) == documents(db)
    assert cases(again) == cases(db)
    assert index.exists()                       # rebuilt from the record files beside the bodies
    assert read_raw_index(archive).sound


def test_an_unwritable_archive_is_one_line_and_the_run_goes_on(tmp_path, mirror, extractor,
                                                              monkeypatch, caplog):
    """The archive folder turns unusable after the first source (disk full, read-only folder:
    here a file where the folder was, which refuses writes even to root)."""
    db = tmp_path / "work.db"
    archive = tmp_path / "raw"
    calls = {"n": 0}
    original = run_module.collect

    def collect_then_break(source, fetcher):
        calls["n"] += 1
        if calls["n"] == 2:
            shutil.rmtree(archive)
            archive.write_text("not a folder")
        return original(source, fetcher)

    monkeypatch.setattr(run_module, "collect", collect_then_break)
    caplog.set_level(logging.WARNING)
    summary = run(db, mirror, extractor, archive_dir=archive)
    assert summary.exit_status == EXIT_SOME_FAILED
    by_source = {s.source: s for s in summary.sources}
    first, *rest = [s.source for s in summary.sources]
    assert by_source[first].status == "ok"
    for source in rest:
        assert by_source[source].status in ("error", "partial"), by_source[source]
        assert "archive_write_failed" in by_source[source].reason
    assert [r for r in caplog.records if r.exc_info] == []          # no traceback walls
    lines = [r.getMessage() for r in caplog.records if "cannot write the raw archive" in r.getMessage()]
    assert lines and all(str(archive) in line for line in lines)
    assert len(lines) <= len(rest) + 1
    assert rows(db, "SELECT status FROM runs") == {("partial",)}     # not 'failed': source 1 committed
    assert {s for (s,) in rows(db, "SELECT DISTINCT source FROM documents")} == {first}


def test_the_time_budget_ends_the_current_source_and_skips_the_rest(tmp_path, mirror, extractor,
                                                                    monkeypatch):
    db = tmp_path / "work.db"
    order = [s.id for s in demo_sources(mirror)]
    feed_source = order[2]                     # a feed with articles to fetch
    original_collect = run_module.collect

    def collect(source, fetcher):
        if source.id == feed_source:
            original_get = fetcher.get
            state = {"calls": 0}

            def get(url, **kwargs):
                state["calls"] += 1
                if state["calls"] == 3:          # the feed and one article in, then time is up
                    fetcher.run_deadline = time.monotonic()
                return original_get(url, **kwargs)

            fetcher.get = get
            try:
                return original_collect(source, fetcher)
            finally:
                del fetcher.get
        return original_collect(source, fetcher)

    monkeypatch.setattr(run_module, "collect", collect)
    started = time.monotonic()
    summary = run(db, mirror, extractor, max_minutes=60)
    assert time.monotonic() - started < 600
    by_source = {s.source: s for s in summary.sources}
    assert [by_source[s].status for s in order[:2]] == ["ok", "ok"]
    current = by_source[feed_source]
    assert current.status == "partial"
    assert {f.error_class for f in current.failures} == {"time_budget_exhausted"}
    stored = {s for (s,) in rows(db, "SELECT DISTINCT source FROM documents")}
    assert feed_source in stored                # what it had is committed
    for later in order[3:]:
        assert by_source[later].status == "skipped"
        assert later not in stored
    assert summary.exit_status == EXIT_SOME_FAILED
    recorded = dict(rows(db, "SELECT source, status FROM source_runs"))
    assert all(recorded[s] == "skipped" for s in order[3:])
    assert rows(db, "SELECT status FROM runs") == {("partial",)}


def test_a_budget_spent_before_the_register_is_listed_is_partial_not_an_error(tmp_path, mirror, extractor):
    """The ICO collector stops before a request the budget cannot afford (its crawl delay plus a
    margin). Stopping before page 1 lists nothing; that is the budget, not an empty register, so
    the source is `partial` (picked up next run), never `extraction_empty`."""
    summary = run(tmp_path / "work.db", mirror, extractor, max_minutes=0.01)
    ico = [s for s in summary.sources if s.source.startswith("ico-")]
    assert ico
    for source in ico:
        assert source.error_class != "extraction_empty", source
        assert source.status in ("partial", "skipped"), source
    assert any("time budget spent" in w for s in ico for w in s.warnings) or \
        all(s.status == "skipped" for s in ico)
