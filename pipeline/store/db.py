"""Opening the database and giving it its shape.

The schema is declared once, in pipeline/store/schema.sql, and applied on every run: every statement there is
idempotent, so applying it twice changes nothing. Full-text search is added with sqlite-utils'
`enable_fts` (its triggers keep the index current), because that is what Datasette detects and
offers as a search box.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path
from typing import Iterator, Mapping

import sqlite_utils

from pipeline.clock import utc_now
from pipeline.resources import package_file
from pipeline.store.organisations import fill_name_indexes

logger = logging.getLogger(__name__)

# How long a write waits for another writer before giving up. Tests and impatient users can
# shorten it with ENFORCEMENT_MONITOR_BUSY_TIMEOUT (seconds).
BUSY_TIMEOUT_MS = int(float(os.environ.get("ENFORCEMENT_MONITOR_BUSY_TIMEOUT", "30")) * 1000)

# table -> the columns its full-text index covers
FTS_TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("title", "text", "outlet"),
    "cases": ("organisation", "organisation_aliases", "summary", "topic"),
    "organisations": ("name", "aliases"),
}

# Columns added to tables after their first release. `CREATE TABLE IF NOT EXISTS` never changes a
# table that already exists, so a database built by an older version gets them with ALTER TABLE.
ADDED_COLUMNS: dict[str, dict[str, str]] = {
    "cases": {"press_only": "INTEGER NOT NULL DEFAULT 0", "topic": "TEXT"},
    "organisation_aliases": {"first_word": "TEXT"},
}
# Indexes on added columns: created after the columns exist.
ADDED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS organisation_aliases_first_word ON organisation_aliases(first_word)",
)

__all__ = ["ADDED_COLUMNS", "FTS_TABLES", "DatabaseError", "ensure_db_shape", "open_db", "prepare_db",
           "utc_now"]


class DatabaseError(Exception):
    """The database file cannot be used: unreadable, locked, or not an SQLite database.

    The message names the file, so the CLI can print it as one line.
    """


def schema_path() -> Path:
    """schema.sql, shipped inside this package (so an installed wheel finds it too)."""
    return package_file("pipeline.store", "schema.sql")


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose transactions take the write lock first (BEGIN IMMEDIATE).

    Every `with db.atomic():` of ours writes. A deferred transaction that reads first (is this
    URL known?) and then writes is refused at once, without waiting the busy timeout, when
    another connection is writing: SQLite will not let two would-be writers wait on each other.
    Taking the lock first makes a second writer wait its turn instead. Nested blocks are still
    savepoints of the outer transaction.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just wrote (sqlite3 types `lastrowid` as optional because
    it is None before any INSERT; after one it is always set)."""
    if cursor.lastrowid is None:
        raise DatabaseError("an INSERT reported no row id")
    return cursor.lastrowid


def open_db(path: str | Path) -> Database:
    """Open (or create) the database at `path`, ready for writing.

    Waits up to 30 s for another writer (Datasette reads, a concurrent run) rather than failing at
    once, and turns foreign keys on so a case can never point at a document that does not exist.
    Raises DatabaseError naming the file when it cannot be used.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create its folder: {exc.strerror or exc}") from exc
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot open the database: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Reading the schema is what makes SQLite look at the file: a text file or a truncated
        # database fails here, with "file is not a database", rather than in the middle of a run.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseError(f"{path}: {_explain(exc)}") from exc
    return Database(conn)


def _explain(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return (f"the database is locked by another process ({message}) after waiting "
                f"{BUSY_TIMEOUT_MS / 1000:g}s; wait for it to finish, or set "
                f"ENFORCEMENT_MONITOR_BUSY_TIMEOUT=<seconds> to wait longer")
    if "not a database" in message or "malformed" in message:
        return f"not a usable SQLite database ({message})"
    if "unable to open" in message or "readonly" in message:
        return f"cannot read or write the file ({message})"
    return message


def ensure_db_shape(db: sqlite_utils.Database,
                    taxonomy: Mapping[str, tuple[str, str | None]] | None = None) -> None:
    """Apply schema.sql, the full-text indexes and the failure taxonomy; idempotent.

    Safe to call on every run and on a database built by an older version: tables and indexes
    are created only when missing, added columns are added, views are recreated, and the FTS
    indexes are left alone when they already have the right shape. `taxonomy` (code -> (label,
    description), the extractor's list of failure codes) refreshes failure_types when given:
    the store does not know the extractor, the caller that runs it passes it in.
    """
    try:
        # executescript commits whatever is open before it runs, so the write lock is taken
        # by the script itself (BEGIN IMMEDIATE: a second writer waits the busy timeout) and
        # the transaction stays open for the steps after it.
        db.executescript("BEGIN IMMEDIATE;\n" + schema_path().read_text(encoding="utf-8"))
        try:
            _add_missing_columns(db)
            for table, columns in FTS_TABLES.items():
                # replace=True returns at once when the index already has this configuration,
                # and rebuilds it when the column list changed.
                db.table(table).enable_fts(list(columns), create_triggers=True, replace=True)
            fill_name_indexes(db)
            if taxonomy is not None:
                fill_failure_types(db, taxonomy)
        except BaseException:
            db.conn.rollback()
            raise
        if db.conn.in_transaction:       # enable_fts commits when it has to rebuild an index
            db.conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"{db_file(db)}: cannot apply the schema: {_explain(exc)}") from exc


def explain_db_error(db: sqlite_utils.Database, exc: sqlite3.Error) -> str:
    """One line for a database error a user can act on: the file, and what to do."""
    return f"{db_file(db)}: {_explain(exc)}"


def db_file(db: sqlite_utils.Database) -> str:
    """The file behind `db`, for error messages."""
    try:
        for row in db.execute("PRAGMA database_list").fetchall():
            if row[1] == "main":
                return row[2] or ":memory:"
    except sqlite3.Error:
        pass
    return "database"


def _add_missing_columns(db: sqlite_utils.Database) -> None:
    for table, columns in ADDED_COLUMNS.items():
        existing = {column.name for column in db[table].columns}
        for name, declaration in columns.items():
            if name not in existing:
                logger.info("adding column %s.%s", table, name)
                db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {declaration}")
    for statement in ADDED_INDEXES:
        db.execute(statement)


def fill_failure_types(db: sqlite_utils.Database, taxonomy: Mapping[str, tuple[str, str | None]]) -> int:
    """Copy the failure taxonomy (code -> (label, description)) into failure_types; returns how
    many codes. The taxonomy lives with the extractor (pipeline.extract.TAXONOMY)."""
    rows = [{"code": code, "label": label, "description": description}
            for code, (label, description) in taxonomy.items()]
    if rows:
        db.table("failure_types").upsert_all(rows, pk="code")
    return len(rows)


def prepare_db(db_path: str | Path,
               taxonomy: Mapping[str, tuple[str, str | None]] | None = None) -> sqlite_utils.Database:
    """Open the database and bring its schema up to date; a locked or broken file is one
    DatabaseError naming the file (what every command that writes starts with)."""
    db = open_db(db_path)
    try:
        ensure_db_shape(db, taxonomy)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"{db_path}: cannot prepare the database: {_explain(exc)}") from exc
    return db


def default_archive_dir(db_path: str | Path) -> Path:
    """The raw archive lives beside the database: db/enforcement.db → db/raw/."""
    return Path(db_path).parent / "raw"
