"""The offline mirror server and the mirror it serves.

A real server on 127.0.0.1 (port 0), real HTTP through httpx, real PDFs read back with pypdf.
These tests guard two things: that the server behaves like the real sources where the pipeline
depends on it (search API paging and holes, conditional GET, redirects, content types), and that
the committed mirror still holds what the demo and the linking issue rely on (the Advanced story
in several versions, an EN/MPN pair, a legacy page, notices whose text can be extracted).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from pipeline.demo.mirror_server import BASE_URL_PLACEHOLDER, MIRROR_ROOT, MirrorServer
from pipeline.sources import load_sources, with_base_url

DEMO_FEEDS = Path(__file__).resolve().parent.parent / "pipeline" / "demo" / "feeds.yaml"
ENFORCEMENT, NEWS = 17222, 2816


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="module")
def client(mirror):
    with httpx.Client(base_url=mirror.base_url, timeout=10) as c:
        yield c


def search(client: httpx.Client, root: int, page: int, order: str = "newest") -> dict:
    response = client.post("/api/search", json={"filters": [], "pageNumber": page, "order": order,
                                                 "rootPageId": root})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def all_rows(client: httpx.Client, root: int, order: str) -> list[dict]:
    first = search(client, root, 1, order)
    rows = list(first["results"])
    for page in range(2, first["pagination"]["totalPages"] + 1):
        rows += search(client, root, page, order)["results"]
    return rows


# ---- lifecycle ---------------------------------------------------------------------------
def test_addresses_and_stop_releases_the_port():
    server = MirrorServer().start()
    host, port = server.host_port.split(":")
    assert host == "127.0.0.1" and int(port) > 0
    assert server.base_url == f"http://127.0.0.1:{port}"
    assert httpx.get(server.base_url + "/robots.txt").status_code == 200
    server.stop()
    server.stop()   # idempotent
    with socket.socket() as s:   # the port is free again (REUSEADDR: TIME_WAIT pairs don't count)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", int(port)))


def test_binds_a_given_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    with MirrorServer(port=free) as server:
        assert server.port == free
        assert httpx.get(f"http://127.0.0.1:{free}/robots.txt").status_code == 200


def test_missing_root_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        MirrorServer(tmp_path / "nowhere")


# ---- the search API ------------------------------------------------------------------------
def test_search_page_has_the_real_shape(client):
    page = search(client, ENFORCEMENT, 1)
    assert len(page["results"]) == 25
    assert page["pagination"]["totalPages"] >= 2
    for row in page["results"]:
        assert set(row) == {"id", "title", "url", "filterItemMetaData", "createdDateTime", "description"}
        assert row["url"].startswith("/") and not row["url"].startswith("//")
    cards = [r for r in page["results"] if r["url"].startswith("/action-weve-taken/enforcement/")]
    promoted = [r for r in page["results"] if not r["url"].startswith("/action-weve-taken/enforcement/")]
    assert [r["url"] for r in promoted] == ["/about-the-ico/jobs/"]
    for row in cards:
        parts = row["filterItemMetaData"].split(", ")
        assert len(parts) in (2, 3), row
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", parts[0]), row
        assert parts[1] in {"Monetary penalties", "Reprimands", "Enforcement notices", "Prosecutions"}
    assert any(len(r["filterItemMetaData"].split(", ")) == 2 for r in cards), "a row without sector"


def test_newest_order_has_a_hole_that_oldest_order_fills(client):
    first = search(client, ENFORCEMENT, 1, "newest")
    hole = search(client, ENFORCEMENT, 2, "newest")
    assert hole["results"] == []
    assert hole["pagination"] == first["pagination"]     # like the real API: 200, same totals
    newest = {r["url"] for r in all_rows(client, ENFORCEMENT, "newest")}
    oldest = {r["url"] for r in all_rows(client, ENFORCEMENT, "oldest")}
    assert oldest - newest, "rows only reachable through the other order"
    assert len(newest | oldest) == first["pagination"]["totalResults"]


def test_page_past_the_end_is_empty(client):
    page = search(client, NEWS, 99)
    assert page["results"] == [] and page["pagination"]["totalResults"] > 0


def test_unknown_register_is_empty(client):
    assert search(client, 13635, 1) == {"results": [], "pagination": {"totalResults": 0, "totalPages": 0}}


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"rootPageId": "17222"}',
                                  b'{"rootPageId": 17222, "order": "../x"}'])
def test_bad_search_requests_are_400(client, body):
    response = client.post("/api/search", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_every_listed_row_has_its_page(client):
    for root in (ENFORCEMENT, NEWS):
        rows = all_rows(client, root, "newest") + all_rows(client, root, "oldest")
        for url in {r["url"] for r in rows}:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"] == "text/html; charset=utf-8"


def test_detail_page_id_matches_api_id(client):
    for row in search(client, ENFORCEMENT, 1)["results"]:
        if not row["url"].startswith("/action-weve-taken/enforcement/"):
            continue
        soup = BeautifulSoup(client.get(row["url"]).text, "html.parser")
        meta = soup.find("meta", attrs={"name": "DC.PageID"})
        if meta is not None:          # legacy pages have none
            assert int(meta["content"]) == row["id"]


# ---- static files, templating, conditional GET --------------------------------------------
def test_content_types(client):
    expected = {
        "/press/caresystemsweekly/feed/": "application/rss+xml; charset=utf-8",
        "/press/thedataledger/security/headlines.atom": "application/atom+xml; charset=utf-8",
        "/rss/search?q=ico&hl=en-GB&gl=GB&ceid=GB:en": "application/rss+xml; charset=utf-8",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
        "/media2/hrlmvj14/reddit-mpn-20260223.pdf": "application/pdf",
        "/action-weve-taken/enforcement/": "text/html; charset=utf-8",
    }
    for path, content_type in expected.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == content_type, path


def test_base_url_placeholder_is_replaced_everywhere(mirror, client):
    text_files = [p for p in MIRROR_ROOT.rglob("*") if p.suffix in {".html", ".json", ".rss", ".atom", ".xml", ".txt"}
                  and p.name != "redirects.json" and "api" not in p.relative_to(MIRROR_ROOT).parts]
    assert len(text_files) > 40
    for file in text_files:
        path = "/" + str(file.relative_to(MIRROR_ROOT))
        body = client.get(path).text
        assert BASE_URL_PLACEHOLDER not in body, path
    feed = client.get("/press/caresystemsweekly/feed/").text
    assert f"<link>{mirror.base_url}/press/caresystemsweekly/" in feed


def test_etag_and_if_none_match(client):
    path = "/action-weve-taken/enforcement/2025/03/advanced-computer-software-group-ltd/"
    first = client.get(path)
    etag = first.headers["etag"]
    assert etag.strip('"') == hashlib.sha256(first.content).hexdigest()[:32]
    assert "last-modified" in first.headers
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    changed = client.get(path, headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200 and changed.content == first.content


def test_if_modified_since(client):
    path = "/press/thedataledger/security/headlines.atom"
    first = client.get(path)
    assert client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_head_has_headers_but_no_body(client):
    response = client.head("/robots.txt")
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_unknown_paths_are_404(client):
    for path in ("/no/such/page/", "/media2/zzzzzzzz/missing.pdf", "/redirects.json", "/api/search"):
        assert client.get(path).status_code == 404, path
    assert client.post("/api/other", json={}).status_code == 404


def test_path_traversal_is_refused(mirror):
    with socket.create_connection(("127.0.0.1", mirror.port)) as s:
        s.sendall(b"GET /../../pyproject.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = s.recv(200)
    assert answer.startswith(b"HTTP/1.1 404")


def test_robots_txt_has_no_crawl_delay(client):
    robots = client.get("/robots.txt").text
    delays = re.findall(r"(?im)^crawl-delay:\s*(\S+)", robots)
    assert all(float(d) == 0 for d in delays)


def test_request_log_records_method_and_path(mirror, client):
    client.get("/robots.txt?probe=1")
    client.post("/api/search", json={"rootPageId": NEWS, "pageNumber": 1, "order": "newest"})
    assert ("GET", "/robots.txt?probe=1") in mirror.request_log
    assert mirror.request_log[-1] == ("POST", "/api/search")


# ---- redirects (Google News links) ---------------------------------------------------------
def test_google_news_links_redirect_to_the_publisher(mirror, client):
    feed = feedparser.parse(client.get("/rss/search?q=x&hl=en-GB&gl=GB&ceid=GB:en").content)
    assert feed.feed.generator == "NFE/5.0" and feed.entries
    for entry in feed.entries:
        assert "/rss/articles/" in entry.link and entry.link.endswith("?oc=5")
        assert entry.source.title and entry.title.endswith(" - " + entry.source.title)
        hop = client.get(entry.link)
        assert hop.status_code == 302
        location = hop.headers["location"]
        assert location.startswith(mirror.base_url + "/press/")
        page = client.get(location)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_every_redirect_lands_on_a_page(mirror, client):
    redirects = json.loads((MIRROR_ROOT / "redirects.json").read_text())
    assert redirects
    for path in redirects:
        response = client.get(path, follow_redirects=True)
        assert response.status_code == 200 and len(response.history) == 1, path


# ---- notice PDFs -----------------------------------------------------------------------------
def attachment_links(client: httpx.Client) -> list[tuple[str, int | None]]:
    """(pdf path, declared size) for every notice attached to an enforcement page."""
    links: list[tuple[str, int | None]] = []
    for row in all_rows(client, ENFORCEMENT, "newest") + all_rows(client, ENFORCEMENT, "oldest"):
        soup = BeautifulSoup(client.get(row["url"]).text, "html.parser")
        for element in soup.find_all("further-reading"):
            href = str(element.get("x-href", ""))
            if href.endswith(".pdf"):
                links.append((href, int(str(element["x-size"]))))
        for anchor in soup.select("ul.further-reading a[href$='.pdf']"):
            links.append((str(anchor["href"]), None))
    return sorted(set(links), key=lambda pair: pair[0])


def test_attached_pdfs_are_real_pdfs_with_text(client):
    links = attachment_links(client)
    assert len(links) >= 10
    assert any(path.startswith("/media/action-weve-taken/mpns/") for path, _ in links), "legacy PDF form"
    assert any(path.startswith("/media2/") for path, _ in links), "new PDF form"
    for path, size in links:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == "application/pdf"
        if size is not None:
            assert size == len(response.content), path
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        if "-cym-" in path:
            continue
        assert re.search(r"MONETARY PENALTY NOTICE|PENALTY NOTICE|REPRIMAND|ENFORCEMENT NOTICE", text), path
        assert re.search(r"\bDated\b", text), path


def test_advanced_notice_states_final_figures(client):
    pdf = client.get("/media2/k3vq8zt1/advanced-computer-software-group-ltd-mpn-20250327.pdf").content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Advanced Computer Software Group Ltd" in text
    assert "£3,076,320" in text and "79,404" in text and "£6,090,000" in text


# ---- what the demo and the linking work rely on -----------------------------------------------
def test_enforcement_register_covers_the_required_cases(client):
    rows = all_rows(client, ENFORCEMENT, "newest") + all_rows(client, ENFORCEMENT, "oldest")
    by_title: dict[str, set[str]] = {}
    for row in rows:
        by_title.setdefault(row["title"], set()).add(row["url"])
    assert "Advanced Computer Software Group Ltd" in by_title
    pairs = [urls for urls in by_title.values()
             if any(u.rstrip("/").endswith("-en") for u in urls) and any(u.rstrip("/").endswith("-mpn") for u in urls)]
    assert pairs, "an EN and an MPN for one organisation"
    types = {row["filterItemMetaData"].split(", ")[1] for row in rows if row["filterItemMetaData"]}
    assert types == {"Monetary penalties", "Reprimands", "Enforcement notices", "Prosecutions"}


def test_legacy_layout_page_present(client):
    html = client.get("/action-weve-taken/enforcement/ticketmaster-uk-limited/").text
    soup = BeautifulSoup(html, "html.parser")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in soup.find_all("dt")}
    assert facts["Date"] == "13 November 2020"
    assert soup.select_one("a[href^='/media/action-weve-taken/mpns/']") is not None


def test_current_layout_page_structure(client):
    soup = BeautifulSoup(client.get("/action-weve-taken/enforcement/2025/03/advanced-computer-software-group-ltd/").text,
                         "html.parser")
    assert soup.find("meta", attrs={"name": "DC.Date"})["content"]
    crumbs = [li.get_text(strip=True) for li in soup.select("main#main-content nav[aria-label=breadcrumb] ul li")]
    assert crumbs == ["Action we've taken", "Enforcement action", "Advanced Computer Software Group Ltd"]
    facts = {li.span.get_text(strip=True): li.strong.get_text(strip=True)
             for li in soup.select("ul.text-sm.text-neutral-600 > li")}
    assert facts == {"Date": "27 March 2025", "Type": "Monetary penalties"}
    assert "£3,076,320" in soup.select_one("div.prose").get_text()
    elements = soup.find_all("further-reading")
    assert any("-cym-" in e["x-href"] for e in elements), "a Welsh twin"
    assert any(e.get("x-location") == "About the ICO" and not e.get("x-size") for e in elements), "a related link"


def test_press_feeds_tell_the_advanced_story_in_several_versions(client):
    texts = []
    for feed_path in ("/press/caresystemsweekly/feed/", "/press/thedataledger/security/headlines.atom", "/rss/search"):
        for entry in feedparser.parse(client.get(feed_path).content).entries:
            page = client.get(entry.link, follow_redirects=True)
            assert page.status_code == 200, entry.link
            if "Advanced" in page.text:
                texts.append(page.text)
    assert len(texts) >= 6
    joined = "\n".join(texts)
    for figure in ("£6m", "£6.09m", "over 80,000", "82,946", "£3.07m", "£3.09m"):
        assert figure in joined, figure


# ---- the demo's feeds.yaml ----------------------------------------------------------------------
def test_demo_feeds_load_and_point_at_the_mirror(mirror, client):
    sources = load_sources(DEMO_FEEDS)
    assert {s.kind for s in sources} == {"ico_search_api", "feed"}
    assert {s.root_page_id for s in sources if s.kind == "ico_search_api"} == {ENFORCEMENT, NEWS}
    assert all(s.delay_seconds == 0 for s in sources)
    for source in sources:
        local = with_base_url(source, mirror.base_url)
        assert local.url.startswith(mirror.base_url + "/")
        assert urlsplit(local.url).path == urlsplit(source.url).path
        if source.kind == "ico_search_api":
            answer = httpx.post(local.url, json={"rootPageId": source.root_page_id, "pageNumber": 1,
                                                 "order": "newest", "filters": []}).json()
            assert answer["results"]
        else:
            parsed = feedparser.parse(httpx.get(local.url).content)
            assert not parsed.bozo and parsed.entries, source.id


def test_serve_forever_in_a_thread_stops_on_stop():
    import threading

    server = MirrorServer()
    server._bind()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert httpx.get(server.base_url + "/robots.txt").status_code == 200
    server.stop()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_stop_right_after_start():
    server = MirrorServer().start()
    server.stop()
    assert server._thread is None
