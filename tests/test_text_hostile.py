"""Text that attacks the reader: bidirectional controls (issue 14 #9) and one invalid byte in a
UTF-8 page (issue 14 #12)."""
from __future__ import annotations

import pytest

from pipeline.parsers.text import clean_line, clean_text, decode_html, decode_text

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("control", BIDI)
def test_bidi_controls_never_reach_stored_text(control):
    hostile = f"Good Bank {control}dtL gnp.exe Ltd"
    assert clean_text(hostile) == "Good Bank dtL gnp.exe Ltd"
    assert clean_line(f"Acme{control} Ltd") == "Acme Ltd"


def test_c1_controls_and_stray_byte_order_marks_are_removed_but_letters_stay():
    assert clean_text("Caf\u00e9\u0085 \ufeffSoci\u00e9t\u00e9 \u05d0\u05d1 \u0639\u0631\u0628\u064a") == \
        "Caf\u00e9 Soci\u00e9t\u00e9 \u05d0\u05d1 \u0639\u0631\u0628\u064a"


UTF8_PAGE = ("<html><head><title>Fines</title></head><body><p>The ICO fined Acme Ltd £10,000, "
             "Beta Ltd £20,000 and Gamma Ltd £30,000; the café chain paid £5,000.</p>"
             "</body></html>").encode("utf-8")
ONE_BAD_BYTE = UTF8_PAGE.replace(b"Beta", b"B\xffeta")


@pytest.mark.parametrize("headers", [
    {"content-type": "text/html; charset=utf-8"},
    {"content-type": "text/html"},
    {"content-type": "text/html; charset=iso-8859-1"},     # a wrong declaration as well
])
def test_one_invalid_byte_does_not_turn_every_pound_sign_into_mojibake(headers):
    text = decode_html(ONE_BAD_BYTE, headers)
    assert "Â" not in text
    assert text.count("£") == 4 and "café" in text
    assert text.count("\ufffd") == 1


def test_one_invalid_byte_in_a_text_file():
    text = decode_text(ONE_BAD_BYTE)
    assert "Â" not in text and text.count("£") == 4


def test_windows_1252_text_is_still_read_as_windows_1252():
    body = "The ICO fined Acme Ltd £10,000 – a café chain".encode("cp1252")
    assert decode_text(body) == "The ICO fined Acme Ltd £10,000 – a café chain"
    assert "£10,000" in decode_html(b"<p>" + body + b"</p>")
