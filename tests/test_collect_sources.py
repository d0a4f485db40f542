"""Collectors against a real HTTP server on 127.0.0.1, through the real polite Fetcher.

The server serves the fixture files the way the real sites do (SOURCES.md): the search API
pages (with a paging hole in order=newest), detail pages of both layouts, notice PDFs made here
with fpdf2, feeds and article pages; it answers conditional GETs with 304 and counts requests.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import asdict, replace
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pipeline.collect import collect
from pipeline.collect.replay import documents_from_raw
from pipeline.fetch import Fetcher, FetchLimits, RawArchive
from pipeline.sources import Source
from tests.test_parsers_pdf_files import make_pdf

PAGES = Path(__file__).parent / "fixtures" / "pages"
E = "/action-weve-taken/enforcement/"
ELDERLY_EN = E + "2026/08/elderly-aids-limited-en/"
MOD = E + "ministry-of-defence-mpn/"
ELDERLY_PDF = "/media2/k3v9qz1a/elderly-aids-limited-en-20260806.pdf"
WELSH_PDF = "/media2/p0w7rt2b/elderly-aids-limited-en-cym-20260806.pdf"
NEWS_REDDIT = "/about-the-ico/media-centre/news-and-blogs/2026/02/ico-fines-reddit/"
MOD_PDF = "/media/action-weve-taken/mpns/4028623/ministry-of-defence-monetary-penalty-notice.pdf"


def fixture(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def notice_text_for(path: str) -> str:
    """The text of the PDF served at `path` (Latin-1 only: fpdf2's core font)."""
    slug = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".pdf")
    return f"NOTICE\nDocument: {slug}\nIssued by the Information Commissioner under the Data Protection Act 2018."


def generated_detail_page(row: dict) -> bytes:
    """A detail page for listing rows that have no hand-written fixture: current layout for
    /YYYY/MM/ URLs, the pre-2024 dt/dd layout for the older slug-only URLs."""
    date, _, rest = row["filterItemMetaData"].partition(", ")
    kind, _, sector = rest.partition(", ")
    slug = row["url"].rstrip("/").rsplit("/", 1)[-1]
    paragraph = f"<p>Details of the action against {row['title']}.</p>"
    if re.search(r"/\d{4}/\d{2}/", row["url"]):
        sector_li = f"<li><span>Sector</span> <strong>{sector}</strong></li>" if sector else ""
        pdf = (f'<further-Reading x-href="/media2/gen/{slug}.pdf" x-title="{row["title"]} notice" x-size="1000">'
               f"</further-Reading>") if kind == "Monetary penalties" else ""
        html = (f'<html><head><meta name="DC.PageID" content="{row["id"]}"></head><body>'
                f'<main id="main-content"><h1>{row["title"]}</h1><ul class="text-sm text-neutral-600">'
                f"<li><span>Date</span> <strong>{date}</strong></li><li><span>Type</span> <strong>{kind}</strong></li>"
                f'{sector_li}</ul><div class="prose">{paragraph}</div>{pdf}</main></body></html>')
    else:
        pdf = f'<p><a href="/media/action-weve-taken/gen/{row["id"]}/{slug}.pdf">Notice</a></p>'
        html = (f"<html><body><div id='content'><h1>{row['title']}</h1><dl><dt>Date</dt><dd>{date}</dd>"
                f"<dt>Type</dt><dd>{kind}</dd></dl>{paragraph}{pdf}</div></body></html>")
    return html.encode("utf-8")


class Site:
    """What the loopback server serves, and a log of what it was asked."""

    def __init__(self) -> None:
        p1 = json.loads(fixture("api_search_enforcement_p1.json"))
        self.newest_pages = {1: p1, 2: json.loads(fixture("api_search_enforcement_p2_empty.json"))}
        self.all_rows = p1["results"] + json.loads(fixture("api_search_enforcement_older_rows.json"))["results"]
        self.pagination = p1["pagination"]
        self.rows_by_path = {row["url"]: row for row in self.all_rows}
        for row in json.loads(fixture("api_search_news_p1.json"))["results"]:
            self.rows_by_path.setdefault(row["url"], row)
        self.static: dict[str, tuple[str, bytes]] = {
            ELDERLY_EN: ("text/html; charset=utf-8", fixture("ico_detail_current_elderly_aids_en.html")),
            MOD: ("text/html", fixture("ico_detail_legacy_ministry_of_defence.html")),
            NEWS_REDDIT: ("text/html; charset=utf-8", fixture("ico_news_reddit.html")),
        }
        self.missing: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        self.conditional_hits: list[str] = []
        self.lock = threading.Lock()

    def search(self, payload: dict) -> dict:
        number, order = payload["pageNumber"], payload["order"]
        if order == "newest":
            return self.newest_pages.get(number, {"results": [], "pagination": self.pagination})
        rows = list(reversed(self.all_rows))[(number - 1) * 25: number * 25]
        return {"results": rows, "pagination": self.pagination}

    def search_news(self, payload: dict) -> dict:
        news = json.loads(fixture("api_search_news_p1.json"))
        return news if payload["pageNumber"] == 1 else {"results": [], "pagination": news["pagination"]}

    def get(self, path: str, base: str) -> tuple[int, str, bytes]:
        if path in self.missing:
            return 404, "text/html", b"<html><body>Not found</body></html>"
        if path in self.static:
            content_type, body = self.static[path]
            return 200, content_type, body
        if path in self.rows_by_path:
            return 200, "text/html; charset=utf-8", generated_detail_page(self.rows_by_path[path])
        if path.endswith(".pdf"):
            return 200, "application/pdf", make_pdf(notice_text_for(path))
        return 404, "text/plain", b"not found"


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, content_type: str, body: bytes, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            path = urlsplit(self.path).path
            with site.lock:
                site.requests.append(("GET", path))
            status, content_type, body = site.get(path, f"http://{self.headers['Host']}")
            if status != 200:
                return self._send(status, content_type, body)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                with site.lock:
                    site.conditional_hits.append(path)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(200, content_type, body, etag)

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length))
            with site.lock:
                site.requests.append(("POST", f"{self.path}?order={payload['order']}&page={payload['pageNumber']}"))
            if self.path != "/api/search" or payload.get("rootPageId") not in (17222, 2816):
                return self._send(404, "application/json", b"{}")
            answer = site.search(payload) if payload["rootPageId"] == 17222 else site.search_news(payload)
            return self._send(200, "application/json; charset=utf-8", json.dumps(answer).encode())

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture()
def site_server():
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def make_fetcher(tmp_path: Path, host: str, known: dict | None = None) -> Fetcher:
    known = known if known is not None else {}
    return Fetcher(archive=RawArchive(tmp_path / "raw"), known_state=known.get,
                   limits=FetchLimits(retries=0, backoff_seconds=0, connect_timeout=2, read_timeout=5, deadline=10),
                   allow_private_hosts={host})


def ico_source(host: str, **overrides) -> Source:
    values: dict[str, Any] = dict(id="ico-enforcement", kind="ico_search_api", url=f"http://{host}/api/search",
                  delay_seconds=0.0, name="ICO enforcement register", root_page_id=17222, relevance_terms=())
    values.update(overrides)
    return Source(**values)


# -- ICO register ---------------------------------------------------------------------------------

def test_ico_register_collects_every_item_page_and_notice(site_server, tmp_path):
    site, host = site_server
    base = f"http://{host}"
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)

    assert result.fatal is None and result.failures == []
    # 24 register rows on page 1 (the jobs card dropped), page 2 a hole, so order=oldest was
    # walked too and the 10 rows the hole hid were found.
    assert result.seen == 34
    assert ("POST", "/api/search?order=oldest&page=1") in site.requests
    # A gap the other order fills is information, not a warning.
    assert not [w for w in result.warnings if "empty page" in w], result.warnings
    pages = {d.url: d for d in result.documents if d.kind == "enforcement_page"}
    notices = {d.url: d for d in result.documents if d.kind == "notice"}
    assert len(pages) == 34
    assert base + "/about-the-ico/jobs/" not in pages
    assert ("GET", "/about-the-ico/jobs/") not in site.requests

    page = pages[base + ELDERLY_EN]
    listing_summary = ("Elderly Aids Limited made 758,053 unsolicited marketing calls about call blocking devices "
                       "to people registered with the TPS, in breach of Regulations 21 and 24 of PECR.")
    assert (page.source, page.title, page.published, page.outlet, page.parent_url) == (
        "ico-enforcement", "Elderly Aids Limited", "2026-08-06", "ICO", None)
    assert page.text.startswith(listing_summary + "\n\nElderly Aids Limited (EAL) promoted call blocking devices.")
    assert page.text.endswith("Privacy and Electronic Communications Regulations 2003.")
    assert page.metadata == {
        "ico_page_id": 120290, "listed_type": "Enforcement notices", "listed_action_type": "enforcement_notice",
        "sector": "General business", "listed_date": "2026-08-06", "summary": listing_summary,
        "organisation": "Elderly Aids Limited",
    }
    assert page.raw_sha256 and page.fetched_at.startswith("20")
    # The EN and the MPN for the same organisation on the same day are two documents.
    mpn = pages[base + E + "2026/08/elderly-aids-limited-mpn/"]
    assert mpn.metadata["listed_action_type"] == "monetary_penalty" and mpn.title == page.title

    notice = notices[base + ELDERLY_PDF]
    assert (notice.kind, notice.parent_url, notice.title, notice.published, notice.outlet) == (
        "notice", base + ELDERLY_EN, "Elderly Aids Limited enforcement notice", "2026-08-06", "ICO")
    assert notice.text == notice_text_for(ELDERLY_PDF)
    assert notice.metadata == page.metadata
    assert ("GET", WELSH_PDF) not in site.requests           # the Welsh twin is never fetched

    legacy = pages[base + MOD]
    assert (legacy.title, legacy.published, legacy.metadata["sector"], legacy.metadata["ico_page_id"]) == (
        "Ministry of Defence", "2023-12-13", "Central government", 4028623)
    assert notices[base + MOD_PDF].parent_url == base + MOD
    # A row the hole hid, with a legacy page and no sector on the page: the listing supplies it.
    equifax = pages[base + E + "equifax-ltd/"]
    assert (equifax.published, equifax.metadata["sector"], equifax.metadata["listed_type"]) == (
        "2018-09-20", "Finance insurance and credit", "Monetary penalties")
    # No-sector row: no sector key at all rather than a None.
    assert "sector" not in pages[base + E + "2026/07/geoffrey-smith/"].metadata
    # Every PDF the pages link to was fetched and read (the generated pages link one per
    # current-layout monetary penalty and one per legacy page).
    expected_pdfs = {base + ELDERLY_PDF, base + MOD_PDF}
    for path, row in site.rows_by_path.items():
        if path in site.static or not path.startswith(E):
            continue
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        if not re.search(r"/\d{4}/\d{2}/", path):
            expected_pdfs.add(f"{base}/media/action-weve-taken/gen/{row['id']}/{slug}.pdf")
        elif ", Monetary penalties" in row["filterItemMetaData"]:
            expected_pdfs.add(f"{base}/media2/gen/{slug}.pdf")
    assert set(notices) == expected_pdfs
    assert all(n.text == notice_text_for(urlsplit(url).path) for url, n in notices.items())

    # Every response with a body is a raw record naming its parser, and replaying the archive
    # rebuilds exactly the documents of the run.
    parsers = {r.parser for r in result.raw}
    assert parsers == {"ico_search_api", "ico_page", "notice_pdf"}
    archive = RawArchive(tmp_path / "raw")
    replayed = {}
    for record in result.raw:
        json.dumps(asdict(record))                         # the index stores them as JSON
        for document in documents_from_raw(record, archive.get(record.sha256)):
            replayed[document.url] = document
    assert {url: asdict(d) for url, d in replayed.items()} == {d.url: asdict(d) for d in result.documents}


def checked_days_ago(states, days: int) -> dict:
    """The validators a run learned, as if that run had been `days` days ago."""
    when = (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {state.url: replace(state, last_checked=when) for state in states}


def test_second_run_with_304s_parses_nothing_and_fetches_no_pdfs(site_server, tmp_path, monkeypatch):
    site, host = site_server
    known: dict = {}
    with make_fetcher(tmp_path, host, known) as fetcher:
        first = collect(ico_source(host), fetcher)
        # Last checked over two weeks ago (nights without a run): every page is revalidated with
        # a conditional GET, whatever its night of the week.
        known.update(checked_days_ago(fetcher.take_state_updates(), 15))
    assert first.fatal is None and len(first.documents) > 34

    import pipeline.collect.ico_search_api as ico_collector
    parsed_pages = []
    real_parse = ico_collector.parse_ico_page
    monkeypatch.setattr(ico_collector, "parse_ico_page",
                        lambda body, **kw: parsed_pages.append(kw["url"]) or real_parse(body, **kw))
    site.requests.clear()
    with make_fetcher(tmp_path, host, known) as fetcher:
        second = collect(ico_source(host), fetcher)

    assert second.fatal is None and second.failures == []
    assert second.documents == [] and parsed_pages == []
    assert second.seen == 34 and len(second.unchanged) == 34
    assert len(site.conditional_hits) == 34
    assert not [path for method, path in site.requests if path.endswith(".pdf")]
    assert {r.parser for r in second.raw} <= {"ico_search_api"}


def test_pages_not_revised_since_a_recent_check_are_not_requested(site_server, tmp_path, monkeypatch):
    """The listing's createdDateTime is the revision stamp: no request for an unrevised page.
    (Tonight is no page's revalidation night here: that schedule is tested on its own.)"""
    import pipeline.collect.ico_search_api as ico_collector

    monkeypatch.setattr(ico_collector, "revalidation_due", lambda url, checked, now: False)
    site, host = site_server
    known: dict = {}
    with make_fetcher(tmp_path, host, known) as fetcher:
        first = collect(ico_source(host), fetcher)
        known.update(checked_days_ago(fetcher.take_state_updates(), 1))
    assert first.fatal is None
    site.requests.clear()
    with make_fetcher(tmp_path, host, known) as fetcher:
        second = collect(ico_source(host), fetcher)
    assert second.fatal is None and second.documents == []
    assert len(second.unchanged) == second.seen == 34
    detail_requests = [path for method, path in site.requests if method == "GET" and "/api/" not in path
                       and path != "/robots.txt"]
    assert detail_requests == []

    # A page revised after the last check is asked for again (and only that one).
    revised_url = next(iter(sorted(u for u in known if u.endswith("/kra-consultancy-ltd/"))))
    known[revised_url] = replace(known[revised_url], last_checked="2020-01-01T00:00:00Z")
    site.requests.clear()
    with make_fetcher(tmp_path, host, known) as fetcher:
        third = collect(ico_source(host), fetcher)
    detail_requests = [path for method, path in site.requests if method == "GET" and "/api/" not in path
                       and path != "/robots.txt"]
    assert detail_requests == [urlsplit(revised_url).path]
    assert len(third.unchanged) == 34


def test_one_failing_page_is_an_item_failure_and_the_rest_goes_on(site_server, tmp_path):
    site, host = site_server
    site.missing.add(E + "2026/07/geoffrey-smith/")
    site.missing.add(MOD_PDF)
    site.static[E + "2026/05/kra-consultancy-ltd/"] = ("text/html", b"<html><body><p>Redesigned</p></body></html>")
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    base = f"http://{host}"
    assert result.fatal is None
    failures = {f.url: f.error_class for f in result.failures}
    assert failures == {base + E + "2026/07/geoffrey-smith/": "http_4xx", base + MOD_PDF: "http_4xx",
                        base + E + "2026/05/kra-consultancy-ltd/": "layout_changed"}
    assert len([d for d in result.documents if d.kind == "enforcement_page"]) == 32
    assert base + MOD in {d.url for d in result.documents}     # its page survives its PDF's failure


def test_a_pdf_shared_by_two_pages_is_fetched_once(site_server, tmp_path):
    site, host = site_server
    shared = fixture("ico_detail_current_elderly_aids_en.html")
    site.static[E + "2026/08/elderly-aids-limited-mpn/"] = ("text/html", shared.replace(b"120290", b"120291"))
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    assert result.failures == []
    assert [d.parent_url for d in result.documents if d.url.endswith(ELDERLY_PDF)] == [f"http://{host}{ELDERLY_EN}"]
    assert site.requests.count(("GET", ELDERLY_PDF)) == 1


def test_every_page_with_an_unknown_layout_is_a_fatal_layout_change(site_server, tmp_path):
    site, host = site_server
    for path in site.rows_by_path:
        site.static[path] = ("text/html", b"<html><body><div class='new-design'><p>x</p></div></body></html>")
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    assert result.fatal_class == "layout_changed"
    assert result.documents == []


def test_search_api_without_results_is_fatal_layout_changed(site_server, tmp_path):
    site, host = site_server
    site.newest_pages[1] = {"items": []}
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    assert (result.fatal_class, result.documents, result.seen) == ("layout_changed", [], 0)
    assert "results" in result.fatal


def test_empty_register_is_fatal_extraction_empty(site_server, tmp_path):
    site, host = site_server
    site.newest_pages = {1: {"results": [], "pagination": {"totalResults": 0, "totalPages": 0}}}
    site.all_rows = []
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    assert result.fatal_class == "extraction_empty"


def test_unreachable_api_is_fatal_connect_error(tmp_path):
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    host = f"127.0.0.1:{probe.getsockname()[1]}"
    probe.close()                                   # nothing listens there now
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host), fetcher)
    assert result.fatal_class == "connect_error"
    assert "search API unreachable" in result.fatal


def test_max_items_caps_the_register_with_a_warning(site_server, tmp_path):
    site, host = site_server
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(ico_source(host, max_items=3), fetcher)
    assert result.seen == 3
    assert len([d for d in result.documents if d.kind == "enforcement_page"]) == 3
    assert any("max_items" in w for w in result.warnings)


def test_ico_news_register_keeps_relevant_press_releases(site_server, tmp_path):
    site, host = site_server
    source = ico_source(host, id="ico-news", root_page_id=2816,
                        relevance_terms=("fine", "fined", "fines", "penalty", "reprimand", "reprimanded"))
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(source, fetcher)
    base = f"http://{host}"
    assert result.fatal is None and result.failures == []
    assert result.seen == 2                         # the cookie-guidance blog is not enforcement news
    documents = {d.url: d for d in result.documents}
    assert set(documents) == {base + NEWS_REDDIT,
                              base + "/about-the-ico/news-and-events/news-and-blogs/2025/11/police-force-reprimanded/"}
    reddit = documents[base + NEWS_REDDIT]
    assert (reddit.kind, reddit.title, reddit.published, reddit.outlet) == (
        "press_release", "ICO fines Reddit £14.47 million for failing to protect children's data", "2026-02-23", "ICO")
    assert reddit.metadata == {
        "ico_page_id": 121001, "listed_type": "News", "listed_action_type": "other", "listed_date": "2026-02-23",
        "summary": "We have fined Reddit, Inc. £14.47 million for using children's personal information without "
                   "a lawful basis.",
    }
    assert reddit.text.startswith("We have fined Reddit, Inc. £14.47 million for using children's personal "
                                  "information without a lawful basis.\n\nWe have fined Reddit, Inc. £14,472,500")


# -- feeds ----------------------------------------------------------------------------------------

class FeedSite(Site):
    """Feeds and article pages; outlet hosts are rewritten to the loopback server."""

    def __init__(self) -> None:
        super().__init__()
        self.base = ""

    def get(self, path: str, base: str) -> tuple[int, str, bytes]:
        self.base = base
        if path in self.missing:
            return 404, "text/html", b"<html><body>Not found</body></html>"
        routes = {
            "/feed/": ("application/rss+xml; charset=UTF-8", fixture("feed_pulse_rss.xml")
                       .replace(b"https://www.pulsetoday.co.uk", base.encode())),
            "/security/headlines.atom": ("application/atom+xml", fixture("feed_register_atom.xml")
                                         .replace(b"https://www.theregister.com", base.encode())),
            "/rss/search": ("application/rss+xml", fixture("feed_google_news_rss.xml")),
            "/news/regulation/gp-practice-reprimanded-by-ico/": ("text/html", fixture("article_pulse_gp_reprimand.html")),
            "/2026/02/23/reddit_ico_fine/": ("text/html; charset=utf-8", fixture("article_register_reddit.html")),
        }
        if path in routes:
            content_type, body = routes[path]
            return 200, content_type, body
        return 404, "text/html", b"<html><body>Not found</body></html>"


@pytest.fixture()
def feed_server():
    site = FeedSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def feed_source(host: str, path: str, **overrides) -> Source:
    values: dict[str, Any] = dict(id="pulse", kind="feed", url=f"http://{host}{path}", delay_seconds=0.0, outlet="Pulse")
    values.update(overrides)
    return Source(**values)


def test_feed_collects_relevant_articles_and_a_404_is_an_item_failure(feed_server, tmp_path):
    site, host = feed_server
    base = f"http://{host}"
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/feed/"), fetcher)
    assert result.fatal is None
    assert result.seen == 2                     # the contract-guidance item is not about enforcement
    assert ("GET", "/news/contract/new-contract-guidance/") not in site.requests
    assert [(f.url, f.error_class) for f in result.failures] == [
        (base + "/news/technology/nhs-software-supplier-fined/", "http_4xx")]
    [document] = result.documents
    assert (document.url, document.source, document.kind, document.outlet, document.published) == (
        base + "/news/regulation/gp-practice-reprimanded-by-ico/", "pulse", "article", "Pulse", "2026-08-11")
    assert document.title == "GP practice reprimanded by ICO after patient letters sent to wrong addresses"
    assert document.text.startswith("A GP practice in Kent has been reprimanded")
    assert "Leave a Reply" not in document.text and "Related articles" not in document.text
    assert document.metadata == {"feed_guid": base + "/?p=300101", "text_from": "article"}
    assert {r.parser for r in result.raw} == {"feed", "article"}

    archive = RawArchive(tmp_path / "raw")
    replayed = [d for r in result.raw for d in documents_from_raw(r, archive.get(r.sha256))]
    assert [asdict(d) for d in replayed] == [asdict(document)]


def test_feed_not_modified_fetches_only_the_item_that_failed_last_time(feed_server, tmp_path):
    site, host = feed_server
    known: dict = {}
    with make_fetcher(tmp_path, host, known) as fetcher:
        first = collect(feed_source(host, "/feed/"), fetcher)
        known.update({state.url: state for state in fetcher.take_state_updates()})
    assert [f.error_class for f in first.failures] == ["http_4xx"]

    site.requests.clear()
    with make_fetcher(tmp_path, host, known) as fetcher:
        second = collect(feed_source(host, "/feed/"), fetcher)
        known.update({state.url: state for state in fetcher.take_state_updates()})
    assert second.fatal is None and second.documents == [] and second.raw == []
    assert second.unchanged == [f"http://{host}/feed/"]
    # The feed answered 304; the stored article is not asked for again; the one that 404ed is.
    assert [p for _, p in site.requests if p != "/robots.txt"] == ["/feed/", "/news/technology/nhs-software-supplier-fined/"]
    assert [f.error_class for f in second.failures] == ["http_4xx"]

    # Once the page is back, the next not-modified run collects it, and nothing else.
    site.get = lambda path, base, original=site.get: (
        (200, "text/html", fixture("article_register_reddit.html"))
        if path == "/news/technology/nhs-software-supplier-fined/" else original(path, base))
    site.requests.clear()
    with make_fetcher(tmp_path, host, known) as fetcher:
        third = collect(feed_source(host, "/feed/"), fetcher)
    assert third.failures == [] and [d.url for d in third.documents] == [
        f"http://{host}/news/technology/nhs-software-supplier-fined/"]
    assert [p for _, p in site.requests if p != "/robots.txt"] == ["/feed/", "/news/technology/nhs-software-supplier-fined/"]


def test_atom_feed_article_uses_the_source_outlet(feed_server, tmp_path):
    site, host = feed_server
    site.missing.add("/2025/06/17/23andme_ico/")
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/security/headlines.atom", id="register", outlet="The Register"), fetcher)
    assert result.seen == 2
    [document] = result.documents
    assert (document.outlet, document.published, document.title) == (
        "The Register", "2026-02-23", "UK data watchdog fines Reddit £14.5M over kids' data")
    assert "£14,472,500" in document.text and "More like these" not in document.text
    assert [f.error_class for f in result.failures] == ["http_4xx"]


def test_google_news_without_fetching_articles_stores_the_feed_text(feed_server, tmp_path):
    site, host = feed_server
    source = feed_source(host, "/rss/search", id="google-news-ico", outlet=None, fetch_articles=False)
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(source, fetcher)
    assert result.fatal is None and result.failures == []
    assert [(d.title, d.outlet, d.published, d.metadata["text_from"]) for d in result.documents] == [
        ("Watchdog fines marketing firm £300,000 over spam texts", "Computer Weekly", "2026-05-22", "feed"),
        ("ICO reprimands Met Police - over subject access backlog", "BBC News", "2026-07-30", "feed"),
    ]
    assert result.documents[0].text.startswith("Watchdog fines marketing firm £300,000 over spam texts\n\n")
    assert all(d.url.startswith("https://news.google.com/rss/articles/") for d in result.documents)
    assert [p for _, p in site.requests if p != "/robots.txt"] == ["/rss/search"]   # no article fetched
    archive = RawArchive(tmp_path / "raw")
    replayed = [d for r in result.raw for d in documents_from_raw(r, archive.get(r.sha256))]
    assert [asdict(d) for d in replayed] == [asdict(d) for d in result.documents]


@pytest.mark.parametrize("body, error_class", [
    (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "feed_malformed"),
    (b"", "feed_malformed"),
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel></channel></rss>',
     "xml_forbidden_dtd"),
])
def test_a_broken_feed_is_fatal_by_name(feed_server, tmp_path, body, error_class):
    site, host = feed_server
    site.static["/broken/"] = ("application/rss+xml", body)
    site.get = lambda path, base: (200, "application/rss+xml", body)   # every URL serves the broken body
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/broken/"), fetcher)
    assert result.fatal_class == error_class
    assert result.documents == []


def test_unreachable_feed_is_fatal(feed_server, tmp_path):
    site, host = feed_server
    site.missing.add("/gone/")
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/gone/"), fetcher)
    assert result.fatal_class == "http_4xx"
    assert "feed unreachable" in result.fatal


def test_a_google_news_link_that_does_not_resolve_stores_the_feed_text(feed_server, tmp_path, monkeypatch):
    # Google News article links answer with their own page rather than an HTTP redirect when
    # they do not resolve; here the loopback host plays news.google.com.
    import pipeline.parsers.feed as feed_parser

    site, host = feed_server
    monkeypatch.setattr(feed_parser, "GOOGLE_NEWS_HOST", "127.0.0.1")
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/feed/", outlet=None), fetcher)
    assert result.fatal is None
    reprimand = [d for d in result.documents if d.url.endswith("/gp-practice-reprimanded-by-ico/")]
    assert [(d.title, d.metadata["text_from"]) for d in reprimand] == [
        ("GP practice reprimanded by ICO after patient letters sent to wrong addresses", "feed")]
    assert reprimand[0].text == ("GP practice reprimanded by ICO after patient letters sent to wrong addresses\n\n"
                                 "The Information Commissioner’s Office has issued a reprimand to a GP practice in Kent.")
    assert any("did not resolve" in w for w in result.warnings)
    # Replaying the archived Google page gives the same feed-text document, not the page's text.
    archive = RawArchive(tmp_path / "raw")
    replayed = [d for r in result.raw if r.parser == "article" for d in documents_from_raw(r, archive.get(r.sha256))]
    assert [asdict(d) for d in replayed] == [asdict(d) for d in reprimand]


def test_feed_max_items_caps_with_a_warning(feed_server, tmp_path):
    site, host = feed_server
    with make_fetcher(tmp_path, host) as fetcher:
        result = collect(feed_source(host, "/feed/", max_items=1), fetcher)
    assert result.seen == 1 and len(result.documents) == 1 and result.failures == []
    assert any("max_items" in w for w in result.warnings)
    assert ("GET", "/news/technology/nhs-software-supplier-fined/") not in site.requests
