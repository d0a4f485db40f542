"""Build the published database: a checked, self-contained copy swapped in atomically.

Datasette opens the published file immutable, and SQLite warns that an immutable file changed
underneath a reader can give wrong results or SQLITE_CORRUPT. So the working database (the one
the pipeline writes) is never the published one. Publishing is:

1. `VACUUM INTO` a temporary file next to the target: a consistent snapshot even while the
   pipeline holds the working file, in one file with no -wal/-journal beside it;
2. the copy is prepared for reading: views computed from whole tables (figure_disagreements,
   case_timeline) stored as tables of the same name, and ANALYZE run for the query planner;
3. `PRAGMA integrity_check` on that copy must answer exactly "ok";
4. `os.replace()` it over the target: atomic on one filesystem, so a reader sees the old file
   or the new one, never half of either.

A failed check raises PublishError, removes the temporary file and leaves the old one in place.
`enforcement-monitor publish --db WORKING --out PUBLISHED` is the command line for it.
After a swap, restart Datasette: its open connections keep reading the old file.

A publish that is killed (SIGKILL, power loss) cannot remove its temporary file, and each one is
as big as the database. So every publish first removes the temporary files beside the target
whose process is no longer running (`remove_stale_temporaries`).
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)


class PublishError(Exception):
    """The new database failed a check; the previously published file was kept."""


def integrity_problems(db_path: str | Path) -> list[str]:
    """What `PRAGMA integrity_check` reports for `db_path`: [] when the answer is "ok".

    A file that is not a database at all, or cannot be opened, is reported as a problem rather
    than raised, so callers have one thing to look at.
    """
    uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return [f"cannot be checked: {error}"]
    return [] if rows == ["ok"] else rows


def _temporary_for(published_db: Path, pid: int) -> Path:
    return published_db.with_name(f".{published_db.name}.tmp-{pid}")


def _process_running(pid: int) -> bool:
    """Whether process `pid` exists (on this machine); a permission error means it does."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(published_db: str | Path) -> list[Path]:
    """Delete `.NAME.tmp-<pid>` files beside `published_db` left by publishes that died; return them.

    A temporary file whose process is still running is another publish at work and is left alone.
    """
    published_db = Path(published_db)
    pattern = re.compile(rf"^\.{re.escape(published_db.name)}\.tmp-(\d+)$")
    removed: list[Path] = []
    if not published_db.parent.is_dir():
        return removed
    for candidate in published_db.parent.iterdir():
        match = pattern.match(candidate.name)
        if not match or int(match.group(1)) == os.getpid() or _process_running(int(match.group(1))):
            continue
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        logger.info("Removed %s, left by a publish that did not finish", candidate)
        removed.append(candidate)
    return removed


def publish_database(working_db: str | Path, published_db: str | Path) -> Path:
    """Copy `working_db` to `published_db` through a checked temporary file; return the target.

    Raises PublishError (and keeps any existing `published_db`) when the working database
    cannot be read or its copy fails `PRAGMA integrity_check`.
    """
    working_db = Path(working_db)
    published_db = Path(published_db)
    if not working_db.is_file():
        raise PublishError(f"{working_db}: no such database")
    published_db.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(published_db)
    # Next to the target, so os.replace() stays on one filesystem and is atomic.
    temporary = _temporary_for(published_db, os.getpid())
    temporary.unlink(missing_ok=True)
    try:
        # The working file is checked too: VACUUM rebuilds every index, so a copy can pass
        # the check while the file it came from is damaged, and that must not go unnoticed.
        _require_intact(working_db, working_db, published_db)
        _vacuum_into(working_db, temporary)
        _prepare_for_reading(temporary)
        _require_intact(temporary, working_db, published_db)
        os.replace(temporary, published_db)
    finally:
        temporary.unlink(missing_ok=True)
    logger.info("Published %s to %s (%d bytes)", working_db, published_db, published_db.stat().st_size)
    return published_db


def _require_intact(checked: Path, working_db: Path, published_db: Path) -> None:
    """Raise PublishError naming the first problems when `checked` fails integrity_check."""
    problems = integrity_problems(checked)
    if problems:
        raise PublishError(
            f"{working_db} failed PRAGMA integrity_check ({'; '.join(problems[:5])}); "
            f"kept the previous {published_db}"
        )


# Views whose rows are computed from whole tables: in the published copy they become tables of
# the same name, columns and rows, computed once per publish instead of on every page view
# (figure_disagreements took seconds at 100,000 documents; docs/SCALING.md). In the working
# database they stay views, always current.
MATERIALISED_VIEWS = ("figure_disagreements", "case_timeline")


def _prepare_for_reading(copy: Path) -> None:
    """Make the published copy cheap to read: heavy views stored as tables, planner statistics.

    The copy is read-only once published, so a snapshot of a view is exact for its whole life.
    """
    conn = sqlite3.connect(copy)
    try:
        with conn:
            for view in MATERIALISED_VIEWS:
                exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?",
                                      (view,)).fetchone()
                if not exists:
                    continue
                conn.execute(f"CREATE TABLE [_{view}_rows] AS SELECT * FROM [{view}]")
                conn.execute(f"DROP VIEW [{view}]")
                conn.execute(f"ALTER TABLE [_{view}_rows] RENAME TO [{view}]")
                conn.execute(f"CREATE INDEX [{view}_case] ON [{view}](case_id)")
        conn.execute("ANALYZE")        # statistics, so the planner picks the indexes at this size
    except sqlite3.DatabaseError as error:
        raise PublishError(f"{copy}: cannot prepare the copy for reading ({error})") from error
    finally:
        conn.close()


def _vacuum_into(source: Path, target: Path) -> None:
    """Write a compacted, consistent snapshot of `source` to the new file `target`."""
    uri = f"{source.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as error:
        raise PublishError(f"{source}: cannot open ({error}); nothing published") from error
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.DatabaseError as error:
        raise PublishError(f"{source}: cannot copy ({error}); kept the previous database") from error
    finally:
        conn.close()
