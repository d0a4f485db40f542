"""Two writers on one database: the second waits the busy timeout instead of failing at once
(issue 14 #7), and a lock that outlasts it is one line naming the file and the option to raise.

SQLite refuses a lock at once, without calling the busy handler, when a transaction that has
already read asks to write while another connection is writing (waiting could deadlock). So
every transaction of ours that writes starts with BEGIN IMMEDIATE: it takes the write lock
first, and waiting for it is safe.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

import pipeline.store.db as store_db
from pipeline import store
from pipeline.models import Document

HOLD_SECONDS = 0.8


def _shaped_db(path: Path) -> Path:
    store.prepare_db(path).close()
    return path


class Blocker:
    """Another process's writer: holds a write transaction on `path` for `seconds`, then commits."""

    def __init__(self, path: Path, seconds: float):
        self.path, self.seconds = path, seconds
        self.holding = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        conn = sqlite3.connect(str(self.path), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO runs (started_at, status, command) VALUES ('2026-11-29', 'ok', 'other')")
            self.holding.set()
            time.sleep(self.seconds)
            conn.execute("COMMIT")
        finally:
            conn.close()

    def __enter__(self) -> Blocker:
        self.thread.start()
        assert self.holding.wait(10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.thread.join(30)


def _document(n: int) -> Document:
    return Document(url=f"file:///notes/{n}.txt", source="ingest", kind="file", title=f"Note {n}",
                    text=f"The ICO fined Example {n} Ltd £1,000.", published=None,
                    fetched_at="2026-11-29T10:00:00Z")


def test_schema_update_waits_for_another_writer(tmp_path, monkeypatch):
    path = _shaped_db(tmp_path / "shared.db")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 10_000)
    with Blocker(path, HOLD_SECONDS):
        started = time.monotonic()
        db = store.prepare_db(path)          # must wait, not fail with "database is locked"
        waited = time.monotonic() - started
    db.close()
    assert waited >= HOLD_SECONDS / 2


def test_a_transaction_that_reads_before_it_writes_waits_for_another_writer(tmp_path, monkeypatch):
    """ingest's shape: save_document reads (is the URL known?) before it writes."""
    path = _shaped_db(tmp_path / "shared.db")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 10_000)
    db = store.open_db(path)
    with Blocker(path, HOLD_SECONDS):
        with db.atomic():
            _, change = store.save_document(db, _document(1))
    assert change == "new"
    assert db.execute("SELECT count(*) FROM runs WHERE command = 'other'").fetchone()[0] == 1
    db.close()


def test_two_concurrent_ingest_style_writers_both_succeed(tmp_path, monkeypatch):
    path = _shaped_db(tmp_path / "shared.db")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 20_000)
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            db = store.prepare_db(path)
            for n in range(offset, offset + 15):
                with db.atomic():
                    store.save_document(db, _document(n))
                    time.sleep(0.01)        # hold the transaction a moment: make them overlap
            db.close()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 30
    conn.close()


def test_a_lock_that_outlasts_the_timeout_names_the_file_and_the_option(tmp_path, monkeypatch):
    path = _shaped_db(tmp_path / "shared.db")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    with Blocker(path, 2.0):
        with pytest.raises(store.DatabaseError) as caught:
            store.prepare_db(path)
    message = str(caught.value)
    assert str(path) in message and "locked" in message
    assert "ENFORCEMENT_MONITOR_BUSY_TIMEOUT" in message
    assert "\n" not in message
