"""A file on disk (text, HTML or PDF) → (title, text, kind), for `extract` and `ingest`.

A journalist hands us a notice PDF they were sent, or a saved article; the same parsers as the
collectors read it, so an ingested file yields the same text a fetched one would.
"""
from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.models import DocumentKind
from pipeline.parsers.article import extract_article
from pipeline.parsers.errors import ParseError
from pipeline.parsers.notice_pdf import pdf_text
from pipeline.parsers.text import clean_line, clean_text, decode_text

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024     # a notice PDF with scans can be large
MAX_TEXT_FILE_BYTES = 8 * 1024 * 1024  # a text or HTML file: a saved article is a few hundred KB
MAX_TEXT_CHARS = 1_000_000             # the text one document may hand the extractor (~300 pages)
_FORMATS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass
class DocumentFile:
    """A file read for `extract` or `ingest`: its text, and the bytes that were read (the
    archive keeps those, so the file is never opened twice)."""

    title: str | None
    text: str
    kind: DocumentKind
    body: bytes


def read_document_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, str, str]:
    """Read a document file. Returns (title, text, kind); see `read_document`."""
    document = read_document(path, max_bytes=max_bytes)
    return document.title, document.text, document.kind


def read_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> DocumentFile:
    """Read a document file; kind is the Document kind "file", whatever the format.

    Raises ParseError with a message naming the file for: an unsupported extension
    (`unsupported_file`), a missing or unreadable file (`file_unreadable`), something that is
    not a regular file once symlinks are followed, like a FIFO or /dev/zero (`not_a_file`), a
    file over its cap (`file_too_large`: `max_bytes` for PDFs, MAX_TEXT_FILE_BYTES for text and
    HTML) or whose text is over MAX_TEXT_CHARS (`text_too_long`), an empty file or one with no
    text (`empty_file`), and the parsers' own errors (e.g. `pdf_unreadable`).
    """
    path = Path(path)
    file_format = _FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise ParseError("unsupported_file",
                         f"{path}: unsupported file type {path.suffix or '(none)'!r}; use .txt, .html or .pdf")
    cap = max_bytes if file_format == "pdf" else min(max_bytes, MAX_TEXT_FILE_BYTES)
    body = _read_capped(path, cap)
    if not body.strip():
        raise ParseError("empty_file", f"{path}: the file is empty")

    if file_format == "pdf":
        try:
            text = pdf_text(body)
        except ParseError as exc:
            raise ParseError(exc.error_class, f"{path}: {exc.message}") from None
        title = _first_line(text)
    elif file_format == "html":
        try:
            article = extract_article(body, url=path.resolve().as_uri())
        except ParseError as exc:
            raise ParseError("empty_file" if exc.error_class == "extraction_empty" else exc.error_class,
                             f"{path}: {exc.message}") from None
        title, text = article.title, article.text
    else:
        text = clean_text(decode_text(body))
        title = _first_line(text)
    if not text:
        raise ParseError("empty_file", f"{path}: no text found in the file")
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError("text_too_long", f"{path}: {len(text):,} characters of text is over the "
                         f"{MAX_TEXT_CHARS:,}-character limit for one document; split it")
    return DocumentFile(title, text, "file", body)


def _read_capped(path: Path, cap: int) -> bytes:
    """The file's bytes, at most `cap` of them, from a regular file only.

    The size the file system reports is not trusted: a FIFO would block for ever and a symlink
    to /dev/zero never ends, so the target is checked after following symlinks, opened without
    blocking, checked again on the open descriptor (it may have been swapped in between) and
    read with a hard cap.
    """
    try:
        target = path.resolve(strict=True)
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise ParseError("not_a_file", f"{path}: not a regular file (a folder, FIFO or device); refused")
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ParseError("not_a_file", f"{path}: not a regular file (a folder, FIFO or device); refused")
            if info.st_size > cap:
                raise ParseError("file_too_large", f"{path}: {info.st_size:,} bytes is over the {cap:,}-byte limit")
            body = handle.read(cap + 1)
    except ParseError:
        raise
    except (OSError, RuntimeError) as exc:      # RuntimeError: a symlink loop on older Pythons
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ParseError("file_unreadable", f"{path}: cannot read ({reason})") from None
    if len(body) > cap:
        raise ParseError("file_too_large", f"{path}: more than the {cap:,}-byte limit")
    return body


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        line = clean_line(line)
        if line:
            return line[:200]
    return None


__all__ = ["DocumentFile", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "MAX_TEXT_FILE_BYTES", "read_document",
           "read_document_file"]
