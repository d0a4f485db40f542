"""Full-text search as a journalist types it: FTS5 syntax when it is valid, a phrase when it is not.

SQLite's FTS5 understands `NHS OR health`, `ransom*`, `NEAR(ransomware NHS, 10)` and
"quoted phrases", but refuses `£100,000`, `multi-factor` or an unbalanced quote with a syntax
error, which on a web page reads as "the search is broken". `fts_query()` is registered as an SQL
function on every connection, so a canned query writes `where cases_fts match fts_query(:q)`: the
text is used as typed when FTS5 accepts it, and searched as one quoted phrase otherwise.

Matches are marked with MARK_START / MARK_END (two control characters that clean text never
contains) so that HTML pages can turn them into <mark> after escaping the text, instead of
printing `**` markers; JSON and CSV keep the raw characters out of sight.
"""
from __future__ import annotations

import re
import sqlite3
import threading

MARK_START = "\x02"
MARK_END = "\x03"
# A connection of our own parses queries against an empty one-column FTS5 table. Column filters
# (`title:x`) are refused there, and so searched as text: the indexes do not share column names.
_local = threading.local()
# Journalists type "or" in lower case; FTS5 only knows the upper-case operator.
_LOWER_OR = re.compile(r"(?<=\S) or (?=\S)")


def _checker() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE q USING fts5(unused_column_name)")
        _local.conn = conn
    return conn


def phrase(text: str) -> str:
    """`text` as one FTS5 phrase: inner double quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def fts_query(text: str | None) -> str | None:
    """The FTS5 expression to MATCH for what a person typed (None stays None).

    Valid FTS5 syntax is kept (with a lower-case " or " read as OR); anything FTS5 rejects is
    searched as a phrase, so every input gives results or an honest empty list, never an error.
    """
    if text is None:
        return None
    text = " ".join(str(text).split())
    if not text:
        return phrase("")
    candidate = _LOWER_OR.sub(" OR ", text)
    try:
        _checker().execute("SELECT rowid FROM q WHERE q MATCH ?", (candidate,)).fetchall()
    except sqlite3.Error:
        return phrase(text)
    return candidate
