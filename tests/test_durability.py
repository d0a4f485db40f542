"""Durability: a run killed with SIGKILL at any moment leaves only whole sources (RELIABILITY.md P1,
P4, P6).

The pipeline writes each source in one transaction (pipeline/run.py). These tests kill a REAL
run, `python -m pipeline demo --no-serve`, in a subprocess, repeatedly, on the same database:
inside the 1st, 2nd and 3rd source's open transaction (tests/crash_run.py runs the same command
with a pause there, saying "crash-test: inside a source transaction"), then at random moments.
After every kill:

- `PRAGMA integrity_check` answers ok;
- every source is either whole (its documents and raw responses exactly those of a clean run) or
  absent; every stored document has its extraction;
- the next run marks the killed run 'incomplete';

and a final uninterrupted run yields the same case ids and document URLs as a clean run.
Publishing from a killed run's database (hot journal beside it), or from a killed WAL-mode
writer's (committed rows still in the -wal file), gives one self-contained file holding only
committed rows, and a corrupted working database is refused with the previous published file kept.

Every run uses the same mirror port, so document URLs (which contain it) match across runs.
"""
from __future__ import annotations

import hashlib
import logging
import os
import queue
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.publish.build import PublishError, integrity_problems, publish_database

logger = logging.getLogger(__name__)

pytestmark = pytest.mark.slow    # seven real demo runs in subprocesses: about a minute

REPO = Path(__file__).resolve().parents[1]
CRASH_RUN = Path(__file__).with_name("crash_run.py")
CRASH_LINE = "crash-test: inside a source transaction"
PAUSE_SECONDS = "0.8"            # long enough for the kill to land inside the transaction
RUN_TIMEOUT = 120                # one demo run takes ~15 s; this only stops a hung test
RANDOM_KILLS = 2
# Random kills: the run pauses briefly in every transaction, and the kill comes a random delay
# after it first enters one: inside a transaction, while committing, between sources or while
# collecting the next one.
RANDOM_PAUSE = "0.4"
RANDOM_WINDOW = (0.0, 3.0)
SEED = int(os.environ.get("DURABILITY_SEED", "20261123"))


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


@dataclass
class DemoRun:
    """A `python -m pipeline demo --no-serve` subprocess whose stderr lines are queued."""

    process: subprocess.Popen
    lines: "queue.Queue[str | None]"

    @classmethod
    def start(cls, db: Path, port: int, *, pause: str | None) -> "DemoRun":
        arguments = ["demo", "--no-serve", "--db", str(db), "--mirror-port", str(port)]
        launcher = ["-m", "pipeline"] if pause is None else [str(CRASH_RUN), pause]
        process = subprocess.Popen(
            [sys.executable, *launcher, *arguments],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                lines.put(line.rstrip("\n"))
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        return cls(process, lines)

    def wait_for_transaction(self, nth: int) -> None:
        """Block until the run has said it is inside its `nth` source transaction."""
        seen = 0
        deadline = time.monotonic() + RUN_TIMEOUT
        while seen < nth:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"the run ended before its transaction #{nth}")
            if line == CRASH_LINE:
                seen += 1

    def kill(self) -> None:
        """SIGKILL this run (our own child, by its pid) and reap it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def finish(self) -> int:
        try:
            return self.process.wait(timeout=RUN_TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.kill()


def documents_by_source(db: Path) -> dict[str, set[tuple[str, str]]]:
    conn = sqlite3.connect(db)
    try:
        result: dict[str, set[tuple[str, str]]] = {}
        for source, url, sha in conn.execute("SELECT source, url, content_sha256 FROM documents"):
            result.setdefault(source, set()).add((url, sha))
        return result
    finally:
        conn.close()


def raw_by_source(db: Path) -> dict[str, set[tuple[str, str]]]:
    conn = sqlite3.connect(db)
    try:
        result: dict[str, set[tuple[str, str]]] = {}
        for source, url, sha in conn.execute("SELECT source, url, sha256 FROM raw_responses"):
            result.setdefault(source, set()).add((url, sha))
        return result
    finally:
        conn.close()


def case_ids(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM cases")}
    finally:
        conn.close()


def run_statuses(db: Path) -> dict[int, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, status FROM runs"))
    finally:
        conn.close()


def integrity_as_the_next_run_sees_it(db: Path) -> list[str]:
    """`PRAGMA integrity_check` after a read-write open, which rolls back the hot journal a kill in
    the middle of a write leaves, as the next run's open does. (`integrity_problems` opens read-only,
    for published files: there a hot journal reads as "attempt to write a readonly database".)"""
    conn = sqlite3.connect(db)
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def assert_only_whole_sources(db: Path, clean: Path) -> dict[str, str]:
    """Every source is whole (as in the clean run) or absent. Returns {source: 'whole'|'absent'}."""
    problems = integrity_as_the_next_run_sees_it(db)
    assert problems == [], f"integrity_check after a kill: {problems}"
    want_docs, got_docs = documents_by_source(clean), documents_by_source(db)
    want_raw, got_raw = raw_by_source(clean), raw_by_source(db)
    assert set(got_docs) <= set(want_docs), f"unknown sources stored: {set(got_docs) - set(want_docs)}"
    states = {}
    for source in want_docs:
        docs, raw = got_docs.get(source, set()), got_raw.get(source, set())
        if not docs and not raw:
            states[source] = "absent"
            continue
        assert docs == want_docs[source], f"{source}: {len(docs)} of {len(want_docs[source])} documents"
        assert raw == want_raw.get(source, set()), f"{source}: raw responses half-written"
        states[source] = "whole"
    conn = sqlite3.connect(db)
    try:
        unextracted = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM extractions e WHERE e.document_id = d.id)").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM case_documents cd WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.id = cd.document_id)").fetchone()[0]
    finally:
        conn.close()
    assert unextracted == 0, f"{unextracted} documents stored without their extraction"
    assert orphans == 0, f"{orphans} case links point at missing documents"
    return states


@pytest.fixture(scope="module")
def mirror_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory: pytest.TempPathFactory, mirror_port: int) -> Path:
    """A database from one uninterrupted demo run: what 'whole' means."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    run = DemoRun.start(db, mirror_port, pause=None)
    assert run.finish() == 0
    return db


@dataclass
class KillRecord:
    what: str
    run_id: int
    states: dict[str, str]


@pytest.fixture(scope="module")
def killed_runs(tmp_path_factory: pytest.TempPathFactory, mirror_port: int,
                clean_db: Path) -> tuple[Path, list[KillRecord], Path]:
    """Kill runs on one database, in the 1st, 2nd and 3rd source transaction, then at random
    moments, checking after each; keep a copy (with its journal) of the database right after the
    first mid-transaction kill for the publish test."""
    root = tmp_path_factory.mktemp("killed")
    db = root / "work.db"
    after_first_kill = root / "after-first-kill"
    after_first_kill.mkdir()
    records: list[KillRecord] = []
    rng = random.Random(SEED)

    def kill(what: str, nth: int | None = None, at: float | None = None) -> bool:
        """One run, killed in its `nth` transaction or `at` seconds; False if it ended first."""
        before = max(run_statuses(db)) if db.exists() else 0
        run = DemoRun.start(db, mirror_port, pause=PAUSE_SECONDS if nth else RANDOM_PAUSE)
        try:
            if nth is not None:
                run.wait_for_transaction(nth)
            else:
                # A random moment of the writing phase: after the run first enters a source
                # transaction (startup and the model load come before), `at` seconds later.
                run.wait_for_transaction(1)
                try:
                    run.process.wait(timeout=at)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            finished_first = run.process.poll() is not None
            run.kill()
        if not after_first_kill.joinpath("work.db").exists() and nth is not None:
            for path in root.glob("work.db*"):       # the db and its hot journal, untouched
                shutil.copy(path, after_first_kill / path.name)
        states = assert_only_whole_sources(db, clean_db)
        if finished_first:
            return False
        statuses = run_statuses(db)
        killed_id = max(statuses)
        if killed_id > before and statuses[killed_id] != "running":
            # Killed after the run had finished writing (while it printed its summary): the
            # run is complete, not a kill inside the pipeline's work.
            assert statuses[killed_id] == "ok", statuses[killed_id]
            return False
        if killed_id > before:        # killed after it recorded its start
            records.append(KillRecord(what, killed_id, states))
        else:                         # killed while still starting up: nothing to mark
            records.append(KillRecord(what, 0, states))
        return True

    for nth in (1, 2, 3):
        assert kill(f"inside source transaction #{nth}", nth=nth)
    random_kills = 0
    for _ in range(RANDOM_KILLS * 3):
        moment = round(rng.uniform(*RANDOM_WINDOW), 2)
        random_kills += kill(f"{moment}s into the writing phase (seed {SEED})", at=moment)
        if random_kills == RANDOM_KILLS:
            break
    final = DemoRun.start(db, mirror_port, pause=None)
    assert final.finish() == 0, "the run after the kills did not complete"
    return db, records, after_first_kill / "work.db"


def test_kills_leave_a_sound_database_of_whole_sources(killed_runs) -> None:
    db, records, _ = killed_runs
    assert len(records) == 3 + RANDOM_KILLS, [r.what for r in records]
    # Killing inside the nth transaction: the sources before it are whole, it and later absent
    # (on the first kill nothing is stored yet; later kills find earlier sources already stored).
    first = records[0].states
    assert set(first.values()) == {"absent"}
    second = records[1].states
    assert list(second.values()).count("whole") >= 1
    third = records[2].states
    assert list(third.values()).count("whole") >= 2
    for record in records:
        logger.info("kill %s: %s", record.what, record.states)


def test_killed_runs_are_marked_incomplete_by_the_next_run(killed_runs) -> None:
    db, records, _ = killed_runs
    statuses = run_statuses(db)
    marked = [r for r in records if r.run_id]
    assert len(marked) >= 3
    for record in marked:
        assert statuses[record.run_id] == "incomplete", f"run killed {record.what}"
    assert "running" not in statuses.values()
    assert statuses[max(statuses)] == "ok"


def test_the_run_after_the_kills_equals_a_clean_run(killed_runs, clean_db: Path) -> None:
    db, _, _ = killed_runs
    assert integrity_problems(db) == []
    assert documents_by_source(db) == documents_by_source(clean_db)
    assert case_ids(db) == case_ids(clean_db)


def test_a_rebuild_from_the_killed_runs_archive_loses_nothing(killed_runs, tmp_path: Path) -> None:
    """Issue 14 #4: after the kills, `reparse` from the raw archive alone (index.jsonl and the
    bodies) rebuilds every document and case of the working database."""
    from pipeline.reparse import reparse

    db, _, _ = killed_runs
    rebuilt = tmp_path / "rebuilt.db"
    reparse(rebuilt, archive_dir=db.parent / "raw")
    assert documents_by_source(rebuilt) == documents_by_source(db)
    assert case_ids(rebuilt) == case_ids(db)


def test_publish_from_a_killed_database_is_one_self_contained_file(killed_runs, tmp_path: Path) -> None:
    """A working database with a hot journal beside it (SIGKILL mid-transaction) publishes as one
    file that needs nothing beside it, holding only the committed rows."""
    _, _, killed_copy = killed_runs
    leftovers = [p for p in killed_copy.parent.iterdir() if p.name != killed_copy.name]
    assert leftovers, "expected a -journal/-wal file left by the kill"
    working = tmp_path / "work.db"
    for path in killed_copy.parent.iterdir():
        shutil.copy(path, tmp_path / path.name)
    published = tmp_path / "site" / "enforcement.db"
    publish_database(working, published)
    assert sorted(p.name for p in published.parent.iterdir()) == ["enforcement.db"]
    # Moved on its own, the file is complete: no journal or WAL is needed to read it.
    alone = tmp_path / "alone" / "copy.db"
    alone.parent.mkdir()
    shutil.copy(published, alone)
    assert integrity_problems(alone) == []
    conn = sqlite3.connect(alone)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0   # killed in tx #1
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corrupted_working_database_is_refused_and_the_old_file_stays(clean_db: Path, tmp_path: Path) -> None:
    published = tmp_path / "site" / "enforcement.db"
    publish_database(clean_db, published)
    good = _sha256(published)

    corrupt = tmp_path / "corrupt.db"
    shutil.copy(clean_db, corrupt)
    size = corrupt.stat().st_size
    with open(corrupt, "r+b") as handle:            # scribble over pages in the middle
        handle.seek(size // 2)
        handle.write(os.urandom(8192))
    with pytest.raises(PublishError):
        publish_database(corrupt, published)
    assert _sha256(published) == good
    assert sorted(p.name for p in published.parent.iterdir()) == ["enforcement.db"]

    truncated = tmp_path / "truncated.db"
    shutil.copy(clean_db, truncated)
    os.truncate(truncated, size // 3)
    with pytest.raises(PublishError):
        publish_database(truncated, published)
    assert _sha256(published) == good


WAL_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
conn.execute("PRAGMA wal_autocheckpoint=0")          # keep the committed row in the -wal file
conn.execute("INSERT INTO runs (started_at, status, command) VALUES ('2026-11-23', 'ok', 'wal-committed')")
conn.execute("BEGIN")
conn.execute("INSERT INTO runs (started_at, status, command) VALUES ('2026-11-23', 'ok', 'wal-uncommitted')")
print("ready", flush=True)
time.sleep(60)
"""


def test_publish_from_a_killed_wal_database_keeps_committed_rows_only(clean_db: Path, tmp_path: Path) -> None:
    """P6, WAL variant: a writer in WAL mode is killed with a committed row still only in the
    -wal file and an uncommitted one pending. The published file holds the committed row, not
    the other, is in rollback-journal mode and needs no -wal/-shm beside it."""
    working = tmp_path / "wal.db"
    shutil.copy(clean_db, working)
    writer = subprocess.Popen([sys.executable, "-c", WAL_WRITER, str(working)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    assert (tmp_path / "wal.db-wal").exists(), "expected the -wal file the kill left behind"
    published = tmp_path / "site" / "enforcement.db"
    publish_database(working, published)
    assert sorted(p.name for p in published.parent.iterdir()) == ["enforcement.db"]
    with open(published, "rb") as handle:
        header = handle.read(20)
    assert header[18:20] == b"\x01\x01", "published file is in WAL mode: it would need a -shm to be read"
    conn = sqlite3.connect(f"{published.as_uri()}?mode=ro", uri=True)
    try:
        commands = {r[0] for r in conn.execute("SELECT command FROM runs WHERE command LIKE 'wal-%'")}
    finally:
        conn.close()
    assert commands == {"wal-committed"}
