"""What one Datasette request may build: bounds set on every SQLite connection Datasette opens.

SQL stays open to journalists, and the 1 s time limit does not bound memory: SQLite builds
`hex(zeroblob(499999999))` (1 GB) in well under a second, and the cost is the response Datasette
then holds and encodes. So every connection gets, from `bound_connection()` (called by the
project's plugin from Datasette's `prepare_connection` hook):

- `SQLITE_LIMIT_LENGTH` = MAX_VALUE_BYTES: SQLite refuses to build any one string or blob longer
  than this ("string or blob too big"), and refuses to read a stored value longer than it;
- `SQLITE_LIMIT_COLUMN` = MAX_COLUMNS: no result row has more columns than this;
- a running count of the text (and blob) bytes a query has returned: once one row's text passes
  MAX_ROW_TEXT_BYTES, or the whole result passes MAX_RESPONSE_BYTES, the query stops with
  ResponseTooLarge, which Datasette shows as the query's error. The count happens as each value
  is read, before the next is built, so the values one request holds stay below
  MAX_RESPONSE_BYTES + MAX_ROW_TEXT_BYTES + MAX_VALUE_BYTES (42 MB). Blobs are not decoded as text,
  so they are counted when their row is complete: a row of blobs can briefly hold up to
  MAX_COLUMNS × MAX_VALUE_BYTES before the query is refused (the database stores no blobs).

SECURITY.md states these figures; tests/test_publish.py checks them on the running server.
"""
from __future__ import annotations

import sqlite3
import weakref
from typing import Any

# The longest document text the pipeline stores is a few hundred kilobytes (a long notice PDF);
# two megabytes leaves room and still refuses anything built to exhaust memory.
MAX_VALUE_BYTES = 2_000_000
# Our widest table has 24 columns; a join of two of them with `select *` still fits.
MAX_COLUMNS = 64
MAX_ROW_TEXT_BYTES = 8_000_000
MAX_RESPONSE_BYTES = 32_000_000


class ResponseTooLarge(sqlite3.DataError):
    """A query's result grew past what one request may hold; the message says what to do."""


def _too_large(what: str, limit: int) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"{what} is larger than {limit // 1_000_000} MB, the most one request may return: "
        "select fewer rows or columns (add a limit, or substr() long texts)"
    )


def bound_connection(conn: sqlite3.Connection) -> None:
    """Apply the length and column limits and install the byte-counting row and text factories.

    Keeps the row and text behaviour Datasette set up (sqlite3.Row rows, UTF-8 text decoded with
    replacement characters), adding only the counting.
    """
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)
    # One connection runs one query at a time (Datasette gives each thread its own), so the text
    # of the row being read can be counted per connection; totals are kept per cursor.
    pending = [0]
    totals: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def text_factory(raw: bytes) -> str:
        pending[0] += len(raw)
        if pending[0] > MAX_ROW_TEXT_BYTES:
            pending[0] = 0
            raise _too_large("One row's text", MAX_ROW_TEXT_BYTES)
        return str(raw, "utf-8", "replace")

    def row_factory(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        row_bytes = pending[0] + sum(len(v) for v in values if isinstance(v, bytes))
        pending[0] = 0
        total = totals.get(cursor, 0) + row_bytes
        if total > MAX_RESPONSE_BYTES:
            raise _too_large("The result", MAX_RESPONSE_BYTES)
        totals[cursor] = total
        return sqlite3.Row(cursor, values)

    conn.text_factory = text_factory
    conn.row_factory = row_factory
