"""Run bookkeeping, conditional-GET state and the raw archive index.

HTTP validators (ETag, Last-Modified) are saved in the same transaction as the documents they
describe: if a source's writes roll back, its validators do too, so the next run does not get a
304 for a page whose document was never stored.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Iterable, Mapping

import sqlite_utils

from pipeline.clock import utc_now
from pipeline.store.db import inserted_id

logger = logging.getLogger(__name__)

_SOURCE_RUN_FIELDS = (
    "status", "finished_at", "items_seen", "items_new", "items_changed", "items_unchanged",
    "items_failed", "error_class", "error_message", "failures_json",
)


def start_run(db: sqlite_utils.Database, command: str) -> int:
    """Record the start of a run (status 'running'); returns its id.

    Committed at once when no transaction is open, so a run killed later is still visible (and
    becomes 'incomplete' at the next start, see mark_incomplete_runs).
    """
    cursor = db.execute(
        "INSERT INTO runs (started_at, status, command) VALUES (?, 'running', ?)",
        [utc_now(), command],
    )
    return inserted_id(cursor)


def finish_run(db: sqlite_utils.Database, run_id: int, status: str) -> None:
    """Close a run with its final status (ok | partial | failed)."""
    db.execute(
        "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?",
        [utc_now(), status, run_id],
    )


def mark_incomplete_runs(db: sqlite_utils.Database) -> int:
    """Runs still 'running' belong to a process that died: call them 'incomplete'.

    Called at the start of a run, before start_run. Returns how many runs were marked.
    """
    cursor = db.execute(
        "UPDATE runs SET status = 'incomplete', finished_at = coalesce(finished_at, ?) "
        "WHERE status = 'running'",
        [utc_now()],
    )
    if cursor.rowcount:
        logger.warning("%d earlier run(s) never finished; marked incomplete", cursor.rowcount)
    return cursor.rowcount


def record_source_run(db: sqlite_utils.Database, run_id: int, source_id: str, started_at: str,
                      summary: Mapping[str, Any] | None = None, **fields: Any) -> int:
    """One row per source per run: its status and counts; returns the row id.

    `summary` (and/or keyword arguments) hold the source_runs columns: status, items_seen,
    items_new, items_changed, items_unchanged, items_failed, error_class, error_message,
    failures_json (a JSON string, or a list that is serialised here). finished_at defaults to now.
    """
    values: dict[str, Any] = {**(summary or {}), **fields}
    unknown = sorted(set(values) - set(_SOURCE_RUN_FIELDS))
    if unknown:
        raise ValueError(f"unknown source_runs fields: {', '.join(unknown)}")
    if values.get("failures_json") is not None and not isinstance(values["failures_json"], str):
        values["failures_json"] = json.dumps(values["failures_json"], default=str)
    values.setdefault("status", "ok")
    values.setdefault("finished_at", utc_now())
    names = ["run_id", "source", "started_at", *values]
    cursor = db.execute(
        f"INSERT INTO source_runs ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
        [run_id, source_id, started_at, *values.values()],
    )
    return inserted_id(cursor)


def save_http_state(db: sqlite_utils.Database, states: Iterable[Any]) -> int:
    """Upsert conditional-GET validators (pipeline.fetch.HttpState objects); returns the count.

    Only attributes are read (url, etag, last_modified, content_sha256, last_status), so any
    object with them will do.
    """
    now = utc_now()
    count = 0
    for state in states:
        db.execute(
            "INSERT INTO http_state (url, etag, last_modified, content_sha256, last_status, last_checked) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, content_sha256 = excluded.content_sha256, "
            "last_status = excluded.last_status, last_checked = excluded.last_checked",
            [state.url, getattr(state, "etag", None), getattr(state, "last_modified", None),
             getattr(state, "content_sha256", None), getattr(state, "last_status", None), now],
        )
        count += 1
    return count


def save_raw_records(db: sqlite_utils.Database, records: Iterable[Any]) -> int:
    """Index raw archive entries (pipeline.fetch RawRecord objects); returns the count.

    One row per (sha256, url): the same bytes fetched again from the same URL stay one row,
    dated by their first fetch.
    """
    count = 0
    for record in records:
        context = getattr(record, "context", None)
        db.execute(
            "INSERT OR IGNORE INTO raw_responses (sha256, url, fetched_at, status, content_type, "
            "source, parser, context_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [record.sha256, record.url, record.fetched_at, getattr(record, "status", None),
             getattr(record, "content_type", None), getattr(record, "source", None),
             getattr(record, "parser", None),
             json.dumps(context, sort_keys=True, default=str) if context else None],
        )
        count += 1
    return count
