"""Whole-pipeline fault injection (RELIABILITY.md fault matrix (b), the ★ standard expectation).

The fetch, parser and publish modules have their own single-fault unit tests. This file checks
what those cannot: that one misbehaving source, in a real `run_sources` over several sources,
costs nothing but itself. Every case runs the real pipeline over three sources:

    the-data-ledger-security   healthy, served by the offline demo mirror (MirrorServer)
    <the faulty source>        an already-stored demo source re-pointed at a FaultServer route
    google-news-ico            healthy, served by the mirror

into a copy of a baseline database that already holds two demo sources (ico-enforcement and
care-systems-weekly). The faulty source reuses one of those ids, so "rows stored before are
unchanged" and "http_state not advanced" are about a source that really has stored rows.

For each fault the test asserts the ★ expectation:
 1. the run completes (run_sources returns; no exception escapes);
 2. the healthy sources are stored exactly as in a reference run without the faulty source;
 3. the faulty source has a source_runs row with the expected status, an error_class from the
    fixed vocabulary, and a one-line message;
 4. no baseline row was lost or altered, and (for 'error') nothing of the faulty source was
    written: every content table equals the reference run's, row for row;
 5. no http_state row was learned for the faulty source's URLs;
 6. the exit status follows the policy (0 all ok, 3 some failed, 1 nothing done).

Set FAULT_MATRIX_REPORT=<path> to have each case append its outcome as a JSON line; the
benchmarks/fault_matrix.py script does that and prints the summary table.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import pytest

from pipeline.demo.mirror_server import MirrorServer
from pipeline.extract import Extractor
from pipeline.fetch import FetchLimits
from pipeline.fetch.errors import ERROR_CLASSES
from pipeline.run import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_FAILED, RunSummary, run_sources
from pipeline.sources import Source, load_sources, with_base_url
from tests.faultserver import ConnectionCounter, FaultHandler, FaultServer, FullBacklogListener, closed_port, gzip_bomb

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
DEMO_FEEDS = REPO / "pipeline" / "demo" / "feeds.yaml"
MIRROR_ROOT = REPO / "pipeline" / "demo" / "mirror"
MIB = 1024 * 1024

# Small bounds so each fault shows up in about a second (production defaults are 10/30/60 s).
LIMITS = FetchLimits(
    connect_timeout=0.5,
    read_timeout=1.0,
    deadline=2.0,
    max_bytes=4 * MIB,
    retries=1,
    backoff_seconds=0.01,
    max_retry_after=2.0,
)

BASELINE_SOURCES = ("ico-enforcement", "care-systems-weekly")
HEALTHY_SOURCES = ("the-data-ledger-security", "google-news-ico")

# The fixed vocabulary of source_runs.error_class: the fetch stage's classes (a contract in
# docs/ARCHITECTURE.md) plus the parser, collector and run classes.
ERROR_VOCABULARY = frozenset(ERROR_CLASSES) | {
    "layout_changed", "feed_malformed", "xml_forbidden_dtd", "extraction_empty", "parse_error",
    "pdf_unreadable", "unexpected_content_type", "empty_body", "collector_crashed",
    "store_failed", "config_error", "unknown_kind", "extract_failed", "link_failed",
}

# Columns that record *when* something happened: they legitimately differ between two runs
# that stored the same things, so row comparisons leave them out.
VOLATILE_COLUMNS = frozenset({
    "fetched_at", "first_seen", "last_seen", "extracted_at", "updated_at", "linked_at",
    "recorded_at", "last_checked", "started_at", "finished_at",
})
RUN_LOG_TABLES = frozenset({"runs", "source_runs"})


# -- database snapshots ----------------------------------------------------------------------

Snapshot = dict[str, dict[tuple, dict[str, Any]]]


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Real tables: the FTS indexes' shadow tables are derived data and skipped."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return [n for n in names if "_fts" not in n]


def snapshot(db_path: Path) -> Snapshot:
    """Every row of every table, keyed by its primary key (or rowid when it has none)."""
    conn = sqlite3.connect(db_path)
    try:
        result: Snapshot = {}
        for table in _tables(conn):
            info = conn.execute(f"PRAGMA table_info([{table}])").fetchall()
            columns = [row[1] for row in info]
            pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
            select = ", ".join(f"[{c}]" for c in columns)
            rows: dict[tuple, dict[str, Any]] = {}
            if pk:
                for values in conn.execute(f"SELECT {select} FROM [{table}]"):
                    row = dict(zip(columns, values))
                    rows[tuple(row[c] for c in pk)] = row
            else:
                for values in conn.execute(f"SELECT rowid, {select} FROM [{table}]"):
                    rows[(values[0],)] = dict(zip(columns, values[1:]))
            result[table] = rows
        return result
    finally:
        conn.close()


def stable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in VOLATILE_COLUMNS}


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    """A document row without its id and timestamps (ids shift when an earlier source wrote)."""
    return {k: v for k, v in stable(row).items() if k != "id"}


def lost_rows(before: Snapshot, after: Snapshot) -> list[str]:
    """Rows of `before` whose key is gone from `after` (a delete, or a half-written rewrite)."""
    lost = []
    for table, rows in before.items():
        for key in rows:
            if key not in after.get(table, {}):
                lost.append(f"{table}{key}")
    return lost


def altered_rows(before: Snapshot, after: Snapshot, tables: set[str]) -> list[str]:
    """Rows of `before` (in `tables`) whose stored values changed in `after`."""
    altered = []
    for table in tables:
        for key, row in before.get(table, {}).items():
            now = after.get(table, {}).get(key)
            if now is not None and now != row:
                altered.append(f"{table}{key}")
    return altered


def content_differences(expected: Snapshot, actual: Snapshot) -> list[str]:
    """Differences between two databases outside the run log, ignoring timestamps."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        if table in RUN_LOG_TABLES:
            continue
        want = {k: stable(r) for k, r in expected.get(table, {}).items()}
        got = {k: stable(r) for k, r in actual.get(table, {}).items()}
        for key in want.keys() - got.keys():
            problems.append(f"missing {table}{key}")
        for key in got.keys() - want.keys():
            problems.append(f"extra {table}{key}: {str(got[key])[:160]}")
        for key in want.keys() & got.keys():
            if want[key] != got[key]:
                changed = sorted(c for c in want[key] if want[key][c] != got[key].get(c))
                problems.append(f"changed {table}{key}: {changed}")
    return problems


def rows_mentioning(snap: Snapshot, needle: str, tables: tuple[str, ...]) -> list[str]:
    """Rows of `tables` with `needle` in any text column (e.g. the fault server's host:port)."""
    found = []
    for table in tables:
        for key, row in snap.get(table, {}).items():
            if any(isinstance(v, str) and needle in v for v in row.values()):
                found.append(f"{table}{key}")
    return found


# -- hand-made fault routes (added at run time; tests/faultserver.py is not changed) ---------

def rss(items: list[tuple[str, str | None, str]], *, encoding_decl: str | None = "utf-8") -> bytes:
    """A small RSS 2.0 feed; each item is (title, link or None, description)."""
    declaration = f'<?xml version="1.0" encoding="{encoding_decl}"?>' if encoding_decl else ""
    entries = []
    for n, (title, link, description) in enumerate(items, start=1):
        link_xml = f"<link>{xml_escape(link)}</link>" if link else ""
        entries.append(f"<item><title>{title}</title>{link_xml}<guid isPermaLink=\"false\">item-{n}</guid>"
                       f"<pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate>"
                       f"<description>{description}</description></item>")
    return (f'{declaration}<rss version="2.0"><channel><title>Fault Test Weekly</title>'
            f"<link>http://fault.test/</link><description>test feed</description>"
            f"{''.join(entries)}</channel></rss>").encode("utf-8")


ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/">Home</a></nav></header>
<main><article><h1>{title}</h1>
<p>The Information Commissioner's Office has fined Harbourside Lettings Ltd £85,000 after the
agency left a tenant database open to the internet for eleven months.</p>
<p>The regulator said the company failed to apply basic access controls, and that the records of
about 4,200 tenants – names, bank details and copies of passports – could be read by anyone who
found the address of the server.</p>
<p>Harbourside Lettings said it had since moved the database behind a firewall and trained its
staff, and that it would not appeal against the penalty.</p>
<p>The ICO's director of investigations said firms holding identity documents must protect them
properly, and that the size of the fine reflected how long the records were exposed.</p>
</article></main><footer>Fault Test Weekly</footer></body></html>"""

ARTICLE_TITLE = "ICO fines Harbourside Lettings £85,000 over exposed tenant database"


def _feed_route(body: bytes, content_type: str = "application/rss+xml; charset=utf-8",
                status: int = 200) -> Callable[[FaultHandler, dict[str, str]], None]:
    def route(h: FaultHandler, q: dict[str, str]) -> None:
        h.reply(status, body, content_type=content_type)
    return route


def _article_route(content_type: str) -> Callable[[FaultHandler, dict[str, str]], None]:
    body = ARTICLE_HTML.format(title=ARTICLE_TITLE).encode("utf-8")
    return _feed_route(body, content_type=content_type)


def _big_body(total: int, *, declare_length: bool) -> Callable[[FaultHandler, dict[str, str]], None]:
    """A `total`-byte body of 'z', with an honest Content-Length or chunked without one."""
    def route(h: FaultHandler, q: dict[str, str]) -> None:
        block = b"z" * (64 * 1024)
        if declare_length:
            h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "application/rss+xml",
                                           "Content-Length": str(total)})
        else:
            h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "application/rss+xml",
                                           "Transfer-Encoding": "chunked"})
        sent = 0
        while sent < total:
            piece = block[: total - sent]
            h.send_bytes(piece if declare_length else b"%x\r\n" % len(piece) + piece + b"\r\n")
            sent += len(piece)
        if not declare_length:
            h.send_bytes(b"0\r\n\r\n")
        h.hard_close()
    return route


def _after_429(body: bytes) -> Callable[[FaultHandler, dict[str, str]], None]:
    """429 with Retry-After: 1 for the first request, then the feed."""
    def route(h: FaultHandler, q: dict[str, str]) -> None:
        if h.server.fault.hits(h.route_path) <= 1:
            h.reply(429, b"slow down", {"Retry-After": "1"})
        else:
            h.reply(200, body, content_type="application/rss+xml; charset=utf-8")
    return route


def _json_route(payload: Any) -> Callable[[FaultHandler, dict[str, str]], None]:
    body = json.dumps(payload).encode("utf-8")
    return _feed_route(body, content_type="application/json; charset=utf-8")


BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
                  + b"".join(b' <!ENTITY lol%d "%s">\n' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                             for n in range(1, 10))
                  + b']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>ICO fine &lol9;'
                  + b"</title><link>http://example.org/a</link></item></channel></rss>")

MALFORMED_XML = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
                 b"<<<item>>> this is </not <xml at all &&& ]]>")

LAYOUT_CHANGED_DETAIL = b"""<!doctype html><html><head><title>Acme Widgets Ltd</title></head>
<body><div class="new-shiny-template"><div class="hero">Acme Widgets Ltd</div>
<span>Monetary penalties</span><span>2 November 2026</span>
<div class="rich">We fined Acme Widgets Ltd for a breach of the UK GDPR.</div></div></body></html>"""


# -- the cases -------------------------------------------------------------------------------

@dataclass
class Context:
    """What a case's setup can use: the fault server and the canary/counter listeners."""

    server: FaultServer
    counter: ConnectionCounter
    extras: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class FaultCase:
    """One injected fault: which stored source turns faulty, where it points, what must happen."""

    id: str
    matrix: str                     # RELIABILITY.md (b) row(s)
    source: str                     # which baseline source becomes faulty
    setup: Callable[[Context], str]  # registers routes; returns the faulty source's URL
    status: str = "error"           # expected source_runs.status
    error_classes: tuple[str, ...] = ()   # accepted error_class (or failure class for 'partial')
    check: Callable[[Context, "Outcome"], None] | None = None
    fetch_articles: bool = True
    xfail: str | None = None        # a known bug in another module: the case must fail until fixed


@dataclass
class Outcome:
    summary: RunSummary
    source_run: dict[str, Any]
    after: Snapshot
    seconds: float


def _path(path: str) -> Callable[[Context], str]:
    return lambda ctx: ctx.server.url(path)


def _with_route(path: str, make: Callable[[Context], Callable[[FaultHandler, dict[str, str]], None]]
                ) -> Callable[[Context], str]:
    def setup(ctx: Context) -> str:
        ctx.server.route(path, make(ctx))
        return ctx.server.url(path)
    return setup


def _gzip_bomb_path(ctx: Context) -> str:
    gzip_bomb()      # built once (a few seconds) before the run, not while the client waits
    return ctx.server.url("/gzip-bomb")


def _refused(ctx: Context) -> str:
    port = closed_port()
    ctx.extras.append(f"127.0.0.1:{port}")
    return f"http://127.0.0.1:{port}/feed/"


def _connect_hang(ctx: Context) -> str:
    listener = FullBacklogListener()
    ctx.extras.append(listener)
    ctx.extras.append(f"127.0.0.1:{listener.port}")
    return f"http://127.0.0.1:{listener.port}/feed/"


def _redirect_private(target: str) -> Callable[[Context], str]:
    def setup(ctx: Context) -> str:
        to = target.format(counter=ctx.counter.port)
        from urllib.parse import quote
        return ctx.server.url(f"/redirect?to={quote(to, safe='')}")
    return setup


class _FakeDns:
    """socket.getaddrinfo answering `name` with `address` (R3); close() restores the real one.
    Only the fake name is answered; every other lookup goes to the real resolver."""

    def __init__(self, name: str, address: str) -> None:
        import socket

        self._socket = socket
        self._real = socket.getaddrinfo
        self.lookups = 0

        def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host == name:
                self.lookups += 1
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]
            return self._real(host, port, *args, **kwargs)

        socket.getaddrinfo = fake

    def close(self) -> None:
        self._socket.getaddrinfo = self._real


def _resolves_to(address: str) -> Callable[[Context], str]:
    def setup(ctx: Context) -> str:
        ctx.extras.append(_FakeDns("evil.test", address))
        # Reached through a redirect, not named in feeds.yaml: a source's own configured host is
        # trusted whatever it resolves to (SECURITY.md, "Trust follows configuration").
        return _redirect_private(f"http://evil.test:{ctx.counter.port}/feed/")(ctx)
    return setup


def _duplicate_guids_and_absurd_dates(ctx: Context) -> Callable[[FaultHandler, dict[str, str]], None]:
    """X6 + X8: two items share a guid; dates of 31 Feb 2099, 0000-00-00 and none at all."""
    items = []
    for n, (guid, date) in enumerate([("dup", "Thu, 31 Feb 2099 10:00:00 GMT"), ("dup", "0000-00-00"),
                                      ("other", None)], start=1):
        date_xml = f"<pubDate>{date}</pubDate>" if date else ""
        items.append(f"<item><title>ICO fines Dupe Holdings Ltd, report {n}</title><guid>{guid}</guid>"
                     f"{date_xml}<description>ICO fine {n}</description></item>")
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            + "".join(items) + "</channel></rss>").encode()
    return _feed_route(body)


def _one_row_per_guid_and_no_absurd_dates(ctx: Context, outcome: Outcome) -> None:
    host = ctx.server.host_port
    rows = [r for r in outcome.after["documents"].values() if host in r["url"]]
    assert len(rows) == 2, [r["url"] for r in rows]          # "dup" once, "other" once
    for row in rows:
        assert row["published"] is None or re.fullmatch(r"(19|20)\d\d-\d\d(-\d\d)?", row["published"])
        assert not (row["published"] or "").startswith("2099")


def _xxe(ctx: Context) -> Callable[[FaultHandler, dict[str, str]], None]:
    canary = ctx.server.url("/canary")
    ctx.server.route("/canary", _feed_route(b"CANARY-SECRET", content_type="text/plain"))
    body = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY ext SYSTEM "{canary}">\n'
            f' <!ENTITY pw SYSTEM "file:///etc/passwd">\n]>\n<rss version="2.0"><channel>'
            f"<title>&ext;</title><item><title>ICO fine &ext; &pw;</title>"
            f"<description>&pw;</description></item></channel></rss>").encode()
    return _feed_route(body)


def _no_canary_hits(ctx: Context, outcome: Outcome) -> None:
    assert ctx.server.hits("/canary") == 0
    assert not rows_mentioning(outcome.after, "CANARY-SECRET", ("documents", "raw_responses"))
    assert not rows_mentioning(outcome.after, "root:x:0:0", ("documents",))


def _no_connections(ctx: Context, outcome: Outcome) -> None:
    assert ctx.counter.connections == 0, "a blocked redirect target received a connection"


def _hits(path: str, expected: int) -> Callable[[Context, Outcome], None]:
    def check(ctx: Context, outcome: Outcome) -> None:
        assert ctx.server.hits(path) == expected, f"{path}: {ctx.server.hits(path)} requests"
    return check


def _bytes_sent_below(path: str, limit: int) -> Callable[[Context, Outcome], None]:
    def check(ctx: Context, outcome: Outcome) -> None:
        sent = ctx.server.bytes_sent[path]
        assert sent < limit, f"{path}: the server got to write {sent} bytes"
    return check


def _retry_after_honoured(path: str, seconds: float) -> Callable[[Context, Outcome], None]:
    def check(ctx: Context, outcome: Outcome) -> None:
        arrivals = ctx.server.arrivals(path)
        assert len(arrivals) >= 2
        assert arrivals[1] - arrivals[0] >= seconds * 0.95, "Retry-After was not honoured"
    return check


def _stored_title_has(text: str, not_text: str) -> Callable[[Context, Outcome], None]:
    def check(ctx: Context, outcome: Outcome) -> None:
        host = ctx.server.host_port
        titles = [r["title"] for r in outcome.after["documents"].values() if host in r["url"]]
        texts = [r["text"] for r in outcome.after["documents"].values() if host in r["url"]]
        assert titles, "the faulty source stored no document"
        assert all(text in t for t in titles), titles
        assert not any(not_text in t for t in titles + texts), "mojibake stored"
    return check


def _all_checks(*checks: Callable[[Context, Outcome], None]) -> Callable[[Context, Outcome], None]:
    def check(ctx: Context, outcome: Outcome) -> None:
        for one in checks:
            one(ctx, outcome)
    return check


FEED, ICO = "care-systems-weekly", "ico-enforcement"
GOOD_ITEM = (ARTICLE_TITLE, None, "The regulator fined a letting agency.")


def _feed_linking(article_paths: list[str], content_type: str = "application/rss+xml; charset=utf-8",
                  title: str = ARTICLE_TITLE) -> Callable[[Context], Callable[[FaultHandler, dict[str, str]], None]]:
    def make(ctx: Context) -> Callable[[FaultHandler, dict[str, str]], None]:
        items: list[tuple[str, str | None, str]] = [
            (f"{title} ({n})", ctx.server.url(p), "ICO fine for a letting agency")
            for n, p in enumerate(article_paths, start=1)]
        return _feed_route(rss(items), content_type=content_type)
    return make


def _ico_listing(detail_paths: list[str]) -> Callable[[Context], Callable[[FaultHandler, dict[str, str]], None]]:
    def make(ctx: Context) -> Callable[[FaultHandler, dict[str, str]], None]:
        for path in detail_paths:
            ctx.server.route(path, _feed_route(LAYOUT_CHANGED_DETAIL, content_type="text/html; charset=utf-8"))
        results = [{"id": 900000 + n, "title": f"Acme Widgets {n} Ltd", "url": path,
                    "filterItemMetaData": "2 November 2026, Monetary penalties, Retail",
                    "createdDateTime": "2026-11-02T09:00:00.000Z",
                    "description": "We fined Acme Widgets for a breach of the UK GDPR."}
                   for n, path in enumerate(detail_paths, start=1)]
        return _json_route({"results": results, "pagination": {"totalResults": len(results), "totalPages": 1}})
    return make


CASES: list[FaultCase] = [
    # Transport and HTTP-level faults (T)
    FaultCase("connection_refused", "T1", FEED, _refused, error_classes=("connect_error",)),
    FaultCase("connect_hang", "T2", FEED, _connect_hang, error_classes=("connect_timeout",)),
    FaultCase("hang_no_headers", "T3", FEED, _path("/hang"), error_classes=("read_timeout",),
              check=_hits("/hang", LIMITS.retries + 1)),
    FaultCase("hang_on_ico_api", "T3", ICO, _path("/hang"), error_classes=("read_timeout",)),
    FaultCase("slow_drip", "T4", FEED, _path("/slow-drip?interval=0.2"),
              error_classes=("deadline_exceeded",)),
    FaultCase("truncated_body", "T5", FEED, _path("/short-body"), error_classes=("incomplete_body",)),
    FaultCase("broken_chunking", "T6", FEED, _path("/broken-chunked"), error_classes=("incomplete_body",)),
    FaultCase("connection_reset", "T7", FEED, _path("/reset"),
              error_classes=("connection_reset", "incomplete_body")),
    FaultCase("garbage_not_http", "T8", FEED, _path("/garbage"), error_classes=("protocol_error",)),
    FaultCase("429_small_retry_after_persistent", "T9", FEED, _path("/status/429?retry_after=1"),
              error_classes=("rate_limited",),
              check=_retry_after_honoured("/status/429", 1.0)),
    FaultCase("429_small_retry_after_then_ok", "T9", FEED,
              _with_route("/feed-429-once", lambda ctx: _after_429(rss([GOOD_ITEM]))),
              status="ok", fetch_articles=False,
              check=_all_checks(_retry_after_honoured("/feed-429-once", 1.0), _hits("/feed-429-once", 2))),
    FaultCase("429_huge_retry_after", "T9", FEED, _path("/status/429?retry_after=86400"),
              error_classes=("rate_limited",), check=_hits("/status/429", 1)),
    FaultCase("5xx_storm", "T10", FEED, _path("/status/503"), error_classes=("http_5xx",),
              check=_hits("/status/503", LIMITS.retries + 1)),
    FaultCase("5xx_storm_on_ico_api", "T10", ICO, _path("/status/502"), error_classes=("http_5xx",)),
    FaultCase("404", "T12", FEED, _path("/status/404"), error_classes=("http_4xx",),
              check=_hits("/status/404", 1)),
    FaultCase("soft_404_html_for_feed", "T13", FEED,
              _with_route("/soft-404", lambda ctx: _feed_route(
                  b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>",
                  content_type="text/html; charset=utf-8")),
              error_classes=("feed_malformed", "unexpected_content_type")),
    # Size, compression and encoding (S)
    FaultCase("gzip_bomb", "S3", FEED, _gzip_bomb_path, error_classes=("too_large",),
              check=_bytes_sent_below("/gzip-bomb", 1 * MIB)),
    FaultCase("50mb_body_declared", "S1", FEED,
              _with_route("/fifty-mb", lambda ctx: _big_body(50 * MIB, declare_length=True)),
              error_classes=("too_large",), check=_bytes_sent_below("/fifty-mb", 8 * MIB)),
    FaultCase("50mb_body_chunked", "S2", FEED,
              _with_route("/fifty-mb-chunked", lambda ctx: _big_body(50 * MIB, declare_length=False)),
              error_classes=("too_large",), check=_bytes_sent_below("/fifty-mb-chunked", 16 * MIB)),
    FaultCase("wrong_content_encoding", "S4", FEED, _path("/wrong-encoding"), error_classes=("decode_error",)),
    FaultCase("missing_charset", "S5", FEED,
              _with_route("/feed-no-charset", _feed_linking(["/article-no-charset"],
                                                            content_type="application/rss+xml")),
              status="ok", check=_stored_title_has("£85,000", "Â£")),
    FaultCase("wrong_charset", "S6", FEED,
              _with_route("/feed-wrong-charset", _feed_linking(
                  ["/article-wrong-charset"], content_type="application/rss+xml; charset=iso-8859-1")),
              status="ok", check=_stored_title_has("£85,000", "Â£")),
    # XML / feed faults (X)
    FaultCase("malformed_xml", "X1/X2", FEED,
              _with_route("/malformed", lambda ctx: _feed_route(MALFORMED_XML)),
              error_classes=("feed_malformed",)),
    FaultCase("not_xml_at_all", "X2", FEED,
              _with_route("/not-xml", lambda ctx: _feed_route(b"this is plain text, not a feed")),
              error_classes=("feed_malformed",)),
    FaultCase("empty_feed_body", "X2", FEED,
              _with_route("/empty-feed", lambda ctx: _feed_route(b"")),
              error_classes=("feed_malformed", "empty_body")),
    FaultCase("billion_laughs", "X3", FEED,
              _with_route("/billion-laughs", lambda ctx: _feed_route(BILLION_LAUGHS)),
              error_classes=("xml_forbidden_dtd",)),
    FaultCase("xxe_canary", "X5", FEED, _with_route("/xxe", _xxe),
              error_classes=("xml_forbidden_dtd",), check=_no_canary_hits),
    # Redirects and SSRF (R)
    FaultCase("redirect_loop", "R1", FEED, _path("/loop/a"), error_classes=("too_many_redirects",)),
    FaultCase("redirect_to_other_loopback_port", "R2", FEED,
              _redirect_private("http://127.0.0.1:{counter}/feed/"),
              error_classes=("ssrf_blocked",), check=_no_connections),
    FaultCase("redirect_to_metadata_address", "R2", FEED,
              _redirect_private("http://169.254.169.254/latest/meta-data/"), error_classes=("ssrf_blocked",)),
    FaultCase("redirect_to_decimal_loopback", "R2", FEED,
              _redirect_private("http://2130706433:{counter}/"), error_classes=("ssrf_blocked",),
              check=_no_connections),
    FaultCase("redirect_to_ipv6_loopback", "R2", FEED, _redirect_private("http://[::1]:{counter}/"),
              error_classes=("ssrf_blocked",), check=_no_connections),
    FaultCase("redirect_to_ipv4_mapped_loopback", "R2", FEED,
              _redirect_private("http://[::ffff:127.0.0.1]:{counter}/"),
              error_classes=("ssrf_blocked",), check=_no_connections),
    FaultCase("redirect_to_private_10_net", "R2", FEED, _redirect_private("http://10.0.0.1/"),
              error_classes=("ssrf_blocked",)),
    FaultCase("redirect_to_0_0_0_0", "R2", FEED, _redirect_private("http://0.0.0.0:{counter}/"),
              error_classes=("ssrf_blocked",), check=_no_connections),
    FaultCase("hostname_resolving_to_private", "R3", FEED, _resolves_to("10.1.2.3"),
              error_classes=("ssrf_blocked",)),
    FaultCase("hostname_resolving_to_loopback", "R3", FEED, _resolves_to("127.0.0.1"),
              error_classes=("ssrf_blocked",), check=_no_connections),
    FaultCase("redirect_to_file_scheme", "R4", FEED, _redirect_private("file:///etc/passwd"),
              error_classes=("bad_scheme",)),
    FaultCase("duplicate_guids_absurd_dates", "X6/X8", FEED,
              _with_route("/feed-dupes", _duplicate_guids_and_absurd_dates), status="ok",
              fetch_articles=False, check=_one_row_per_guid_and_no_absurd_dates),
    # Items and layouts (H7, T12 at item level)
    FaultCase("feed_item_page_404", "T12 item", FEED,
              _with_route("/feed-one-404", _feed_linking(["/status/404", "/article-ok"])),
              status="partial", error_classes=("http_4xx",)),
    FaultCase("ico_api_json_without_results", "H7", ICO,
              _with_route("/api-changed", lambda ctx: _json_route({"items": [], "total": 0})),
              error_classes=("layout_changed",)),
    FaultCase("ico_detail_layout_changed", "H7", ICO,
              _with_route("/api-detail-changed", _ico_listing([
                  "/action-weve-taken/enforcement/2026/11/acme-widgets-1-ltd/",
                  "/action-weve-taken/enforcement/2026/11/acme-widgets-2-ltd/"])),
              error_classes=("layout_changed",)),
]

# Routes the charset and partial cases link to (registered for every case: harmless elsewhere).
COMMON_ROUTES: dict[str, Callable[[], Callable[[FaultHandler, dict[str, str]], None]]] = {
    "/article-ok": lambda: _article_route("text/html; charset=utf-8"),
    "/article-no-charset": lambda: _article_route("text/html"),
    "/article-wrong-charset": lambda: _article_route("text/html; charset=iso-8859-1"),
}


# -- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(port=0) as server:
        yield server


@pytest.fixture(scope="module")
def demo_sources(mirror: MirrorServer) -> dict[str, Source]:
    return {s.id: with_base_url(s, mirror.base_url) for s in load_sources(DEMO_FEEDS)}


@dataclass
class Baseline:
    db: Path
    before: Snapshot          # the baseline database
    reference: Snapshot       # baseline + the healthy sources alone (what a fault must not change)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, mirror: MirrorServer,
             demo_sources: dict[str, Source], extractor: Extractor) -> Baseline:
    root = tmp_path_factory.mktemp("baseline")
    db = root / "baseline.db"
    summary = run_sources(db, [demo_sources[s] for s in BASELINE_SOURCES], archive_dir=root / "raw",
                          allow_private_hosts={mirror.host_port}, limits=LIMITS,
                          extractor=extractor, progress=False)
    assert summary.exit_status == EXIT_OK, summary.as_text()
    reference_db = root / "reference.db"
    shutil.copy(db, reference_db)
    summary = run_sources(reference_db, [demo_sources[s] for s in HEALTHY_SOURCES],
                          archive_dir=root / "raw-reference", allow_private_hosts={mirror.host_port},
                          limits=LIMITS, extractor=extractor, progress=False)
    assert summary.exit_status == EXIT_OK, summary.as_text()
    return Baseline(db=db, before=snapshot(db), reference=snapshot(reference_db))


def _report(case: FaultCase, outcome: Outcome | None, *, lost: int, crashed: bool,
            expectation_met: bool, detail: str = "") -> None:
    """Append this case's outcome to $FAULT_MATRIX_REPORT (read by benchmarks/fault_matrix.py).

    `survived` means the run completed (no exception escaped run_sources) and lost no stored
    row; `expectation_met` means every ★ check of the case passed.
    """
    path = os.environ.get("FAULT_MATRIX_REPORT")
    if not path:
        return
    line = {"case": case.id, "matrix": case.matrix, "crashed": crashed, "rows_lost": lost,
            "survived": not crashed and lost == 0, "expectation_met": expectation_met,
            "known_bug": case.xfail, "expected_status": case.status,
            "status": outcome.source_run["status"] if outcome else None,
            "error_class": outcome.source_run["error_class"] if outcome else None,
            "seconds": round(outcome.seconds, 2) if outcome else None, "detail": detail[:300]}
    with open(path, "a", encoding="utf-8") as report:
        report.write(json.dumps(line) + "\n")


def run_with_fault(case: FaultCase, ctx: Context, baseline: Baseline, tmp_path: Path,
                   mirror: MirrorServer, demo_sources: dict[str, Source],
                   extractor: Extractor) -> Outcome:
    """Copy the baseline, run healthy + faulty + healthy, and read back what happened."""
    for path, make in COMMON_ROUTES.items():
        ctx.server.route(path, make())
    url = case.setup(ctx)
    faulty = replace(demo_sources[case.source], url=url, fetch_articles=case.fetch_articles)
    db = tmp_path / "run.db"
    shutil.copy(baseline.db, db)
    allowed = {mirror.host_port, ctx.server.host_port} | {x for x in ctx.extras if isinstance(x, str)}
    sources = [demo_sources[HEALTHY_SOURCES[0]], faulty, demo_sources[HEALTHY_SOURCES[1]]]
    started = time.monotonic()
    summary = run_sources(db, sources, archive_dir=tmp_path / "raw", allow_private_hosts=allowed,
                          limits=LIMITS, extractor=extractor, progress=False)
    seconds = time.monotonic() - started
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        run_id = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        rows = conn.execute("SELECT * FROM source_runs WHERE run_id = ? AND source = ?",
                            [run_id, faulty.id]).fetchall()
        assert len(rows) == 1, f"expected one source_runs row for {faulty.id}, got {len(rows)}"
        source_run = dict(rows[0])
        healthy = conn.execute("SELECT source, status FROM source_runs WHERE run_id = ? AND source != ?",
                               [run_id, faulty.id]).fetchall()
        assert {r["source"]: r["status"] for r in healthy} == {s: "ok" for s in HEALTHY_SOURCES}
    finally:
        conn.close()
    return Outcome(summary=summary, source_run=source_run, after=snapshot(db), seconds=seconds)


def check_outcome(case: FaultCase, ctx: Context, outcome: Outcome, baseline: Baseline) -> None:
    """The ★ standard expectation, then the case's own check."""
    run = outcome.source_run
    faulty = next(s for s in outcome.summary.sources if s.source == case.source)
    assert run["status"] == case.status, f"status {run['status']!r}: {faulty.reason}"

    # Exit status per policy: a failed source turns the run red, item failures do not.
    expected_exit = EXIT_SOME_FAILED if case.status == "error" else EXIT_OK
    assert outcome.summary.exit_status == expected_exit

    if case.status == "error":
        assert run["error_class"] in ERROR_VOCABULARY, run["error_class"]
        assert run["error_class"] in case.error_classes, f"{run['error_class']}: {run['error_message']}"
        message = run["error_message"] or ""
        assert message.strip() and "\n" not in message, "the error message must be one line"
    elif case.status == "partial":
        failures = json.loads(run["failures_json"] or "[]")
        assert failures, "a partial source must say which items failed"
        assert {f["error_class"] for f in failures} <= set(case.error_classes) & ERROR_VOCABULARY

    # Nothing stored before was lost or altered; the run log only grew.
    assert lost_rows(baseline.before, outcome.after) == []
    assert altered_rows(baseline.before, outcome.after, {"documents", "extractions", "http_state",
                                                         "raw_responses", "runs", "source_runs",
                                                         "document_versions", "evidence"}) == []
    # The healthy sources are stored exactly as a run without the faulty source stores them.
    for source in HEALTHY_SOURCES:
        want = {r["url"]: _without_id(r) for r in baseline.reference["documents"].values()
                if r["source"] == source}
        got = {r["url"]: _without_id(r) for r in outcome.after["documents"].values()
               if r["source"] == source}
        assert want and got == want, f"{source} was not stored as in the reference run"

    host = ctx.server.host_port
    if case.status == "error":
        # Nothing of the failed source was written: the database equals the reference run's,
        # and its validators did not advance.
        assert content_differences(baseline.reference, outcome.after) == []
        assert rows_mentioning(outcome.after, host, ("http_state", "documents", "raw_responses")) == []
    if case.check is not None:
        case.check(ctx, outcome)


def _params() -> list[Any]:
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
            for c in CASES]


@pytest.mark.parametrize("case", _params())
def test_fault_costs_only_its_own_source(case: FaultCase, tmp_path: Path, baseline: Baseline,
                                         mirror: MirrorServer, demo_sources: dict[str, Source],
                                         extractor: Extractor) -> None:
    with FaultServer() as server, ConnectionCounter() as counter:
        ctx = Context(server=server, counter=counter)
        outcome = None
        try:
            try:
                outcome = run_with_fault(case, ctx, baseline, tmp_path, mirror, demo_sources, extractor)
            except AssertionError:
                raise
            except Exception as exc:     # an exception escaping the run is a crash
                _report(case, None, lost=0, crashed=True, expectation_met=False, detail=repr(exc))
                raise
            check_outcome(case, ctx, outcome, baseline)
        except AssertionError as exc:
            lost = len(lost_rows(baseline.before, outcome.after)) if outcome else 0
            _report(case, outcome, lost=lost, crashed=False, expectation_met=False, detail=str(exc))
            raise
        finally:
            for extra in ctx.extras:
                if hasattr(extra, "close"):
                    extra.close()
        _report(case, outcome, lost=0, crashed=False, expectation_met=True)


def test_exit_status_when_every_source_fails(tmp_path: Path, baseline: Baseline,
                                            demo_sources: dict[str, Source], extractor: Extractor) -> None:
    """Policy: nothing collected at all → exit 1, and still nothing stored is lost."""
    with FaultServer() as server:
        sources = [replace(demo_sources[FEED], url=server.url("/status/404")),
                   replace(demo_sources[ICO], url=server.url("/status/500"))]
        db = tmp_path / "run.db"
        shutil.copy(baseline.db, db)
        summary = run_sources(db, sources, archive_dir=tmp_path / "raw",
                              allow_private_hosts={server.host_port}, limits=LIMITS,
                              extractor=extractor, progress=False)
    assert summary.exit_status == EXIT_NOTHING_DONE
    assert [s.status for s in summary.sources] == ["error", "error"]
    after = snapshot(db)
    assert lost_rows(baseline.before, after) == []
    assert content_differences(baseline.before, after) == []
    runs = after["runs"]
    assert runs[max(runs)]["status"] == "failed"


def test_failed_article_is_retried_next_run(tmp_path: Path, baseline: Baseline, mirror: MirrorServer,
                                            demo_sources: dict[str, Source], extractor: Extractor) -> None:
    """A feed item whose page answered 503 is fetched again by the next run, although the feed
    itself is unchanged (same ETag, same bytes): otherwise a transient failure loses it for good."""
    article = ARTICLE_HTML.format(title=ARTICLE_TITLE).encode("utf-8")

    def flaky_article(h: FaultHandler, q: dict[str, str]) -> None:
        if h.server.fault.hits("/article-flaky") <= LIMITS.retries + 1:    # the whole first run
            h.reply(503, b"<h1>Try again</h1>")
        else:
            h.reply(200, article)

    with FaultServer() as server:
        server.route("/article-flaky", flaky_article)
        article_url = server.url("/article-flaky")
        feed = rss([(ARTICLE_TITLE, article_url, "ICO fine")])
        server.route("/feed-etag", lambda h, q: h.reply(200, feed, {"ETag": '"feed-v1"'},
                                                        content_type="application/rss+xml; charset=utf-8"))
        source = replace(demo_sources[FEED], url=server.url("/feed-etag"))
        db = tmp_path / "run.db"
        shutil.copy(baseline.db, db)
        kwargs: dict[str, Any] = dict(archive_dir=tmp_path / "raw", allow_private_hosts={server.host_port},
                                      limits=LIMITS, extractor=extractor, progress=False)
        first = run_sources(db, [source], **kwargs)
        assert first.sources[0].status == "partial", first.as_text()
        assert article_url not in {r["url"] for r in snapshot(db)["documents"].values()}
        second = run_sources(db, [source], **kwargs)
    assert second.sources[0].status == "ok", second.as_text()
    assert article_url in {r["url"] for r in snapshot(db)["documents"].values()}


def test_database_locked_during_a_source_costs_only_that_source(
        tmp_path: Path, baseline: Baseline, demo_sources: dict[str, Source], extractor: Extractor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """RELIABILITY.md P5: a second connection holds BEGIN IMMEDIATE while a source is stored.

    The first source's feed handler takes the write lock (as a concurrent writer would) and the
    second source's feed handler releases it, so only the first source's write meets the lock.
    Expected: that source is reported failed (db_locked / store_failed), nothing of it written;
    the next source is stored; the run completes with exit status 3.
    """
    import pipeline.store.db as store_db

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)   # wait 0.3 s, not 30 s, for the lock
    db = tmp_path / "run.db"
    shutil.copy(baseline.db, db)
    holder: dict[str, sqlite3.Connection] = {}
    locked_feed = rss([(ARTICLE_TITLE, None, "ICO fine for a letting agency")])
    other_feed = rss([("ICO reprimands Northgate Storage Ltd over lost backups", None, "ICO reprimand")])

    def take_lock(h: FaultHandler, q: dict[str, str]) -> None:
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        holder["lock"] = conn
        h.reply(200, locked_feed, content_type="application/rss+xml; charset=utf-8")

    def release_lock(h: FaultHandler, q: dict[str, str]) -> None:
        conn = holder.pop("lock", None)
        if conn is not None:
            conn.execute("ROLLBACK")
            conn.close()
        h.reply(200, other_feed, content_type="application/rss+xml; charset=utf-8")

    with FaultServer() as server:
        server.route("/feed-takes-lock", take_lock)
        server.route("/feed-releases-lock", release_lock)
        locked = replace(demo_sources[FEED], url=server.url("/feed-takes-lock"), fetch_articles=False)
        other = replace(demo_sources[HEALTHY_SOURCES[0]], url=server.url("/feed-releases-lock"),
                        fetch_articles=False)
        case = FaultCase("database_locked_mid_run", "P5", FEED, _path("/feed-takes-lock"),
                         error_classes=("db_locked", "store_failed"))
        try:
            summary = run_sources(db, [locked, other], archive_dir=tmp_path / "raw",
                                  allow_private_hosts={server.host_port}, limits=LIMITS,
                                  extractor=extractor, progress=False)
        except Exception as exc:
            _report(case, None, lost=len(lost_rows(baseline.before, snapshot(db))), crashed=True,
                    expectation_met=False, detail=repr(exc))
            raise
        finally:
            leftover = holder.pop("lock", None)
            if leftover is not None:
                leftover.execute("ROLLBACK")
                leftover.close()
    statuses = {s.source: s for s in summary.sources}
    assert statuses[FEED].status == "error"
    assert statuses[FEED].error_class in ("db_locked", "store_failed")
    assert statuses[HEALTHY_SOURCES[0]].status == "ok"
    assert summary.exit_status == EXIT_SOME_FAILED
    after = snapshot(db)
    assert lost_rows(baseline.before, after) == []
    urls = {r["url"] for r in after["documents"].values()}
    assert not any("/feed-takes-lock" in u for u in urls)
    assert any("/feed-releases-lock" in u for u in urls)
    runs = after["runs"]
    assert runs[max(runs)]["status"] == "partial"
    _report(case, None, lost=0, crashed=False, expectation_met=True)
