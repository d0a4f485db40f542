"""The attacks of issue 14 (and the run-wide time budget), each tried against the real program.

Used by benchmarks/fault_matrix.py. Every attack is a function that tries one kind of fault one
or more times and returns a Trial per try, saying whether the program survived it (did what the
issue asks: one clear line, nothing lost, the run goes on), how many committed rows were lost
(from the working database, and from a rebuild out of the raw archive), how many Python
tracebacks reached the user (stderr or the log), and whether it hung (ran past its bound).

Most attacks run the command itself, `python -m pipeline …`, in a subprocess against the
bundled offline mirror on 127.0.0.1 (never the network), so a traceback is what a user would
see. The few that need a misbehaving server or a mid-run fault run the library in-process.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRACEBACK = "Traceback (most recent call last)"
RUN_TIMEOUT = 240          # a demo run takes ~15-40 s on a busy machine; past this it "hung"
QUICK_TIMEOUT = 60         # a command that should refuse its input at once


@dataclass
class Trial:
    attack: str
    survived: bool
    rows_lost: int = 0
    tracebacks: int = 0
    hang: bool = False
    note: str = ""


@dataclass
class Ran:
    returncode: int | None        # None: killed after the timeout (a hang)
    stderr: str
    seconds: float

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def tracebacks(self) -> int:
        return self.stderr.count(TRACEBACK)


def command(args: list[str], *, timeout: float = RUN_TIMEOUT, env: dict[str, str] | None = None,
            launcher: list[str] | None = None) -> Ran:
    """Run `python -m pipeline <args>` (or another launcher); kill it (its own pid) at the timeout."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, *(launcher or ["-m", "pipeline"]), *args], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    try:
        _, stderr = process.communicate(timeout=timeout)
        return Ran(process.returncode, stderr, time.monotonic() - started)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        return Ran(None, stderr, time.monotonic() - started)


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


def demo(db: Path, port: int, *, launcher: list[str] | None = None, timeout: float = RUN_TIMEOUT,
         extra: list[str] | None = None) -> Ran:
    return command(["demo", "--no-serve", "--db", str(db), "--mirror-port", str(port), *(extra or [])],
                   launcher=launcher, timeout=timeout)


def documents(db: Path) -> set[tuple]:
    if not db.exists():
        return set()
    conn = sqlite3.connect(db)
    try:
        return set(conn.execute("SELECT source, url, content_sha256 FROM documents"))
    finally:
        conn.close()


def cases(db: Path) -> set[tuple]:
    if not db.exists():
        return set()
    conn = sqlite3.connect(db)
    try:
        return set(conn.execute("SELECT id FROM cases"))
    finally:
        conn.close()


def run_statuses(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]
    finally:
        conn.close()


def rebuild(db: Path, archive: Path, out: Path) -> Ran:
    """`reparse` into a new database from the archive alone."""
    return command(["reparse", "--db", str(out), "--archive", str(archive)])


def lost(expected: set, got: set) -> int:
    return len(expected - got)


class Context:
    """What every attack shares: a scratch folder, one mirror port, and a clean demo database."""

    def __init__(self, root: Path, kills: int):
        self.root = root
        self.port = free_port()
        self.kills = kills
        self._clean: Path | None = None

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def clean(self) -> Path:
        """A database from one uninterrupted demo run: what 'nothing lost' is measured against."""
        if self._clean is None:
            db = self.folder("clean") / "clean.db"
            ran = demo(db, self.port)
            if ran.returncode != 0:
                raise RuntimeError(f"the clean demo run failed: {ran.stderr[-2000:]}")
            self._clean = db
        return self._clean


# -- #3: a server that drips its response head --------------------------------------------------

def attack_header_drip(ctx: Context) -> list[Trial]:
    """A status line, then one header byte every 0.2 s (never a read timeout): a GET (after its
    robots.txt, which drips too) and a POST must each end at the 2 s deadline."""
    from pipeline.fetch import Fetcher, FetchError, FetchLimits, RawArchive

    stop = threading.Event()
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    port = server.getsockname()[1]

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    def drip(conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.wait(0.2):
                conn.sendall(b"X")
        except OSError:
            pass
        finally:
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    limits = FetchLimits(connect_timeout=1, read_timeout=1.0, deadline=2.0, retries=0, backoff_seconds=0.01)
    trials: list[Trial] = []
    try:
        for method in ("GET", "POST"):
            with Fetcher(archive=RawArchive(ctx.folder("drip") / "raw"), limits=limits,
                         allow_private_hosts={f"127.0.0.1:{port}"}) as fetcher:
                result: list[str] = []
                url = f"http://127.0.0.1:{port}/page"

                def go() -> None:
                    try:
                        if method == "GET":
                            fetcher.get(url, delay_seconds=0)
                        else:
                            fetcher.post_json(url, {"q": 1}, delay_seconds=0)
                        result.append("answered")
                    except FetchError as err:
                        result.append(err.error_class)

                started = time.monotonic()
                worker = threading.Thread(target=go, daemon=True)
                worker.start()
                worker.join(60)
                seconds = time.monotonic() - started
                hung = worker.is_alive() or seconds > 10
                outcome = result[0] if result else "still waiting"
                trials.append(Trial(f"#3 response head dripped one byte / 0.2 s ({method})",
                                    not hung and outcome == "deadline_exceeded", hang=hung,
                                    note=f"{outcome} after {seconds:.1f}s"))
    finally:
        stop.set()
        server.close()
    return trials


# -- #4: kills and the raw-archive index --------------------------------------------------------

def attack_kills_and_rebuild(ctx: Context) -> list[Trial]:
    """SIGKILL demo runs inside source transactions and at random moments, then one whole run;
    the working database and a rebuild from its archive must both equal a clean run."""
    import random

    folder = ctx.folder("kills")
    db = folder / "work.db"
    crash_run = [str(REPO / "tests" / "crash_run.py"), "0.3"]
    rng = random.Random(20261129)
    trials: list[Trial] = []
    for n in range(ctx.kills):
        process = subprocess.Popen([sys.executable, *crash_run, "demo", "--no-serve", "--db", str(db),
                                    "--mirror-port", str(ctx.port)], cwd=REPO,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        # Wait for the first transaction, then kill a random moment later.
        deadline = time.monotonic() + RUN_TIMEOUT
        for line in process.stderr:
            if "crash-test" in line or time.monotonic() > deadline:
                break
        time.sleep(rng.uniform(0.0, 4.0))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
    final = demo(db, ctx.port)
    rebuilt = folder / "rebuilt.db"
    again = rebuild(db, folder / "raw", rebuilt)
    want_docs, want_cases = documents(ctx.clean), cases(ctx.clean)
    lost_working = lost(want_docs, documents(db)) + lost(want_cases, cases(db))
    lost_rebuild = lost(documents(db), documents(rebuilt)) + lost(cases(db), cases(rebuilt))
    trials.append(Trial(f"#4 {ctx.kills} SIGKILLs, then a whole run: working database",
                        final.returncode == 0 and lost_working == 0, lost_working,
                        final.tracebacks, final.hung))
    trials.append(Trial("#4 … and a rebuild from its archive alone", again.returncode == 0 and lost_rebuild == 0,
                        lost_rebuild, again.tracebacks, again.hung))
    return trials


def attack_damaged_index(ctx: Context) -> list[Trial]:
    """A torn last line (then another run appends), and a deleted index: rebuilds lose nothing."""
    folder = ctx.folder("index")
    db = folder / "work.db"
    first = demo(db, ctx.port)
    index = folder / "raw" / "index.jsonl"
    lines_after_first = index.read_bytes().count(b"\n")
    with open(index, "ab") as handle:
        handle.write(b'{"context": {"listing": {"title": "torn')
    second = demo(db, ctx.port)
    trials: list[Trial] = []
    rebuilt = folder / "rebuilt-torn.db"
    ran = rebuild(db, folder / "raw", rebuilt)
    gone = lost(documents(db), documents(rebuilt)) + lost(cases(db), cases(rebuilt))
    trials.append(Trial("#4 torn index line, then another run: rebuild", ran.returncode == 0 and gone == 0,
                        gone, first.tracebacks + second.tracebacks + ran.tracebacks, ran.hung or second.hung))
    appended = index.read_bytes().count(b"\n") - lines_after_first
    trials.append(Trial("#12 a run with nothing new appends no index lines", appended <= 1,
                        note=f"{appended} line(s) appended (1 = the torn line closed)"))
    index.unlink()
    rebuilt = folder / "rebuilt-missing.db"
    ran = rebuild(db, folder / "raw", rebuilt)
    gone = lost(documents(db), documents(rebuilt)) + lost(cases(db), cases(rebuilt))
    trials.append(Trial("#4 index deleted: rebuild from the archive's record files", ran.returncode == 0 and gone == 0,
                        gone, ran.tracebacks, ran.hung))
    return trials


# -- #5: the archive cannot be written -------------------------------------------------------------

def attack_unwritable_archive(ctx: Context) -> list[Trial]:
    """The archive folder is a file (what a full or read-only disk looks like to open(): an
    OSError; chmod does not stop root), and index.jsonl is a folder: one line, the run goes on."""
    trials: list[Trial] = []
    for name, breaks in (("archive folder is a file", lambda raw: raw.write_text("x")),
                         ("index.jsonl is a folder", lambda raw: (raw / "index.jsonl").mkdir(parents=True))):
        folder = ctx.folder(f"archive-{len(trials)}")
        db = folder / "work.db"
        breaks(folder / "raw")
        ran = demo(db, ctx.port)
        named = str(folder / "raw") in ran.stderr
        statuses = run_statuses(db) if db.exists() else []
        recorded = bool(statuses) and statuses[-1] in ("failed", "partial")
        kept = (documents(db) <= documents(ctx.clean))
        trials.append(Trial(f"#5 {name}", ran.returncode in (1, 3) and named and recorded and kept
                            and ran.tracebacks == 0, 0, ran.tracebacks, ran.hung,
                            note=f"exit {ran.returncode}, run {statuses[-1] if statuses else '-'}"))
    # The archive breaks after the first source: that source stays committed, the run is partial.
    import pipeline.run as run_module
    from pipeline.demo.mirror_server import MirrorServer
    from pipeline.demo.runner import DEMO_FEEDS
    from pipeline.sources import load_sources, with_base_url

    folder = ctx.folder("archive-mid-run")
    db, raw = folder / "work.db", folder / "raw"
    original = run_module.collect
    calls = {"n": 0}

    def collect(source, fetcher):
        calls["n"] += 1
        if calls["n"] == 2:
            shutil.rmtree(raw)
            raw.write_text("not a folder")
        return original(source, fetcher)

    with capture_log() as log, MirrorServer(port=0) as mirror:
        run_module.collect = collect
        try:
            sources = [with_base_url(s, mirror.base_url) for s in load_sources(DEMO_FEEDS)]
            summary = run_module.run_sources(db, sources, archive_dir=raw, progress=False,
                                             allow_private_hosts={mirror.host_port})
        finally:
            run_module.collect = original
    first = summary.sources[0]
    ok = first.status == "ok" and run_statuses(db)[-1] == "partial" and summary.exit_status == 3
    trials.append(Trial("#5 archive unwritable after source 1 (run goes on, recorded partial)",
                        ok and log.tracebacks == 0, 0, log.tracebacks,
                        note=f"{log.errors} error line(s) for {len(summary.sources) - 1} sources"))
    return trials


@dataclass
class LogCount:
    tracebacks: int = 0
    errors: int = 0


@contextmanager
def capture_log() -> Iterator[LogCount]:
    """Count log records with a traceback attached, and error lines, while the block runs."""
    counts = LogCount()

    class Counter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info:
                counts.tracebacks += 1
            if record.levelno >= logging.ERROR:
                counts.errors += 1

    handler = Counter(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        yield counts
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


# -- #7: two writers --------------------------------------------------------------------------------

def attack_two_writers(ctx: Context) -> list[Trial]:
    """Two writers at once on one database: a demo run and an ingest (twice), and two ingests:
    each waits its turn (BEGIN IMMEDIATE, busy timeout), nothing is lost."""
    trials: list[Trial] = []
    for n in range(2):
        folder = ctx.folder(f"writers-{n}")
        db = folder / "work.db"
        results: list[Ran] = []
        runner = threading.Thread(target=lambda: results.append(demo(db, ctx.port)))
        runner.start()
        writer = (command(["ingest", "--db", str(db), *[str(p) for p in _notes(folder, 12)]])
                  if _wait_for(db) else Ran(1, "the database was never created", 0))
        runner.join(RUN_TIMEOUT)
        ran = results[0] if results else Ran(None, "", 0)
        locked = "locked" in ran.stderr or "locked" in writer.stderr
        gone = lost(documents(ctx.clean), {d for d in documents(db) if d[0] != "ingest"})
        notes = sum(1 for d in documents(db) if d[0] == "ingest")
        ok = ran.returncode == 0 and writer.returncode == 0 and not locked and gone == 0 and notes == 12
        trials.append(Trial(f"#7 a demo run and an ingest writing at once (#{n + 1})", ok,
                            gone + (12 - notes), ran.tracebacks + writer.tracebacks, ran.hung or writer.hung,
                            note=f"run exit {ran.returncode}, ingest exit {writer.returncode}"))
    for n in range(2):
        folder = ctx.folder(f"ingests-{n}")
        db = folder / "work.db"
        command(["ingest", "--db", str(db), str(_notes(folder, 1)[0])])
        batches = [_notes(ctx.folder(f"ingests-{n}/{k}"), 10) for k in range(2)]
        results = []
        threads = [threading.Thread(target=lambda b=b: results.append(
            command(["ingest", "--db", str(db), *[str(p) for p in b]]))) for b in batches]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(RUN_TIMEOUT)
        stored = len(documents(db))
        ok = len(results) == 2 and all(r.returncode == 0 for r in results) and stored == 21
        trials.append(Trial(f"#7 two ingests writing at once (#{n + 1})", ok, max(0, 21 - stored),
                            sum(r.tracebacks for r in results), any(r.hung for r in results),
                            note=", ".join(f"exit {r.returncode}" for r in results)))
    return trials


def _wait_for(db: Path, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if db.exists() and db.stat().st_size > 0:
            return True
        time.sleep(0.05)
    return False


def _notes(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"note-{n}.txt"
        path.write_text(f"Note {n}\n\nThe ICO fined Example Trading {n} Ltd £{n + 1},000 on 3 March 2025 "
                        "for sending unsolicited marketing texts.", encoding="utf-8")
        paths.append(path)
    return paths


def attack_locked_database(ctx: Context) -> list[Trial]:
    """A lock held past the busy timeout: ingest and run each say so in one line naming the file."""
    folder = ctx.folder("locked")
    db = folder / "locked.db"
    shutil.copy(ctx.clean, db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    trials: list[Trial] = []
    try:
        env = {"ENFORCEMENT_MONITOR_BUSY_TIMEOUT": "1"}
        for name, args in (("ingest", ["ingest", "--db", str(db), *[str(p) for p in _notes(folder, 1)]]),
                           ("demo", ["demo", "--no-serve", "--db", str(db), "--mirror-port", str(ctx.port)])):
            ran = command(args, env=env, timeout=QUICK_TIMEOUT * 2)
            line_ok = str(db) in ran.stderr and "ENFORCEMENT_MONITOR_BUSY_TIMEOUT" in ran.stderr
            trials.append(Trial(f"#7 database locked past the timeout: {name}",
                                ran.returncode not in (0, None) and line_ok and ran.tracebacks == 0,
                                0, ran.tracebacks, ran.hung, note=f"exit {ran.returncode}"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    return trials


# -- #9 and #12: text -------------------------------------------------------------------------------

def attack_hostile_text(ctx: Context) -> list[Trial]:
    """Bidi controls in an ingested file, and one invalid byte in a UTF-8 page."""
    from pipeline.parsers.text import decode_html

    folder = ctx.folder("text")
    db = folder / "text.db"
    bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200e", "\u200f", "\u061c"]
    note = folder / "bidi.txt"
    note.write_text("ICO fines Good Bank " + "".join(bidi) + "dtL gnp.exe Ltd\n\nThe ICO fined Good Bank "
                    "\u202edtL gnp.exe Ltd £40,000 on 3 March 2025.", encoding="utf-8")
    ran = command(["ingest", "--db", str(db), str(note)])
    conn = sqlite3.connect(db)
    try:
        stored = " ".join(str(v) for row in conn.execute("SELECT title, text FROM documents") for v in row)
        stored += " ".join(str(v) for row in conn.execute("SELECT organisation FROM cases") for v in row)
    finally:
        conn.close()
    left = sum(stored.count(c) for c in bidi)
    trials = [Trial("#9 bidi controls in a document reach no stored text", ran.returncode == 0 and left == 0,
                    0, ran.tracebacks, ran.hung, note=f"{left} control(s) stored")]
    page = ("<p>Fined £10,000, £20,000, £30,000 and £40,000 in a café.</p>".encode("utf-8")
            .replace(b"20,000", b"20,\xff000"))
    for header in ("text/html; charset=utf-8", "text/html", "text/html; charset=iso-8859-1"):
        text = decode_html(page, {"content-type": header})
        trials.append(Trial(f"#12 one invalid byte in a UTF-8 page ({header})",
                            "Â" not in text and text.count("£") == 4, note=f"{text.count('Â')} mojibake"))
    return trials


# -- #10: files that are not what their size says --------------------------------------------------

def attack_hostile_files(ctx: Context) -> list[Trial]:
    folder = ctx.folder("files")
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    zero = folder / "zero.txt"
    zero.symlink_to("/dev/zero")
    big = folder / "one-line.txt"
    with open(big, "wb") as handle:
        for _ in range(45):
            handle.write(b"A" * (1024 * 1024))
    long_name = folder / "long-name.txt"
    long_name.write_text("Notice\n\nThe ICO fined " + "A" * 30_000 + " Ltd £5,000.", encoding="utf-8")
    trials: list[Trial] = []
    for verb in ("extract", "ingest"):
        for path, what, expect_error in ((fifo, "a FIFO", True), (zero, "a symlink to /dev/zero", True),
                                         (big, "a 45 MB one-line text", True),
                                         (long_name, "a 30,000-character name (#1)", False)):
            if verb == "ingest" and path is long_name:
                continue
            args = [verb, str(path)] + (["--db", str(folder / "files.db")] if verb == "ingest" else [])
            ran = command(args, timeout=QUICK_TIMEOUT)
            one_line = len([line for line in ran.stderr.splitlines() if line.startswith("error:")]) == 1
            ok = (not ran.hung and ran.tracebacks == 0
                  and ((ran.returncode == 1 and one_line) if expect_error else ran.returncode == 0))
            trials.append(Trial(f"#10 {verb} {what}", ok, 0, ran.tracebacks, ran.hung,
                                note=f"exit {ran.returncode}, {ran.seconds:.1f}s"))
    return trials


# -- #11: feeds.yaml -------------------------------------------------------------------------------

# Loopback, port 9 (discard): should a bad file ever be accepted, nothing leaves this machine.
FEED_ENTRY = """sources:
  - id: {id}
    kind: feed
    url: http://127.0.0.1:9/feed.xml
    {extra}
"""


def attack_bad_feeds(ctx: Context) -> list[Trial]:
    folder = ctx.folder("feeds")
    cases_ = {
        "negative max_items": FEED_ENTRY.format(id="a", extra="max_items: -5"),
        "negative max_pages": ("sources:\n  - id: ico\n    kind: ico_search_api\n    url: http://127.0.0.1:9/api/search\n"
                               "    root_page_id: 17222\n    max_pages: -1\n"),
        ".inf delay": FEED_ENTRY.format(id="a", extra="delay_seconds: .inf"),
        ".nan delay": FEED_ENTRY.format(id="a", extra="delay_seconds: .nan"),
        "50,000-deep list": "sources: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "control characters in an id": FEED_ENTRY.format(id='"evil\\x1b[2J\\u202eid"', extra=""),
        "every source disabled": FEED_ENTRY.format(id="quiet", extra="enabled: false"),
    }
    trials: list[Trial] = []
    for name, text in cases_.items():
        path = folder / f"{len(trials)}.yaml"
        path.write_text(text, encoding="utf-8")
        ran = command(["run", "--feeds", str(path), "--db", str(folder / "never.db")], timeout=QUICK_TIMEOUT)
        lines = [line for line in ran.stderr.splitlines() if line.strip()]
        ok = (ran.returncode == 1 and len(lines) == 1 and ran.tracebacks == 0 and "\x1b" not in ran.stderr
              and "RecursionError" not in ran.stderr)
        trials.append(Trial(f"#11 feeds.yaml: {name}", ok, 0, ran.tracebacks, ran.hung,
                            note=lines[0][:90] if lines else ""))
    return trials


# -- the run-wide time budget ----------------------------------------------------------------------

def attack_time_budget(ctx: Context) -> list[Trial]:
    """A budget that runs out part-way: the run ends on time, stores whole sources, skips the rest."""
    from pipeline.demo.mirror_server import MirrorServer
    from pipeline.demo.runner import DEMO_FEEDS
    from pipeline.run import run_sources
    from pipeline.sources import load_sources, with_base_url

    folder = ctx.folder("budget")
    db = folder / "work.db"
    budget_minutes = 0.01   # 0.6 s: shorter than the demo run even on an idle machine (~2 s)
    with capture_log() as log, MirrorServer(port=0) as mirror:
        sources = [with_base_url(s, mirror.base_url) for s in load_sources(DEMO_FEEDS)]
        started = time.monotonic()
        summary = run_sources(db, sources, progress=False, allow_private_hosts={mirror.host_port},
                              max_minutes=budget_minutes)
        seconds = time.monotonic() - started
    statuses = [s.status for s in summary.sources]
    whole = run_statuses(db)[-1] in ("partial", "ok", "failed")
    cut = {"partial", "skipped"} & set(statuses)      # the budget ended some source early
    ok = whole and log.tracebacks == 0 and bool(cut) and "error" not in statuses \
        and seconds < budget_minutes * 60 + 120
    return [Trial("time budget (run --max-minutes) runs out part-way", ok, 0, log.tracebacks, False,
                  note=f"{seconds:.0f}s for a {budget_minutes * 60:.0f}s budget; " + ", ".join(statuses))]


# -- the published site: serve, publish, one request (#2, #6, #8) ----------------------------------

def _one_error_line(ran: Ran) -> bool:
    lines = [line for line in ran.stderr.splitlines() if line.strip()]
    return ran.returncode not in (0, None) and len(lines) == 1 and ran.tracebacks == 0


def _empty_database(path: Path) -> Path:
    from pipeline import store

    store.prepare_db(path).close()
    return path


def attack_serve(ctx: Context) -> list[Trial]:
    """#6: `serve` on what it cannot serve exits non-zero with one line, and never hangs serving."""
    folder = ctx.folder("serve")
    random_bytes = folder / "random.db"
    random_bytes.write_bytes(os.urandom(64 * 1024))
    truncated = folder / "truncated.db"
    truncated.write_bytes(_empty_database(folder / "whole.db").read_bytes()[:3000])
    good = _empty_database(folder / "good.db")
    with socket.create_server(("127.0.0.1", 0)) as busy:
        busy_port = busy.getsockname()[1]
        tries = {
            "random bytes": ["--db", str(random_bytes), "--port", str(free_port())],
            "a truncated file": ["--db", str(truncated), "--port", str(free_port())],
            "a port in use": ["--db", str(good), "--port", str(busy_port)],
            "--port 99999": ["--db", str(good), "--port", "99999"],
        }
        trials = []
        for name, args in tries.items():
            ran = command(["serve", *args], timeout=QUICK_TIMEOUT)
            trials.append(Trial(f"#6 serve {name}", _one_error_line(ran), 0, ran.tracebacks, ran.hung,
                                note=f"exit {ran.returncode}"))
    return trials


def attack_publish_leftovers(ctx: Context) -> list[Trial]:
    """#8: a killed publish's temporary file (its process gone) is removed by the next publish."""
    folder = ctx.folder("publish")
    working = _empty_database(folder / "work.db")
    out = folder / "site" / "enforcement.db"
    out.parent.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = out.parent / f".{out.name}.tmp-{dead.pid}"
    leftover.write_bytes(b"\0" * 1024 * 1024)
    ran = command(["publish", "--db", str(working), "--out", str(out)], timeout=QUICK_TIMEOUT)
    ok = ran.returncode == 0 and ran.tracebacks == 0 and out.exists() and not leftover.exists()
    return [Trial("#8 publish after a killed publish left its temporary file", ok, 0, ran.tracebacks,
                  ran.hung, note=f"exit {ran.returncode}, leftover {'gone' if not leftover.exists() else 'kept'}")]


def attack_huge_response(ctx: Context) -> list[Trial]:
    """#2: one anonymous request cannot make Datasette build a huge value, and the site answers on."""
    import urllib.error
    import urllib.request

    folder = ctx.folder("datasette")
    db = _empty_database(folder / "enforcement.db")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(db), "--port", str(port)],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"

    def get(path: str, timeout: float = 60) -> tuple[int, int]:
        try:
            with urllib.request.urlopen(base + path, timeout=timeout) as response:
                return response.status, len(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, len(exc.read())

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get("/-/versions.json", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    return [Trial("#2 hex(zeroblob(200000000)) in one request", False, note="site did not start")]
                time.sleep(0.3)
        status, size = get("/enforcement.json?sql=select+hex(zeroblob(200000000))")
        started = time.monotonic()
        after_status, _ = get("/enforcement.json?sql=select+1")
        answered_in = time.monotonic() - started
        try:
            request = urllib.request.Request(base + "/no-such-route", data=b"x=1", method="POST")
            with urllib.request.urlopen(request, timeout=30) as response:
                post_status = response.status
        except urllib.error.HTTPError as exc:
            post_status = exc.code
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, stderr = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
    capped = status != 200 or size < 50 * 1024 * 1024
    ok = capped and after_status == 200 and answered_in < 5
    tracebacks = stderr.count(TRACEBACK)
    return [Trial("#2 hex(zeroblob(200000000)) in one request", ok, 0, tracebacks, False,
                  note=f"HTTP {status}, {size:,} bytes; next request {after_status} in {answered_in:.2f}s"),
            Trial("#12 POST to an unknown route", post_status < 500 and tracebacks == 0, 0, tracebacks,
                  False, note=f"HTTP {post_status}")]


ATTACKS: dict[str, Callable[[Context], list[Trial]]] = {
    "header-drip": attack_header_drip,
    "kills": attack_kills_and_rebuild,
    "index": attack_damaged_index,
    "archive": attack_unwritable_archive,
    "writers": attack_two_writers,
    "locked": attack_locked_database,
    "text": attack_hostile_text,
    "files": attack_hostile_files,
    "feeds": attack_bad_feeds,
    "budget": attack_time_budget,
    "serve": attack_serve,
    "publish": attack_publish_leftovers,
    "datasette": attack_huge_response,
}
