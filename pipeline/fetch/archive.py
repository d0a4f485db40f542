"""RawArchive: every response body kept pristine, content-addressed and gzip-compressed.

Saving the bytes exactly as fetched, before any parsing, means a parser fix can be replayed
over history (`enforcement-monitor reparse`) without asking the sites again (warn-scraper's
habit). Bodies are stored by their SHA-256, so the same body fetched a thousand nights costs
one file, and the name proves the content.

Writes are atomic: the compressed bytes go to a temporary file in the destination folder and
are renamed into place with os.replace, so a run killed mid-write never leaves a truncated file
that a later run would trust (warn-scraper's cache writes in place and does).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_hex(body: bytes) -> str:
    """The archive key of a body: its SHA-256 as lower-case hex."""
    return hashlib.sha256(body).hexdigest()


class RawArchive:
    """A folder of bodies at root/ab/cd/<sha256>.gz. Safe to share between runs."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        """Where the body with this hash lives (whether or not it is there yet)."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.gz"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, body: bytes) -> str:
        """Store `body` (if not already stored) and return its SHA-256."""
        digest = sha256_hex(body)
        target = self.path(digest)
        if target.is_file():
            return digest
        # mtime=0 keeps the .gz bytes a pure function of the body: the same body always
        # produces the same file, whichever run wrote it.
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{digest[:16]}.", suffix=".tmp",
                                            dir=target.parent)
        except OSError as exc:
            raise archive_write_error(target.parent, exc) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(compressed)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException as exc:
            try:
                os.unlink(tmp_name)
            except FileNotFoundError:
                pass
            if isinstance(exc, OSError):
                raise archive_write_error(target, exc) from None
            raise
        logger.debug("archived %d bytes as %s", len(body), digest)
        return digest

    def get(self, sha256: str) -> bytes:
        """The body stored under `sha256`; KeyError if absent, ValueError if corrupt."""
        target = self.path(sha256)
        try:
            compressed = target.read_bytes()
        except FileNotFoundError:
            raise KeyError(sha256) from None
        try:
            body = gzip.decompress(compressed)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"archived body {sha256} is corrupt: {exc}") from None
        if sha256_hex(body) != sha256:
            raise ValueError(f"archived body {sha256} does not match its hash")
        return body


# -- the archive's index --------------------------------------------------------------------
# The raw_responses table indexes the archive inside the database. The same records are kept
# by the archive itself, so that a database can be rebuilt from the archive alone:
#
# * <root>/index.jsonl, one JSON record a line, in the order they were fetched (what `reparse`
#   reads);
# * <root>/ab/cd/<sha256>.json beside each body: the records of that body (which URLs, which
#   parser, what the collector knew). They are what the index is rebuilt from when it is missing
#   or damaged, and how a record already indexed is recognised (so a body fetched again every
#   night, like a search-API answer, is not appended again).
#
# Both are written and fsynced BEFORE the source's transaction commits: a record whose response
# never reached the database is harmless (reparse stores it), a committed response missing from
# the index would be lost on a rebuild.

RAW_INDEX_NAME = "index.jsonl"


class ArchiveWriteError(OSError):
    """The raw archive cannot be written (disk full, read-only folder); the message names the path."""


def archive_write_error(path: Path, exc: OSError) -> ArchiveWriteError:
    """One line naming the path and the cause, for a user who can fix it."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return ArchiveWriteError(exc.errno, f"cannot write the raw archive at {path}: {reason}")


def record_key(record: dict) -> tuple[str, str, str, str]:
    """What makes two records the same: the body, where it came from, how it is parsed, and what
    the collector knew."""
    return (str(record.get("sha256")), str(record.get("url")), str(record.get("parser")),
            json.dumps(record.get("context") or {}, sort_keys=True, default=str))


def _records_path(root: Path, sha256: str) -> Path:
    return RawArchive(root).path(sha256).with_suffix(".json")


def _read_sidecar(path: Path) -> list[dict]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        logger.warning("rewriting an unreadable record file %s", path)
        return []
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a fsynced temporary file and a rename."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def append_raw_index(archive_root: Path, records: Iterable[dict]) -> int:
    """Index `records` (RawRecord fields as dicts) durably; returns how many were new.

    A record already indexed (the same body from the same URL with the same context) is
    skipped. The index line is written and fsynced first, then the record file beside the body:
    a crash in between leaves a line the next run writes again (reparse ignores duplicates),
    never a record the index lacks. A partial last line left by a crash is closed with a newline
    first, so it never glues itself onto the next record. Raises ArchiveWriteError naming the
    path when the disk refuses.
    """
    root = Path(archive_root)
    fresh: list[tuple[dict, Path, list[dict]]] = []
    seen: set[tuple[str, str, str, str]] = set()
    for record in records:
        key = record_key(record)
        if key in seen:
            continue
        seen.add(key)
        sidecar = _records_path(root, record["sha256"])
        known = _read_sidecar(sidecar)
        if any(record_key(old) == key for old in known):
            continue
        fresh.append((record, sidecar, known))
    if not fresh:
        return 0
    index_path = root / RAW_INDEX_NAME
    try:
        root.mkdir(parents=True, exist_ok=True)
        created = not index_path.exists()
        with open(index_path, "ab") as index:
            if index.tell() > 0 and not _ends_with_newline(index_path):
                index.write(b"\n")          # close a line a crash cut short
            for record, _, _ in fresh:
                index.write(json.dumps(record, sort_keys=True, default=str).encode("utf-8") + b"\n")
            index.flush()
            os.fsync(index.fileno())
        if created:
            _fsync_dir(root)
    except OSError as exc:
        raise archive_write_error(index_path, exc) from None
    for record, sidecar, known in fresh:
        try:
            sidecar.parent.mkdir(parents=True, exist_ok=True)
            known.append(record)
            _write_atomically(sidecar, json.dumps(known, sort_keys=True, default=str).encode("utf-8"))
        except OSError as exc:
            raise archive_write_error(sidecar, exc) from None
    return len(fresh)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


@dataclass
class IndexRead:
    """The records of index.jsonl, and whether it was missing or had lines it could not read."""

    records: list[dict] = field(default_factory=list)
    missing: bool = False
    damaged_lines: int = 0

    @property
    def sound(self) -> bool:
        return not self.missing and self.damaged_lines == 0


def read_raw_index(archive_root: Path) -> IndexRead:
    """Every record in the archive's index, oldest first.

    A line a crash cut short is skipped and counted; a whole record glued after such a fragment
    (an index written by an older version) is recovered.
    """
    path = Path(archive_root) / RAW_INDEX_NAME
    result = IndexRead()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        result.missing = True
        return result
    for raw_line in data.split(b"\n"):
        line = raw_line.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        record = _parse_record(line)
        if record is None:
            record = _recover_glued(line)
            result.damaged_lines += 1
        if record is not None:
            result.records.append(record)
    if result.damaged_lines:
        logger.warning("%s: %d damaged line(s)", path, result.damaged_lines)
    return result


def _parse_record(text: str) -> dict | None:
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if isinstance(record, dict) and isinstance(record.get("sha256"), str) and "url" in record:
        return record
    return None


def _recover_glued(line: str) -> dict | None:
    """The whole record at the end of a line that starts with a fragment, if there is one."""
    start = line.find('{"', 1)
    while start != -1:
        record = _parse_record(line[start:])
        if record is not None:
            return record
        start = line.find('{"', start + 1)
    return None


def rebuild_raw_index(archive_root: Path) -> list[dict]:
    """Rewrite index.jsonl from the record files beside the bodies plus every readable line of
    the old index (bodies archived before record files existed); returns the records, oldest
    first. The new index replaces the old one atomically."""
    root = Path(archive_root)
    records: dict[tuple[str, str, str, str], dict] = {}
    for record in read_raw_index(root).records:
        records.setdefault(record_key(record), record)
    for sidecar in sorted(root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*.json")):
        for record in _read_sidecar(sidecar):
            if isinstance(record.get("sha256"), str) and "url" in record:
                records.setdefault(record_key(record), record)
    ordered = sorted(records.values(), key=lambda r: (str(r.get("fetched_at") or ""), str(r.get("url"))))
    data = b"".join(json.dumps(r, sort_keys=True, default=str).encode("utf-8") + b"\n" for r in ordered)
    path = root / RAW_INDEX_NAME
    try:
        root.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, data)
    except OSError as exc:
        raise archive_write_error(path, exc) from None
    logger.warning("rebuilt %s from the archive: %d records", path, len(ordered))
    return ordered
