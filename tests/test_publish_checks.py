"""The nightly job's commands, `enforcement-monitor check compare | export-cases | summary`."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.publish.checks import compare_databases, export_cases, row_counts, run_summary

REPO = Path(__file__).resolve().parents[1]


def copy_db(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def run_checks(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "check", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_compare_passes_for_an_identical_database(demo_db, tmp_path):
    result = compare_databases(demo_db, copy_db(demo_db, tmp_path / "new.db"))
    assert result.problems == []
    assert result.new_counts == result.old_counts
    assert result.new_counts["documents"] > 0 and result.new_counts["cases"] > 0


def test_compare_accepts_a_first_run_with_no_previous_database(demo_db, tmp_path):
    result = run_checks("compare", str(tmp_path / "no-previous.db"), str(demo_db))
    assert result.returncode == 0, result.stderr
    assert "checks passed" in result.stdout


@pytest.mark.parametrize("table", ["documents", "cases"])
def test_compare_refuses_a_database_that_lost_rows(demo_db, tmp_path, table):
    shrunk = copy_db(demo_db, tmp_path / "new.db")
    with sqlite3.connect(shrunk) as conn:
        conn.execute(f"delete from [{table}] where rowid = (select max(rowid) from [{table}])")
    conn.close()
    result = compare_databases(demo_db, shrunk)
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{table}:")
    cli = run_checks("compare", str(demo_db), str(shrunk))
    assert cli.returncode == 1
    assert f"check failed: {table}:" in cli.stderr


def test_compare_refuses_a_corrupted_database(demo_db, tmp_path):
    broken = copy_db(demo_db, tmp_path / "new.db")
    data = bytearray(broken.read_bytes())
    data[len(data) // 3: len(data) // 3 + 20000] = b"\xff" * 20000
    broken.write_bytes(bytes(data))
    result = compare_databases(demo_db, broken)
    assert result.problems and "integrity_check" in result.problems[0]


def test_export_cases_is_sorted_stable_and_complete(demo_db, tmp_path):
    first, second = tmp_path / "a" / "cases.jsonl", tmp_path / "b" / "cases.jsonl"
    count = export_cases(demo_db, first)
    export_cases(demo_db, second)
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == row_counts(demo_db, ("cases",))["cases"]
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    assert all(list(r) == sorted(r) for r in records)
    assert any(r["amount_gbp"] == 3_076_320 for r in records)


def test_summary_lists_failed_sources_first(demo_db, tmp_path):
    db = copy_db(demo_db, tmp_path / "summary.db")
    with sqlite3.connect(db) as conn:
        run_id = conn.execute("select max(id) from runs").fetchone()[0]
        conn.execute("update source_runs set status = 'ok'")
        conn.execute(
            "insert into source_runs (run_id, source, started_at, finished_at, status, error_class, error_message)"
            " values (?, 'zz-broken-feed', '2026-01-01T02:17:00Z', '2026-01-01T02:18:00Z', 'error',"
            " 'http_5xx', 'HTTP 503 | retried 3 times\nthen gave up')", (run_id,))
    conn.close()
    text, failed = run_summary(db)
    assert failed == 1
    assert "- **zz-broken-feed**: http_5xx: HTTP 503 \\| retried 3 times then gave up" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[1].startswith("| zz-broken-feed | error |")   # first row after the header
    cli = run_checks("summary", "--fail-on-errors", str(db))
    assert cli.returncode == 1 and "zz-broken-feed" in cli.stdout


def test_summary_of_a_clean_run_says_so(demo_db, tmp_path):
    db = copy_db(demo_db, tmp_path / "clean.db")
    with sqlite3.connect(db) as conn:
        conn.execute("update source_runs set status = 'ok', error_class = null, error_message = null")
        sources = conn.execute("select count(*) from source_runs where run_id = (select max(id) from runs)").fetchone()[0]
    conn.close()
    text, failed = run_summary(db)
    assert failed == 0
    assert text.startswith("## Nightly refresh") and "No source failed." in text
    assert len([line for line in text.splitlines() if line.startswith("| ")]) == 1 + sources
