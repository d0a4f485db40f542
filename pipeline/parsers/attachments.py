"""Documents attached to an ICO page (notices, annexes) → text, by file type.

An attachment is any same-site link whose path is a document (SOURCES.md §6): `.pdf`, `.docx`,
`.rtf` or `.odt`. PDFs are read with pypdf (notice_pdf.py) and Word files with python-docx;
`.rtf` and `.odt` have no reader here, so they are not fetched and the page records them as
skipped, with the reason, instead of sending them to a reader that would fail every night.
"""
from __future__ import annotations

import io
import logging
import zipfile
from urllib.parse import unquote, urlsplit

from pipeline.parsers.errors import ParseError
from pipeline.parsers.notice_pdf import MAX_CHARS, pdf_text
from pipeline.parsers.text import clean_text

logger = logging.getLogger(__name__)

# file suffix → type; every document type an ICO page links to.
DOCUMENT_TYPES = {".pdf": "pdf", ".docx": "docx", ".rtf": "rtf", ".odt": "odt"}
# The types whose text we can read; the others are recorded as skipped with this reason.
READABLE_TYPES = ("pdf", "docx")
SKIP_REASONS = {
    "rtf": "RTF attachment: no text reader for this format; not fetched",
    "odt": "ODT attachment: no text reader for this format; not fetched",
}
# A .docx is a zip: its members are checked before anything is decompressed, so a zip bomb
# costs nothing.
DOCX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024


def document_type(url: str) -> str | None:
    """"pdf", "docx", "rtf", "odt" when the URL's path names a document, else None."""
    path = unquote(urlsplit(url).path).lower()
    for suffix, kind in DOCUMENT_TYPES.items():
        if path.endswith(suffix):
            return kind
    return None


def attachment_text(body: bytes, file_type: str) -> str:
    """The text of an attachment of a readable type. Raises ParseError when it cannot be read."""
    if file_type == "pdf":
        return pdf_text(body)
    if file_type == "docx":
        return docx_text(body)
    raise ParseError("unsupported_format", SKIP_REASONS.get(file_type, f"no text reader for {file_type!r}"))


def docx_text(body: bytes, *, max_chars: int = MAX_CHARS) -> str:
    """The text of a Word (.docx) file: paragraphs, then table cells, one block per line.

    Raises ParseError("docx_unreadable") for an empty body, bytes that are not a .docx, a
    corrupt or oversized archive, or a file with no text.
    """
    if not body or not body.strip():
        raise ParseError("docx_unreadable", "empty .docx body")
    if not body.startswith(b"PK"):
        raise ParseError("docx_unreadable", "not a .docx (no zip header)")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ParseError("docx_unreadable", f"corrupt .docx: {exc}") from None
    if unpacked > DOCX_MAX_UNPACKED_BYTES:
        raise ParseError("docx_unreadable", f".docx unpacks to {unpacked} bytes; refused")
    from docx import (
        Document as open_docx,  # python-docx; imported here, only when needed
    )

    try:
        document = open_docx(io.BytesIO(body))
        blocks = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
                if cells:
                    blocks.append(" | ".join(dict.fromkeys(cells)))   # merged cells repeat
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise ParseError("docx_unreadable", f"corrupt .docx: {type(exc).__name__}: {exc}") from None
    text = clean_text("\n\n".join(block for block in blocks if block.strip()))[:max_chars]
    if not text:
        raise ParseError("docx_unreadable", ".docx has no text")
    return text


__all__ = ["DOCUMENT_TYPES", "READABLE_TYPES", "SKIP_REASONS", "document_type", "attachment_text",
           "docx_text"]
