"""The nightly job's checks and exports, as library functions behind `enforcement-monitor check`.

    enforcement-monitor check compare OLD.db NEW.db      # refuse a damaged or shrunken DB
    enforcement-monitor check export-cases DB OUT.jsonl  # diffable history in git
    enforcement-monitor check summary DB                 # Markdown for $GITHUB_STEP_SUMMARY

They live here, beside build.py, so .github/workflows/nightly.yml stays a list of steps a reader
can follow, and every check has a test that can fail.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pipeline.collect.health import STALE_AFTER_NIGHTS, summary_lines
from pipeline.publish.build import integrity_problems

logger = logging.getLogger(__name__)

# Tables whose row count must never go down from one night to the next: the pipeline keeps
# history instead of deleting, so fewer rows means something was lost.
NEVER_SHRINK = ("documents", "cases")


@dataclass
class Comparison:
    """What `compare_databases` found: counts before and after, and every problem in words."""

    old_counts: dict[str, int]
    new_counts: dict[str, int]
    problems: list[str]


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def row_counts(db_path: str | Path, tables: tuple[str, ...] = NEVER_SHRINK) -> dict[str, int]:
    """Row count of each of `tables` in `db_path` (0 for a table that does not exist yet)."""
    conn = _connect_read_only(Path(db_path))
    try:
        present = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        return {
            table: conn.execute(f"select count(*) from [{table}]").fetchone()[0] if table in present else 0
            for table in tables
        }
    finally:
        conn.close()


def compare_databases(old_db: str | Path | None, new_db: str | Path) -> Comparison:
    """Check `new_db` passes integrity_check and holds at least as many rows as `old_db`.

    `old_db` may be None or missing (the very first run): then only the integrity check applies.
    """
    new_db = Path(new_db)
    problems = [f"{new_db}: integrity_check: {problem}" for problem in integrity_problems(new_db)]
    if problems:
        return Comparison({}, {}, problems)
    new_counts = row_counts(new_db)
    old_counts: dict[str, int] = {}
    if old_db is not None and Path(old_db).is_file():
        old_counts = row_counts(old_db)
        for table in NEVER_SHRINK:
            if new_counts[table] < old_counts[table]:
                problems.append(
                    f"{table}: {new_counts[table]} rows, fewer than the {old_counts[table]} "
                    "the previous database had"
                )
    return Comparison(old_counts, new_counts, problems)


def export_cases(db_path: str | Path, out_path: str | Path) -> int:
    """Write every case as one JSON object per line, sorted by id, keys sorted; return the count.

    Stable order and stable keys make `git diff` of two nights show exactly the cases that
    changed, which is the audit trail of corrections.
    """
    conn = _connect_read_only(Path(db_path))
    try:
        rows = [dict(row) for row in conn.execute("select * from cases order by id")]
    finally:
        conn.close()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = out_path.with_name(out_path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    temporary.replace(out_path)
    return len(rows)


def _cell(value: object) -> str:
    """A Markdown table cell: no newlines or pipes from an error message can break the table."""
    text = "" if value is None else str(value)
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")[:200]


def run_summary(db_path: str | Path, *, stale_after: int = STALE_AFTER_NIGHTS) -> tuple[str, int]:
    """Markdown for the job summary (the latest run's per-source table, failed sources first,
    the sources failing for more than `stale_after` nights) and how many sources of that run failed."""
    conn = _connect_read_only(Path(db_path))
    try:
        run = conn.execute("select * from runs order by id desc limit 1").fetchone()
        if run is None:
            return "## Nightly refresh\n\nNo run is recorded in the database.\n", 0
        sources = conn.execute(
            """select source, status, items_seen, items_new, items_changed, items_failed,
                      error_class, error_message, started_at, finished_at
               from source_runs where run_id = ?
               order by status = 'error' desc, source""",
            (run["id"],),
        ).fetchall()
        failed = [row for row in sources if row["status"] == "error"]
        health = summary_lines(conn, [row["error_class"] for row in failed], stale_after=stale_after)
    finally:
        conn.close()
    lines = [
        "## Nightly refresh",
        "",
        f"Run {run['id']} ({_cell(run['command'])}): **{_cell(run['status'])}**, "
        f"started {_cell(run['started_at'])}, finished {_cell(run['finished_at'])}.",
        "",
    ]
    if failed:
        lines.append(f"### {len(failed)} failed source(s)")
        lines.append("")
        lines += [f"- **{_cell(row['source'])}**: {_cell(row['error_class'])}: {_cell(row['error_message'])}" for row in failed]
        lines.append("")
    else:
        lines += ["No source failed.", ""]
    lines += health
    lines += [
        "| source | status | listed | new | changed | failed items | error |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in sources:
        error = f"{_cell(row['error_class'])} {_cell(row['error_message'])}".strip()
        lines.append(
            f"| {_cell(row['source'])} | {_cell(row['status'])} | {_cell(row['items_seen'])} | "
            f"{_cell(row['items_new'])} | {_cell(row['items_changed'])} | {_cell(row['items_failed'])} | {error} |"
        )
    lines += ["", "listed: entries the source listed; new / changed: documents stored for the first time or "
              "changed (one register entry can bring its page and its notice PDFs, so new can exceed listed)."]
    return "\n".join(lines) + "\n", len(failed)
