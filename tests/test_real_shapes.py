"""What the live sites really serve (SOURCES.md §6), in fixtures written from those facts.

Parser-level checks first, then one run of the whole pipeline against a loopback server serving
the same shapes, checking what ends up stored: a sizeless PDF attachment is fetched and its text
stored, a .docx attachment's text is stored, an .rtf is recorded as skipped and never fetched,
the site-wide notice is absent from stored text, a multi-type item parses, a page without a
facts date takes the listing's date, and a story the BBC repeats under several GUIDs is stored
once.
"""
from __future__ import annotations

import io
import json
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.collect.ico_search_api import page_document
from pipeline.parsers.attachments import document_type, docx_text
from pipeline.parsers.errors import ParseError
from pipeline.parsers.feed import canonical_url, read_feed
from pipeline.parsers.ico_page import SITE_NOTICE, parse_ico_page
from pipeline.parsers.ico_search_api import parse_search_page, split_metadata
from pipeline.sources import ICO_REGISTERS, parse_sources
from tests.test_parsers_pdf_files import make_pdf

PAGES = Path(__file__).parent / "fixtures" / "pages"
BASE = "https://ico.org.uk"
E = "/action-weve-taken/enforcement/"
MEDIA_LAB = E + "2026/02/media-lab-ai-inc/"
JACKSONS = E + "2026/03/jacksons-marketing-ltd/"
SIZELESS_PDF = "/media2/m4l7ai26/media-lab-ai-inc-mpn-20260204.pdf"
ANNEX_DOCX = "/media2/q8d0cx11/media-lab-ai-inc-mpn-annex-20260204.docx"
RTF = "/media2/r2tf9k3m/media-lab-ai-inc-representations-20260204.rtf"
JACKSONS_PDF = "/media/action-weve-taken/mpns/4031877/jacksons-marketing-ltd-mpn.pdf"


def fixture(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def listing_item(path: str):
    page = parse_search_page(fixture("api_search_enforcement_multi_type.json"), base_url=BASE + "/api/search",
                             url_prefixes=ICO_REGISTERS[17222]["url_prefixes"])
    return next(item for item in page.items if item.url == BASE + path)


# -- parsers --------------------------------------------------------------------------------------

def test_attachments_are_any_same_site_document_with_or_without_size():
    page = parse_ico_page(fixture("ico_detail_current_sizeless_attachments.html"), url=BASE + MEDIA_LAB)
    found = {(a.url.removeprefix(BASE), a.file_type, a.size_bytes) for a in page.attachments}
    assert found == {(SIZELESS_PDF, "pdf", None), (ANNEX_DOCX, "docx", 48211), (RTF, "rtf", None)}
    related = {link.url for link in page.related_links}
    # the page about the ICO, and an off-site PDF: neither is an attachment of this page
    assert related == {BASE + "/about-the-ico/our-information/our-regulatory-approach/",
                       "https://www.legislation.gov.uk/uksi/2003/2426/pdfs/uksi_20032426_en.pdf"}
    assert not any("-cym-" in a.url for a in page.attachments)    # the Welsh twin


@pytest.mark.parametrize("path, expected", [
    ("/media2/x/notice.PDF", "pdf"), ("/media2/x/annex.docx", "docx"), ("/m/a.rtf", "rtf"),
    ("/m/a.odt", "odt"), ("/about-the-ico/", None), ("/media2/x/notice.pdf.html", None)])
def test_document_types_are_read_from_the_path(path, expected):
    assert document_type(BASE + path + "?download=1") == expected


def test_docx_text_is_read_with_python_docx_and_bad_files_are_one_error():
    body = make_docx(["Penalty calculation", "Media Lab.AI, Inc. is fined £247,590."],
                     [["Step", "Amount"], ["Final penalty", "£247,590"]])
    text = docx_text(body)
    assert "Media Lab.AI, Inc. is fined £247,590." in text and "Final penalty | £247,590" in text
    for bad in (b"", b"%PDF-1.4 not a docx", b"PK\x03\x04 truncated zip"):
        with pytest.raises(ParseError) as error:
            docx_text(bad)
        assert error.value.error_class == "docx_unreadable"


def test_the_site_notice_is_not_part_of_the_text():
    page = parse_ico_page(fixture("ico_detail_current_notice_no_facts_date.html"), url=BASE + JACKSONS)
    assert "incorrect results may be produced" not in page.text
    assert page.text.startswith("Jacksons Marketing Ltd was fined £130,000")
    assert "incorrect results" in SITE_NOTICE


def test_date_precedence_facts_then_published_time_then_listing_then_dc_date():
    html = fixture("ico_detail_current_notice_no_facts_date.html")
    item = listing_item(JACKSONS)

    def published(body: bytes, listed_date: str | None) -> str | None:
        page = parse_ico_page(body, url=BASE + JACKSONS)
        item.listed_date = listed_date
        return page_document(item, page, kind="enforcement_page", source_id="s", fetched_at="t",
                             raw_sha256=None).published

    assert published(html, "2026-03-12") == "2026-03-12"          # listing beats DC.Date
    assert published(html, None) == "2026-04-14"                  # DC.Date only as a last resort
    with_published_time = html.replace(
        b'<meta name="DC.PageID"', b'<meta property="article:published_time" content="2026-03-13T09:00:00Z">'
                                   b'<meta name="DC.PageID"')
    assert published(with_published_time, "2026-03-12") == "2026-03-13"
    with_facts_date = html.replace(b"<li><span>Type</span>", b"<li><span>Date</span> <strong>11 March 2026</strong>"
                                                             b"</li><li><span>Type</span>")
    assert published(with_facts_date, "2026-03-12") == "2026-03-11"


@pytest.mark.parametrize("value, expected", [
    ("15 January 2026, Monetary penalties, Enforcement notices, Finance insurance and credit",
     ("2026-01-15", ["Monetary penalties", "Enforcement notices"], "Finance insurance and credit")),
    ("7 August 2026, Reprimands, Monetary penalties", ("2026-08-07", ["Reprimands", "Monetary penalties"], None)),
    ("7 August 2026, Reprimands, Central government", ("2026-08-07", ["Reprimands"], "Central government")),
    ("17 July 2026, Prosecutions", ("2026-07-17", ["Prosecutions"], None)),
    ("6 December 2022, News", ("2022-12-06", ["News"], None)),
    ("5 December 2025, Education and childcare", ("2025-12-05", [], "Education and childcare")),
])
def test_metadata_parts_are_matched_against_the_known_labels(value, expected):
    listed_date, types, sector = split_metadata(value)
    assert (listed_date, types, sector) == expected


def test_a_multi_type_item_keeps_every_type():
    item = listing_item("/action-weve-taken/enforcement/2026/01/allay-claims-ltd/")
    assert item.listed_type == "Monetary penalties, Enforcement notices"
    assert item.listed_action_types == ["monetary_penalty", "enforcement_notice"]
    assert item.listed_action_type == "monetary_penalty"
    assert item.sector == "Finance insurance and credit"


def test_bbc_stories_repeated_under_several_guids_are_one_item():
    parsed = read_feed(fixture("feed_bbc_duplicate_guids.xml"), url="https://feeds.bbci.co.uk/news/rss.xml")
    assert [item.title for item in parsed.items] == [
        "Met Police reprimanded by data watchdog over access requests", "Reddit fined £14m by UK data watchdog"]
    assert parsed.duplicates == 2


def test_canonical_urls_drop_tracking_parameters_and_fragments():
    assert canonical_url("https://WWW.BBC.co.uk:443/news/articles/c0met1ico2rp?at_medium=RSS&at_campaign=rss#1") == \
        "https://www.bbc.co.uk/news/articles/c0met1ico2rp"
    assert canonical_url("https://example.org/a?id=7&utm_source=x") == "https://example.org/a?id=7"


def test_google_news_titles_lose_the_publisher_suffix_even_when_it_differs_from_source():
    parsed = read_feed(fixture("feed_google_news_publisher_suffix.xml"), url="https://news.google.com/rss/search?q=x")
    assert [(item.title, item.outlet) for item in parsed.items] == [
        ("UK watchdog fines cloud customer after S3 bucket exposure", "Amazon Web Services (AWS)"),
        ("ICO fines Reddit £14.47m - children's data", "The Guardian"),
    ]


# -- the whole pipeline against a loopback server in the same shapes -----------------------------

class Register(ThreadingHTTPServer):
    """The enforcement register (search API, detail pages, attachments) and a BBC feed."""

    def __init__(self) -> None:
        listing = json.loads(fixture("api_search_enforcement_multi_type.json"))
        self.rows = {row["url"]: row for row in listing["results"]}
        self.listing = listing
        self.requests: list[str] = []
        self.files: dict[str, tuple[str, bytes]] = {
            MEDIA_LAB: ("text/html; charset=utf-8", fixture("ico_detail_current_sizeless_attachments.html")),
            JACKSONS: ("text/html; charset=utf-8", fixture("ico_detail_current_notice_no_facts_date.html")),
            SIZELESS_PDF: ("application/pdf", make_pdf("Monetary penalty notice\nMedia Lab.AI, Inc.\n"
                                                       "The Commissioner imposes a penalty of 247,590 pounds.")),
            JACKSONS_PDF: ("application/pdf", make_pdf("Monetary penalty notice\nJacksons Marketing Ltd\n"
                                                       "Penalty: 130,000 pounds.")),
            ANNEX_DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         make_docx(["Annex: calculation of the penalty",
                                    "The starting point for Media Lab.AI, Inc. was set by the seriousness."])),
            RTF: ("application/rtf", b"{\\rtf1 representations}"),
            "/news/rss.xml": ("application/rss+xml", fixture("feed_bbc_duplicate_guids.xml")),
        }
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                body = server.listing if payload["pageNumber"] == 1 else {"results": [], "pagination": server.listing["pagination"]}
                self._send(200, "application/json", json.dumps(body).encode())

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                if self.path in server.files:
                    self._send(200, *server.files[self.path])
                elif self.path in server.rows:
                    self._send(200, "text/html; charset=utf-8", generated_page(server.rows[self.path]))
                else:
                    self._send(404, "text/plain", b"not found")

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def generated_page(row: dict) -> bytes:
    """A plain current-layout page (facts panel, prose) for rows without a hand-written fixture."""
    date, _, rest = row["filterItemMetaData"].partition(", ")
    return (f'<html><body><main id="main-content"><h1>{row["title"]}</h1><ul class="text-sm text-neutral-600">'
            f"<li><span>Date</span> <strong>{date}</strong></li></ul><div class=\"prose\">"
            f"<p>{row['description']}</p></div></main></body></html>").encode()


@pytest.fixture()
def register():
    server = Register()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.slow    # a whole run (the extraction model is loaded)
def test_a_run_stores_what_the_real_shapes_hold(tmp_path, register):
    from pipeline.run import run_sources

    sources = parse_sources([
        {"id": "ico-enforcement", "kind": "ico_search_api", "url": register.base_url + "/api/search",
         "root_page_id": 17222, "delay_seconds": 0},
        {"id": "bbc", "kind": "feed", "url": register.base_url + "/news/rss.xml", "outlet": "BBC News",
         "delay_seconds": 0, "fetch_articles": False},
    ])
    db_path = tmp_path / "monitor.db"
    summary = run_sources(db_path, sources, progress=False)
    assert [s.status for s in summary.sources] == ["ok", "ok"], summary.as_text()

    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    docs = {row["url"].removeprefix(register.base_url): row for row in db.execute("select * from documents")}
    assert "247,590 pounds" in docs[SIZELESS_PDF]["text"]                   # sizeless PDF fetched
    assert docs[SIZELESS_PDF]["kind"] == "notice"
    assert "The starting point for Media Lab.AI" in docs[ANNEX_DOCX]["text"]   # .docx text stored
    assert RTF not in docs and RTF not in register.requests                     # skipped, never fetched
    skipped = json.loads(docs[MEDIA_LAB]["metadata_json"])["attachments_skipped"]
    assert skipped == [{"url": register.base_url + RTF, "reason": "RTF attachment: no text reader for "
                                                                   "this format; not fetched"}]
    assert all("incorrect results may be produced" not in row["text"] for row in docs.values())
    assert docs[JACKSONS]["published"] == "2026-03-12"                     # the listing's date, not DC.Date
    allay = json.loads(docs[E + "2026/01/allay-claims-ltd/"]["metadata_json"])
    assert allay["listed_action_types"] == ["monetary_penalty", "enforcement_notice"]
    bbc = [row for row in docs.values() if row["source"] == "bbc"]
    assert sorted(row["title"] for row in bbc) == [
        "Met Police reprimanded by data watchdog over access requests", "Reddit fined £14m by UK data watchdog"]


def test_a_register_title_that_names_the_law_after_a_dash_names_only_the_party():
    """ "Rizwan Manjra – Proceeds of Crime Act" is how the register titles a confiscation order."""
    page = parse_ico_page(fixture("ico_detail_current_notice_no_facts_date.html"), url=BASE + JACKSONS)
    item = listing_item(JACKSONS)
    for title, organisation in (("Fenland Smith – Proceeds of Crime Act", "Fenland Smith"),
                                ("Jacksons Marketing Ltd", "Jacksons Marketing Ltd")):
        page.title = title
        doc = page_document(item, page, kind="enforcement_page", source_id="s", fetched_at="t", raw_sha256=None)
        assert (doc.title, doc.metadata["organisation"]) == (title, organisation)
