"""The command line as a person meets it: bad input gives one clear line and a non-zero exit."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_one_clear_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    for fragment in fragments:
        assert fragment in last, last


def test_help_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("demo", "run", "extract", "ingest", "reparse", "serve", "publish", "check", "mirror"):
        assert command in result.stdout


def test_console_script_and_module_are_the_same_program():
    script = Path(sys.executable).parent / "enforcement-monitor"
    assert script.exists(), "pip install -e . creates the console script"
    via_script = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert via_script.stdout == run_cli("--version").stdout
    assert "enforcement-monitor" in via_script.stdout


def test_missing_feeds_file(tmp_path):
    result = run_cli("run", "--feeds", str(tmp_path / "missing.yaml"), "--db", str(tmp_path / "x.db"))
    assert_one_clear_line(result, "missing.yaml", "file not found")
    assert not (tmp_path / "x.db").exists()


def test_unknown_source_kind(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("sources:\n  - {id: x, kind: gopher, url: 'https://example.org/'}\n")
    result = run_cli("run", "--feeds", str(feeds), "--db", str(tmp_path / "x.db"))
    assert_one_clear_line(result, "source 'x'", "unknown kind 'gopher'")


def test_invalid_yaml(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("sources: [ {id: x\n")
    assert_one_clear_line(run_cli("run", "--feeds", str(feeds)), "not valid YAML")


def test_unknown_source_id_is_named(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("sources:\n  - {id: x, kind: feed, url: 'https://example.org/feed'}\n")
    result = run_cli("run", "--feeds", str(feeds), "--db", str(tmp_path / "x.db"), "--source", "nope")
    assert_one_clear_line(result, "nope")


@pytest.mark.slow
def test_a_file_that_is_not_a_database(tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not SQLite " * 100)
    text = tmp_path / "a.txt"
    text.write_text("The ICO fined Example Ltd £10,000.")
    result = run_cli("ingest", str(text), "--db", str(not_a_db))
    assert_one_clear_line(result, "notes.db")
    assert not_a_db.read_text().startswith("this is not SQLite")     # left untouched


def test_serve_without_a_database(tmp_path):
    assert_one_clear_line(run_cli("serve", "--db", str(tmp_path / "none.db")), "does not exist")


@pytest.mark.slow
def test_extract_reports_unusable_files_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    corrupt = tmp_path / "notice.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    good = tmp_path / "release.txt"
    good.write_text("The Information Commissioner's Office has fined Northwind Trading Ltd £120,000 "
                    "for making 300,000 unsolicited marketing calls to people registered with the TPS.")
    result = run_cli("extract", "--json", str(empty), str(corrupt), str(good))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "notice.pdf" in result.stderr
    (line,) = result.stdout.strip().splitlines()
    output = json.loads(line)
    assert output["path"] == str(good)
    assert output["actions"][0]["amount_gbp"] == 120000


@pytest.mark.slow
def test_ingest_a_locked_database_fails_cleanly(tmp_path):
    db_path = tmp_path / "locked.db"
    holder = sqlite3.connect(db_path)
    holder.execute("create table t (x)")
    holder.commit()
    holder.execute("begin exclusive")
    try:
        text = tmp_path / "a.txt"
        text.write_text("The ICO fined Example Ltd £10,000.")
        env_timeout = {"ENFORCEMENT_MONITOR_BUSY_TIMEOUT": "1"}
        result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(text), "--db", str(db_path)],
                                cwd=REPO, env={**os.environ, **env_timeout}, capture_output=True,
                                text=True, timeout=120)
        assert_one_clear_line(result, "locked")
    finally:
        holder.rollback()
        holder.close()


@pytest.mark.parametrize("args", [["extract"], ["ingest"]])
def test_commands_needing_files_say_so(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Missing argument" in result.stderr


@pytest.mark.parametrize("content", [os.urandom(4096), b"SQLite format 3\x00" + b"\x00" * 40])
def test_serve_a_file_that_is_not_sqlite_exits_non_zero_with_one_line(tmp_path, content):
    bad = tmp_path / "enforcement.db"
    bad.write_bytes(content)
    result = run_cli("serve", "--db", str(bad), "--port", "0")
    assert_one_clear_line(result, str(bad))
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def _empty_database(tmp_path: Path) -> Path:
    db = tmp_path / "enforcement.db"
    sqlite3.connect(db).execute("create table t (x)").connection.close()
    return db


def test_serve_on_a_port_that_is_not_a_port(tmp_path):
    result = run_cli("serve", "--db", str(_empty_database(tmp_path)), "--port", "99999")
    assert_one_clear_line(result, "99999")


def test_serve_and_demo_name_a_busy_port(tmp_path):
    import socket

    db = _empty_database(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = str(busy.getsockname()[1])
        assert_one_clear_line(run_cli("serve", "--db", str(db), "--port", port), port, "in use")
        # The demo checks both of its ports before it spends a minute building.
        assert_one_clear_line(run_cli("demo", "--db", str(tmp_path / "demo.db"), "--port", port),
                              port, "in use", "PORT")
        assert_one_clear_line(run_cli("demo", "--db", str(tmp_path / "demo.db"), "--mirror-port", port,
                                      "--no-serve"), port, "in use", "MIRROR_PORT")
        assert not (tmp_path / "demo.db").exists()


def test_mirror_command_serves_the_offline_mirror():
    """`enforcement-monitor mirror` (the old argparse script, folded into the CLI) answers on loopback."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "mirror", "--port", "0"], cwd=REPO, env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, line
        with urllib.request.urlopen(match.group(0) + "/robots.txt", timeout=30) as response:
            assert response.status == 200 and b"User-agent" in response.read()
        process.send_signal(signal.SIGINT)      # Ctrl-C: a clean stop, not a traceback
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        process.terminate()
        process.wait(timeout=30)
