"""Decoding, cleaning, URL vetting, dates, and article main-text extraction."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parsers.article import extract_article
from pipeline.parsers.errors import ParseError
from pipeline.parsers.text import clean_text, decode_html, normalise_date, safe_url

PAGES = Path(__file__).parent / "fixtures" / "pages"
UTF8_PAGE = '<html><head><meta charset="utf-8"></head><body><p>Fined £14,472,500 – Reddit café</p></body></html>'


# -- decode_html (S5, S6, S7) -------------------------------------------------------------------

def test_s5_missing_charset_utf8_page_is_not_decoded_as_latin1():
    text = decode_html(UTF8_PAGE.encode("utf-8"), {"content-type": "text/html"})
    assert "£14,472,500 – Reddit café" in text and "Â" not in text


def test_s6_wrong_declared_charset_falls_back_to_utf8():
    text = decode_html(UTF8_PAGE.replace('<meta charset="utf-8">', "").encode("utf-8"),
                       {"Content-Type": "text/html; charset=iso-8859-1"})
    assert "£14,472,500 – Reddit café" in text


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252"])
def test_s6_utf8_dash_and_accent_under_a_latin_declaration(declared):
    body = "<p>Reprimand – Société Générale</p>".encode("utf-8")
    assert decode_html(body, {"content-type": f"text/html; charset={declared}"}) == "<p>Reprimand – Société Générale</p>"


def test_declared_charset_is_used_when_right():
    body = '<p>Penalty £5,000 for the café</p>'.encode("cp1252")
    assert decode_html(body, {"content-type": "text/html; charset=windows-1252"}) == "<p>Penalty £5,000 for the café</p>"


def test_meta_charset_is_used_when_the_header_has_none():
    body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>' \
           '<body>£5,000 – café</body></html>'
    assert "£5,000 – café" in decode_html(body.encode("cp1252"), {"content-type": "text/html"})


def test_bom_wins_over_everything():
    body = "\ufeff<p>£1 café</p>".encode("utf-16-le")
    assert decode_html(body, {"content-type": "text/html; charset=iso-8859-1"}) == "<p>£1 café</p>"


def test_unknown_declared_charset_is_ignored():
    assert decode_html("£1".encode("utf-8"), {"content-type": "text/html; charset=x-klingon"}) == "£1"


def test_s7_invalid_bytes_are_replaced_not_fatal():
    body = "<p>fined £300,000 ".encode("utf-8") + b"\xff\xfe" + " for texts</p>".encode("utf-8")
    text = decode_html(body, {"content-type": "text/html; charset=utf-8"})
    assert text.startswith("<p>fined") and text.endswith("for texts</p>")


# -- clean_text (S8) and safe_url (H3) ------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("ICO\x00 fine\x1b[31m  red\x07", "ICO fine[31m red"),
    ("Cafe\u0301", "Caf\u00e9"),                             # NFC
    ("  a\t\t b  \r\n\r\n\r\n\r\nc\u00a0\u00a0d  ", "a b\n\nc d"),
    ("", ""),
    (None, ""),
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("href, base, expected", [
    ("/media2/abc/notice.pdf", "https://ico.org.uk/x/", "https://ico.org.uk/media2/abc/notice.pdf"),
    ("https://example.com/a", None, "https://example.com/a"),
    ("javascript:alert(1)", "https://ico.org.uk/", None),
    ("JaVaScRiPt:alert(1)", None, None),
    ("java\tscript:alert(1)", "https://ico.org.uk/", None),
    ("data:text/html,<script>x</script>", None, None),
    ("mailto:casework@ico.org.uk", None, None),
    ("ftp://ico.org.uk/file", None, None),
    ("//evil.example/x", "https://ico.org.uk/", "https://evil.example/x"),
    ("", "https://ico.org.uk/", None),
    (None, None, None),
    ("http://[::1", None, None),
])
def test_safe_url(href, base, expected):
    assert safe_url(href, base) == expected


@pytest.mark.parametrize("value, expected", [
    ("28 May 2026", "2026-05-28"),
    ("2026-02-23T15:12:00Z", "2026-02-23"),
    ("Wed, 18 Feb 2026 19:05:07 GMT", "2026-02-18"),
    ("Wednesday, July 08, 2026", "2026-07-08"),
    ("0000-00-00", None),
    ("31 February 2026", None),
    ("1 January 2099", None),
    ("3 March 1970", None),
    ("soon", None),
    (None, None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


# -- extract_article ----------------------------------------------------------------------------

def test_article_keeps_the_story_and_drops_every_kind_of_boilerplate():
    article = extract_article((PAGES / "article_pulse_gp_reprimand.html").read_bytes(),
                              url="https://www.pulsetoday.co.uk/news/regulation/gp-practice-reprimanded-by-ico/",
                              headers={"content-type": "text/html; charset=UTF-8"})
    assert article.title == "GP practice reprimanded by ICO after patient letters sent to wrong addresses"
    assert (article.published, article.outlet) == ("2026-08-11", "Pulse Today")
    paragraphs = [p for p in article.text.split("\n") if p]
    assert paragraphs[0].startswith("A GP practice in Kent has been reprimanded by the Information Commissioner's Office")
    assert paragraphs[-1] == "A spokesperson for the practice said it had written to every affected patient to apologise."
    assert len(paragraphs) == 4
    for leaked in ("Previous post", "Next post", "Leave a Reply", "Related articles", "Practice fined £40,000",
                   "£75,000", "Most read", "Health board fined £1m", "Want news like this", "Share on",
                   "Cogora", "Cookie settings", "Jobs", "TRACKER-SCRIPT-TEXT", "INLINE-AD-SCRIPT",
                   "weight-loss", "Tagged"):
        assert leaked not in article.text, leaked


def test_article_register_layout():
    article = extract_article((PAGES / "article_register_reddit.html").read_bytes(),
                              url="https://www.theregister.com/2026/02/23/reddit_ico_fine/", headers={})
    assert (article.title, article.published, article.outlet) == (
        "UK data watchdog fines Reddit £14.5M over kids' data", "2026-02-23", "The Register")
    assert "£14,472,500" in article.text
    assert article.text.rstrip().endswith("behind British Airways and Marriott.")
    for leaked in ("More like these", "Ransomware gang", "42 comments", "Biting the hand", "loadAd",
                   "Off-Prem"):
        assert leaked not in article.text, leaked


def test_short_article_text_does_not_repeat_the_headline():
    body = (b"<html><head><title>t</title></head><body><nav><p>Menu item</p></nav>"
            b"<article><h1>Council reprimanded</h1><p>The ICO reprimanded a council.</p>"
            b"<div class='related-links'><p>Other story</p></div></article>"
            b"<footer><p>Copyright</p></footer></body></html>")
    article = extract_article(body, url="https://news.example/a", headers={})
    assert article.text == "The ICO reprimanded a council."
    assert article.title == "Council reprimanded"


def test_paragraph_fallback_drops_furniture():
    from pipeline.parsers.article import _paragraph_fallback

    html = ("<html><body><nav><p>Menu item</p></nav><div id='cookie-bar'><p>Cookies</p></div>"
            "<article><p>First paragraph.</p><div class='related-links'><p>Other story</p></div>"
            "<script>evil()</script><p>Second <b>paragraph</b>.</p><div class='comments'><p>Rant</p></div></article>"
            "<footer><p>Copyright</p></footer></body></html>")
    assert _paragraph_fallback(html, "https://news.example/a") == "First paragraph.\n\nSecond paragraph."


def test_article_with_no_text_raises_extraction_empty():
    with pytest.raises(ParseError) as caught:
        extract_article(b"<html><body><script>only()</script></body></html>", url="https://news.example/e", headers={})
    assert caught.value.error_class == "extraction_empty"


def test_h6_deeply_nested_article_completes_or_fails_by_name():
    body = b"<html><body>" + b"<div>" * 100_000 + b"<p>The ICO fined a firm.</p>" + b"</div>" * 100_000 + b"</body></html>"
    try:
        article = extract_article(body, url="https://news.example/deep", headers={})
    except ParseError as exc:
        assert exc.error_class in ("parse_error", "extraction_empty")
    else:
        assert "<" not in article.text


def test_consent_banner_and_closing_furniture_are_not_text():
    body = ("<html><head><meta property='og:title' content='Council fined'></head><body>"
            "<div id='consent-overlay'><p>We and our partners store and access information on your device.</p>"
            "<button>Accept</button></div><article><h1>Council fined</h1>"
            "<p>The Information Commissioner's Office has fined a council £50,000 after a spreadsheet of "
            "tenants' details was emailed to a contractor who had no need to see it.</p>"
            "<p>The regulator said the council had no checks on outgoing attachments at the time.</p>"
            "<p class='comments-closed'>Comments are closed.</p>"
            "<p class='tip'>Got a tip on this story? Send us news.</p></article></body></html>").encode()
    article = extract_article(body, url="https://news.example/council", headers={})
    assert article.text.split("\n") == [
        "The Information Commissioner's Office has fined a council £50,000 after a spreadsheet of tenants' "
        "details was emailed to a contractor who had no need to see it.",
        "The regulator said the council had no checks on outgoing attachments at the time.",
    ]
