"""Feed parsing: RSS, Atom, Google News, and the X/H faults of RELIABILITY.md."""
from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from pipeline.parsers.errors import FeedMalformedError, ParseError
from pipeline.parsers.feed import FeedItem, parse_feed, read_feed

PAGES = Path(__file__).parent / "fixtures" / "pages"
RSS_HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def fixture(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def rss(items: str, *, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel><title>T</title>'
            f"<link>https://news.example/</link><description>d</description>{items}</channel></rss>").encode()


# -- the real shapes ----------------------------------------------------------------------------

def test_rss_wordpress_feed():
    items = parse_feed(fixture("feed_pulse_rss.xml"), url="https://www.pulsetoday.co.uk/feed/", headers=RSS_HEADERS)
    assert items == [
        FeedItem(url="https://www.pulsetoday.co.uk/news/regulation/gp-practice-reprimanded-by-ico/",
                 title="GP practice reprimanded by ICO after patient letters sent to wrong addresses",
                 published="2026-08-11",
                 summary="The Information Commissioner’s Office has issued a reprimand to a GP practice in Kent.",
                 outlet=None, guid="https://www.pulsetoday.co.uk/?p=300101"),
        FeedItem(url="https://www.pulsetoday.co.uk/news/contract/new-contract-guidance/",
                 title="Practices to get new contract guidance from October", published="2026-08-10",
                 summary="NHS England will publish guidance on the changes next month.", outlet=None,
                 guid="https://www.pulsetoday.co.uk/?p=300095"),
        FeedItem(url="https://www.pulsetoday.co.uk/news/technology/nhs-software-supplier-fined/",
                 title="NHS software supplier fined £3m over 2022 ransomware attack", published="2025-03-27",
                 summary="Advanced Computer Software Group has been fined £3.07m by the data watchdog.",
                 outlet=None, guid="https://www.pulsetoday.co.uk/?p=290001"),
    ]


def test_atom_feed():
    items = parse_feed(fixture("feed_register_atom.xml"), url="https://www.theregister.com/security/headlines.atom",
                       headers={"content-type": "application/atom+xml"})
    assert [(i.url, i.title, i.published, i.summary, i.guid) for i in items] == [
        ("https://www.theregister.com/2026/02/23/reddit_ico_fine/", "UK data watchdog fines Reddit £14.5M over kids' data",
         "2026-02-23", "Information Commissioner says age checks relied on self-declaration",
         "tag:theregister.com,2005:story/2026/02/23/reddit_ico_fine/"),
        ("https://www.theregister.com/2026/02/22/chip_shortage/", "Memory prices climb again as fabs struggle",
         "2026-02-22", "Analysts expect another quarter of rises.",
         "tag:theregister.com,2005:story/2026/02/22/chip_shortage/"),
        ("https://www.theregister.com/2025/06/17/23andme_ico/", "23andMe fined £2.31M by UK ICO after credential stuffing raid",
         "2025-06-17", "Genetic testing firm failed to protect UK users' data, regulator finds.",
         "tag:theregister.com,2005:story/2025/06/17/23andme_ico/"),
    ]


def test_google_news_titles_are_split_on_the_last_dash_and_outlet_comes_from_source():
    items = parse_feed(fixture("feed_google_news_rss.xml"),
                       url="https://news.google.com/rss/search?q=ico&hl=en-GB&gl=GB&ceid=GB:en", headers=RSS_HEADERS)
    assert [(i.title, i.outlet, i.published) for i in items] == [
        ("Watchdog fines marketing firm £300,000 over spam texts", "Computer Weekly", "2026-05-22"),
        # Only the last " - " separates the publisher; the one inside the headline stays.
        ("ICO reprimands Met Police - over subject access backlog", "BBC News", "2026-07-30"),
    ]
    assert items[0].url.startswith("https://news.google.com/rss/articles/CBMi")
    assert items[0].guid == items[0].url
    assert "<" not in items[1].summary and "Evening Standard" in items[1].summary


def test_ordinary_feeds_keep_dashes_in_titles():
    body = rss("<item><title>Fine for firm - and a warning - Pulse</title><link>https://news.example/a</link></item>")
    assert parse_feed(body, url="https://news.example/feed", headers=RSS_HEADERS)[0].title == \
        "Fine for firm - and a warning - Pulse"


# -- X faults -----------------------------------------------------------------------------------

def test_x1_malformed_xml_with_entries_gives_items_and_a_warning():
    body = fixture("feed_pulse_rss.xml")
    cut = body.rindex(b"</item>")
    broken = body[:cut] + body[cut + len(b"</item>"):]
    parsed = read_feed(broken, url="https://www.pulsetoday.co.uk/feed/", headers=RSS_HEADERS)
    assert len(parsed.items) >= 2
    assert parsed.items[0].title.startswith("GP practice reprimanded")
    assert len(parsed.warnings) == 1 and "not well-formed" in parsed.warnings[0]
    assert "line" in parsed.warnings[0]


def test_x1_malformed_xml_without_entries_is_feed_malformed():
    with pytest.raises(FeedMalformedError) as caught:
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</titl', url="https://f.example/",
                   headers=RSS_HEADERS)
    assert caught.value.error_class == "feed_malformed"


@pytest.mark.parametrize("body", [
    b"",
    b"   \n",
    b"<!DOCTYPE html><html><head><title>Service unavailable</title></head><body><p>Down</p></body></html>",
    b"<html><body>Soft 404</body></html>",
    b'{"items": [1, 2, 3]}',
    b"just some text",
])
def test_x2_not_a_feed(body):
    with pytest.raises(FeedMalformedError) as caught:
        parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert caught.value.error_class == "feed_malformed"
    assert "https://f.example/feed" in caught.value.message


def test_x3_billion_laughs_is_refused_quickly():
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{"&lol%d;" % (n - 1) * 10}">' for n in range(1, 11))
    body = rss("<item><title>&lol10;</title><link>https://news.example/a</link></item>",
               prolog=f"<!DOCTYPE rss [{entities}]>")
    started = time.monotonic()
    with pytest.raises(ParseError) as caught:
        parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert caught.value.error_class == "xml_forbidden_dtd"
    assert time.monotonic() - started < 2


def test_x4_quadratic_blowup_is_refused():
    body = rss("<item><title>" + "&big;" * 10_000 + "</title></item>",
               prolog='<!DOCTYPE rss [<!ENTITY big "' + "x" * 100_000 + '">]>')
    with pytest.raises(ParseError) as caught:
        parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert caught.value.error_class == "xml_forbidden_dtd"


@pytest.fixture()
def canary_server():
    """A loopback server counting requests to /canary: an XXE that fetched it would show up."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"CANARY-SECRET")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_x5_xxe_is_refused_and_never_fetched(canary_server):
    base, hits = canary_server
    for target in (f"{base}/canary", "file:///etc/passwd"):
        body = rss("<item><title>&xxe;</title><link>https://news.example/a</link></item>",
                   prolog=f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>')
        with pytest.raises(ParseError) as caught:
            parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
        assert caught.value.error_class == "xml_forbidden_dtd"
        # Belt and braces: feedparser itself (external entities off) does not fetch it either.
        parsed = feedparser.parse(io.BytesIO(body))
        assert "CANARY-SECRET" not in str(parsed.entries) and "root:" not in str(parsed.entries)
    assert hits == []


def test_x6_duplicate_guids_give_one_item():
    body = rss("<item><guid>g1</guid><title>First ICO fine</title><link>https://news.example/a</link></item>"
               "<item><guid>g1</guid><title>Second ICO fine</title><link>https://news.example/b</link></item>"
               "<item><guid>g2</guid><title>Other</title><link>https://news.example/c</link></item>")
    parsed = read_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    # (feedparser resolves a permalink guid against the feed URL.)
    assert [(i.guid, i.title) for i in parsed.items] == [
        ("https://f.example/g1", "First ICO fine"), ("https://f.example/g2", "Other")]
    assert parsed.duplicates == 1
    assert any("duplicate" in w for w in parsed.warnings)


def test_x7_item_without_guid_or_link_is_keyed_by_a_hash_and_empty_ones_skipped():
    body = rss("<item><title>ICO fines a council</title><pubDate>Tue, 11 Aug 2026 10:00:00 GMT</pubDate></item>"
               "<item><description>nothing to go by</description></item>")
    parsed = read_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert len(parsed.items) == 1
    item = parsed.items[0]
    assert (item.url, item.title, item.published) == (None, "ICO fines a council", "2026-08-11")
    assert item.guid.startswith("sha256:") and len(item.guid) == len("sha256:") + 64
    # The same item parsed again gets the same key: the document keeps its identity across runs.
    assert read_feed(body, url="https://f.example/feed", headers=RSS_HEADERS).items[0].guid == item.guid
    assert any("skipped" in w for w in parsed.warnings)


@pytest.mark.parametrize("date", ["Thu, 31 Feb 2099 10:00:00 GMT", "0000-00-00", "Sat, 01 Jan 2095 00:00:00 GMT",
                                  "yesterday-ish", ""])
def test_x8_absurd_dates_become_none(date):
    body = rss(f"<item><guid>a</guid><title>ICO fine</title><link>https://news.example/a</link>"
               f"<pubDate>{date}</pubDate></item>")
    assert parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)[0].published is None


# -- H faults: text, not markup -----------------------------------------------------------------

def test_h1_h2_script_in_title_and_summary_is_stored_as_plain_text():
    body = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<id>x</id><updated>2026-01-01T00:00:00Z</updated>'
            b'<entry><id>e1</id><updated>2026-01-02T00:00:00Z</updated><link href="https://news.example/e1"/>'
            b'<title type="html">Fine &lt;script&gt;alert(1)&lt;/script&gt; for &lt;b&gt;ACME&lt;/b&gt; Ltd</title>'
            b'<summary type="text">&lt;script&gt;steal()&lt;/script&gt;The ICO fined &lt;img src=x onerror=alert(1)&gt;ACME.</summary>'
            b"</entry></feed>")
    item = parse_feed(body, url="https://f.example/atom", headers={})[0]
    assert item.title == "Fine for ACME Ltd"
    assert item.summary == "The ICO fined ACME."
    for value in (item.title, item.summary):
        assert "<" not in value and "script" not in value and "onerror" not in value


def test_h3_javascript_and_data_links_are_not_kept():
    body = rss("<item><guid>a</guid><title>ICO one</title><link>javascript:alert(1)</link></item>"
               "<item><guid>b</guid><title>ICO two</title><link>data:text/html,hi</link></item>"
               "<item><guid>c</guid><title>ICO three</title><link>/relative/path</link></item>")
    items = parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert [i.url for i in items] == [None, None, "https://f.example/relative/path"]
    assert [i.title for i in items] == ["ICO one", "ICO two", "ICO three"]


@pytest.mark.parametrize("content_type, warned", [
    ("application/rss+xml; charset=utf-8", False),       # the HTTP charset is right: no problem
    ("application/rss+xml", True),                        # only the XML declaration speaks, wrongly
    ("application/rss+xml; charset=iso-8859-1", True),    # both wrong
    (None, True),
])
def test_s6_feed_declaring_the_wrong_encoding_still_gives_clean_items(content_type, warned):
    body = ('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>T</title>'
            "<item><guid>a</guid><title>Firm fined £300,000 – ICO</title><link>https://news.example/a</link></item>"
            "</channel></rss>").encode("utf-8")
    headers = {"content-type": content_type} if content_type else {}
    parsed = read_feed(body, url="https://f.example/feed", headers=headers)
    assert [i.title for i in parsed.items] == ["Firm fined £300,000 – ICO"]
    assert [("is UTF-8" in w) for w in parsed.warnings] == ([True] if warned else [])


def test_a_feed_really_in_windows_1252_is_read_as_such():
    body = ('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>T</title>'
            "<item><guid>a</guid><title>Firm fined £300,000 – ICO</title><link>https://news.example/a</link></item>"
            "</channel></rss>").encode("cp1252")
    parsed = read_feed(body, url="https://f.example/feed", headers={"content-type": "application/rss+xml"})
    assert [i.title for i in parsed.items] == ["Firm fined £300,000 – ICO"] and parsed.warnings == []


@pytest.mark.parametrize("headers", [{}, {"content-type": "text/html; charset=utf-8"}, {"content-type": "text/xml"}])
def test_a_feed_served_without_an_xml_content_type_parses_without_warnings(headers):
    parsed = read_feed(fixture("feed_pulse_rss.xml"), url="https://www.pulsetoday.co.uk/feed/", headers=headers)
    assert len(parsed.items) == 3 and parsed.warnings == []


def test_s8_control_characters_are_stripped():
    body = rss("<item><guid>a</guid><title>ICO\x1b[31m fine\x07</title><link>https://news.example/a</link></item>")
    # Raw C0 characters are not even legal XML; the loose parser still reads the item.
    items = parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert items[0].title == "ICO[31m fine"


def test_x1_broken_feed_whose_recovered_entries_are_unusable_is_feed_malformed():
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
            b"<<<item>>> this is </not <xml at all &&& ]]>")
    with pytest.raises(FeedMalformedError) as caught:
        parse_feed(body, url="https://f.example/feed", headers=RSS_HEADERS)
    assert caught.value.error_class == "feed_malformed"
