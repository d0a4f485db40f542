"""A file on disk (text, HTML or PDF) → (title, text, kind), for `extract` and `ingest`.

A journalist hands us a notice PDF they were sent, or a saved article; the same parsers as the
collectors read it, so an ingested file yields the same text a fetched one would.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.parsers.article import extract_article
from pipeline.parsers.errors import ParseError
from pipeline.parsers.notice_pdf import pdf_text
from pipeline.parsers.text import clean_line, clean_text, decode_text

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
_FORMATS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def read_document_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, str, str]:
    """Read a document file. Returns (title, text, kind); kind is the Document kind "file",
    whatever the format, because the caller stores it as a `Document(kind=kind)`.

    Raises ParseError with a message naming the file for: an unsupported extension
    (`unsupported_file`), a missing or unreadable file (`file_unreadable`), a file over
    `max_bytes` (`file_too_large`), an empty file or one with no text (`empty_file`), and the
    parsers' own errors (e.g. `pdf_unreadable`).
    """
    path = Path(path)
    file_format = _FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise ParseError("unsupported_file",
                         f"{path}: unsupported file type {path.suffix or '(none)'!r}; use .txt, .html or .pdf")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ParseError("file_too_large",
                             f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit")
        body = path.read_bytes()
    except ParseError:
        raise
    except OSError as exc:
        raise ParseError("file_unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None
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
    return title, text, "file"


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        line = clean_line(line)
        if line:
            return line[:200]
    return None


__all__ = ["read_document_file", "MAX_FILE_BYTES"]
