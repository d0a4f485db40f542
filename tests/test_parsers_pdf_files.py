"""Notice PDFs (made here with fpdf2, so they are real PDFs) and read_document_file."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.parsers.errors import ParseError
from pipeline.parsers.files import read_document_file
from pipeline.parsers.notice_pdf import pdf_text

PAGES = Path(__file__).parent / "fixtures" / "pages"


def make_pdf(*pages: str, user_password: str | None = None) -> bytes:
    """A real text PDF with one page per argument (core font: Latin-1 text only)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return bytes(pdf.output())


NOTICE_PAGE_1 = ("ENFORCEMENT NOTICE\nTo: Elderly Aids Limited\n"
                 "The Commissioner is satisfied that the company made 758,053 unsolicited calls.")
NOTICE_PAGE_2 = "Dated the 6th day of August 2026\nInformation Commissioner"


def test_pdf_text_reads_every_page_in_order():
    text = pdf_text(make_pdf(NOTICE_PAGE_1, NOTICE_PAGE_2))
    assert text == NOTICE_PAGE_1 + "\n\n" + NOTICE_PAGE_2


def test_pdf_with_an_empty_user_password_still_opens():
    assert pdf_text(make_pdf(NOTICE_PAGE_1, user_password="")) == NOTICE_PAGE_1


def test_pdf_bounds_pages_and_characters():
    body = make_pdf("page one text", "page two text", "page three text")
    assert pdf_text(body, max_pages=2) == "page one text\n\npage two text"
    assert pdf_text(body, max_chars=5) == "page "


@pytest.mark.parametrize("body, fragment", [
    (b"", "empty"),
    (b"<html>not a pdf</html>", "not a PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref", "corrupt"),
    (make_pdf(NOTICE_PAGE_1)[:400], "corrupt"),
    (make_pdf(NOTICE_PAGE_1, user_password="secret"), "password"),
    (make_pdf(""), "no text"),
])
def test_unreadable_pdfs_raise_pdf_unreadable(body, fragment):
    with pytest.raises(ParseError) as caught:
        pdf_text(body)
    assert caught.value.error_class == "pdf_unreadable"
    assert fragment in caught.value.message


# -- read_document_file -------------------------------------------------------------------------

def test_read_text_file(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("\ufeffICO fines firm £40,000\r\n\r\n\r\nThe firm made\x00 nuisance calls.\n".encode("utf-8"))
    assert read_document_file(path) == ("ICO fines firm £40,000", "ICO fines firm £40,000\n\nThe firm made nuisance calls.", "file")


def test_read_latin1_text_file(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Penalty of £5,000 imposed on the café owner".encode("latin-1"))
    assert read_document_file(path)[1] == "Penalty of £5,000 imposed on the café owner"


def test_read_html_file_keeps_only_the_article(tmp_path):
    path = tmp_path / "saved.html"
    path.write_bytes((PAGES / "article_pulse_gp_reprimand.html").read_bytes())
    title, text, kind = read_document_file(path)
    assert kind == "file"
    assert title == "GP practice reprimanded by ICO after patient letters sent to wrong addresses"
    assert text.startswith("A GP practice in Kent has been reprimanded")
    assert "Leave a Reply" not in text and "Previous post" not in text


def test_read_pdf_file(tmp_path):
    path = tmp_path / "notice.PDF"
    path.write_bytes(make_pdf(NOTICE_PAGE_1, NOTICE_PAGE_2))
    assert read_document_file(path) == ("ENFORCEMENT NOTICE", NOTICE_PAGE_1 + "\n\n" + NOTICE_PAGE_2, "file")


@pytest.mark.parametrize("name, content, error_class, fragment", [
    ("empty.txt", b"", "empty_file", "empty"),
    ("blank.html", b"  \n ", "empty_file", "empty"),
    ("no-text.html", b"<html><body><script>x()</script></body></html>", "empty_file", "no article text"),
    ("bad.pdf", b"%PDF-1.4 broken", "pdf_unreadable", "corrupt"),
    ("data.docx", b"PK\x03\x04", "unsupported_file", "unsupported file type"),
])
def test_unreadable_files_raise_clear_errors(tmp_path, name, content, error_class, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError) as caught:
        read_document_file(path)
    assert caught.value.error_class == error_class
    assert fragment in caught.value.message
    assert str(path) in caught.value.message


def test_missing_file(tmp_path):
    with pytest.raises(ParseError) as caught:
        read_document_file(tmp_path / "nope.txt")
    assert caught.value.error_class == "file_unreadable"


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(2_000_001)       # sparse: no 2 MB written
    with pytest.raises(ParseError) as caught:
        read_document_file(path, max_bytes=2_000_000)
    assert caught.value.error_class == "file_too_large"
    assert "2,000,001 bytes" in caught.value.message
