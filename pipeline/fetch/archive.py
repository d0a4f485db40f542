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
import logging
import os
import re
import tempfile
import zlib
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
        target.parent.mkdir(parents=True, exist_ok=True)
        # mtime=0 keeps the .gz bytes a pure function of the body: the same body always
        # produces the same file, whichever run wrote it.
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{digest[:16]}.", suffix=".tmp",
                                        dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(compressed)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            try:
                os.unlink(tmp_name)
            except FileNotFoundError:
                pass
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
