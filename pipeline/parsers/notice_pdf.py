"""A notice PDF → its text, with pypdf.

Notices are text PDFs (monetary penalty notices run to ~40 pages). The page and character
bounds keep one pathological file from eating the run's time and memory; the text that matters
(who, how much, why) is in the first pages anyway.
"""
from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from pipeline.parsers.errors import ParseError
from pipeline.parsers.text import clean_text

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 2_000_000


def pdf_text(body: bytes, *, max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS) -> str:
    """The text of a PDF, pages separated by blank lines.

    Raises ParseError("pdf_unreadable") for an empty body, bytes that are not a PDF, a corrupt
    file, a file encrypted with a password we do not have, or a PDF with no text layer (a scan):
    each is a notice we cannot read, and the run summary should say so.
    """
    if not body or not body.strip():
        raise ParseError("pdf_unreadable", "empty PDF body")
    if b"%PDF-" not in body[:1024]:
        raise ParseError("pdf_unreadable", "not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            # Many official PDFs are "encrypted" only to restrict printing/editing, with an empty
            # user password; those still open. A real password makes the file unreadable to us.
            if not reader.decrypt(""):
                raise ParseError("pdf_unreadable", "PDF is encrypted with a password")
        pages: list[str] = []
        total = 0
        for number, page in enumerate(reader.pages):
            if number >= max_pages:
                logger.warning("PDF has more than %d pages; the rest is not read", max_pages)
                break
            text = page.extract_text() or ""
            pages.append(text)
            total += len(text)
            if total >= max_chars:
                logger.warning("PDF text passed %d characters; truncated", max_chars)
                break
    except ParseError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, ValueError, KeyError...)
        raise ParseError("pdf_unreadable", f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    text = clean_text("\n\n".join(pages))[:max_chars]
    if not text:
        raise ParseError("pdf_unreadable", "PDF has no text layer (scanned image?)")
    return text


__all__ = ["pdf_text", "MAX_PAGES", "MAX_CHARS"]
