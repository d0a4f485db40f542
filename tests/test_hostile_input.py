"""Hostile input through the whole pipeline (RELIABILITY.md H1–H5, S8, and bad CLI input).

- Hostile pages and feeds (script tags, javascript: links, event attributes, SVG onload, NUL and
  ANSI escapes in titles) are served on 127.0.0.1 and collected by the real `run_sources`: what
  is stored is plain text, no stored URL has a non-http(s) scheme, control characters are gone.
- A 5,000,000-character document goes through the extractor without an error.
- Bad files given to `extract` and `ingest` (a corrupt PDF, an empty file, a 2 GB sparse file)
  give one clear line naming the file and a non-zero exit, never a traceback; the sparse file is
  refused by its size.
- A hypothesis fuzz run of the extractor over mangled notice text: never raises, always returns
  actions that satisfy the contract in pipeline/models.py.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.extract import TAXONOMY, Extractor
from pipeline.fetch import FetchLimits
from pipeline.models import ACTION_TYPES, STATUSES, Action
from pipeline.run import EXIT_OK, run_sources
from pipeline.sources import load_sources
from tests.faultserver import FaultHandler, FaultServer

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
DEMO_FEEDS = REPO / "pipeline" / "demo" / "feeds.yaml"
LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=2.0, deadline=5.0, retries=0, backoff_seconds=0.01)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKUP = re.compile(r"<\s*/?\s*(script|svg|img|iframe|a|p|div|h1)\b|\bon(load|error|click|mouseover)\s*=",
                    re.IGNORECASE)
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)

# -- hostile fixtures ------------------------------------------------------------------------

HOSTILE_TITLE = "Acme \x00Widgets\x1b[31m Ltd <script>alert('title')</script> fined £90,000"

ARTICLE = """<!doctype html><html><head><meta charset="utf-8">
<title>{title}</title><script>alert('head')</script></head>
<body onload="alert('body')">
<main><article><h1>ICO fines Acme Widgets <script>alert('h1')</script>Ltd £90,000</h1>
<p>The Information Commissioner's Office has fined Acme Widgets Ltd £90,000 after a
<a href="javascript:alert('link')">customer database</a> was left open to the internet.</p>
<p onclick="alert('p')">About 12,000 customers were affected, the regulator said.
<img src="x" onerror="alert('img')"> The company said it had fixed the fault.</p>
<svg onload="alert('svg')"><circle r="4"/></svg>
<p>The ICO said the firm had failed to restrict access to the database and had not
<iframe src="javascript:alert('frame')"></iframe> tested its security for two years.</p>
<p>Acme Widgets Ltd said it accepted the penalty and had appointed a new security officer.</p>
</article></main></body></html>"""

ICO_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main id="main-content" class="container"><article>
<h1 class="text-3xl">{title}</h1>
<ul class="text-sm"><li><span>Date</span> <strong>2 November 2026</strong></li>
<li><span>Type</span> <strong>Monetary penalties</strong></li>
<li><span>Sector</span> <strong>Retail</strong></li></ul>
<div class="prose">
<p>We have fined Acme Widgets Ltd £90,000 <script>alert('prose')</script>for failing to keep
customer data secure.</p>
<p onmouseover="alert('mo')">The company left a database of 12,000 customers open to the internet.
<svg onload="alert('svg')"></svg></p>
<p><a href="javascript:alert('pdf')">Monetary penalty notice (PDF)</a></p>
</div></article></main></body></html>"""


def _reply(body: bytes, content_type: str):
    def route(h: FaultHandler, q: dict[str, str]) -> None:
        h.reply(200, body, content_type=content_type)
    return route


def hostile_feed(article_url: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile &lt;script&gt;alert(1)&lt;/script&gt; Weekly</title>
<link>javascript:alert('channel')</link><description>x</description>
<item><title>ICO fine: &lt;script&gt;alert('feed')&lt;/script&gt; Acme Widgets Ltd fined £90,000</title>
<link>{article_url}</link><guid>hostile-1</guid><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<img src=x onerror="alert('desc')"> ICO fine for Acme <svg onload=alert(1)>]]></description></item>
<item><title>ICO fine: a link that runs script</title><link>javascript:alert('item')</link>
<guid>hostile-2</guid><description>&lt;a href="javascript:alert(2)"&gt;ICO fine&lt;/a&gt;</description></item>
</channel></rss>""".encode("utf-8")


def text_columns(db: Path) -> dict[str, list[tuple[str, str, str]]]:
    """(table, column, value) of every text value in the content tables."""
    conn = sqlite3.connect(db)
    found: dict[str, list[tuple[str, str, str]]] = {}
    try:
        for table in ("documents", "cases", "organisations", "organisation_aliases", "evidence",
                      "case_history", "extractions"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            for row in conn.execute(f"SELECT * FROM [{table}]"):
                for column, value in zip(columns, row):
                    if isinstance(value, str):
                        found.setdefault(table, []).append((table, column, value))
    finally:
        conn.close()
    return found


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> tuple[Path, FaultServer]:
    root = tmp_path_factory.mktemp("hostile")
    db = root / "hostile.db"
    demo = {s.id: s for s in load_sources(DEMO_FEEDS)}
    with FaultServer() as server:
        article = server.url("/press/acme-fined")
        server.route("/press/acme-fined", _reply(ARTICLE.format(title=HOSTILE_TITLE).encode(),
                                                 "text/html; charset=utf-8"))
        server.route("/feed", _reply(hostile_feed(article), "application/rss+xml; charset=utf-8"))
        detail = "/action-weve-taken/enforcement/2026/11/acme-widgets-ltd/"
        server.route(detail, _reply(ICO_PAGE.format(title=HOSTILE_TITLE).encode(), "text/html; charset=utf-8"))
        listing = {"results": [{
            "id": 990001, "title": HOSTILE_TITLE, "url": detail,
            "filterItemMetaData": "2 November 2026, Monetary penalties, Retail",
            "createdDateTime": "2026-11-02T09:00:00.000Z",
            # The API's description is JSON *text*: markup characters in it would be stored as the
            # literal text they are (Datasette escapes them); control characters must still go.
            "description": "We fined Acme Widgets Ltd \u0000\u001b[2J £90,000 for a breach."}],
            "pagination": {"totalResults": 1, "totalPages": 1}}
        server.route("/api/search", _reply(json.dumps(listing).encode(), "application/json"))
        sources = [replace(demo["ico-enforcement"], url=server.url("/api/search")),
                   replace(demo["care-systems-weekly"], url=server.url("/feed"))]
        summary = run_sources(db, sources, archive_dir=root / "raw", allow_private_hosts={server.host_port},
                              limits=LIMITS, extractor=extractor, progress=False)
    assert summary.exit_status == EXIT_OK, summary.as_text()
    return db, server


def test_hostile_pages_are_stored_as_plain_text(hostile_db) -> None:
    db, _ = hostile_db
    values = [v for rows in text_columns(db).values() for v in rows]
    conn = sqlite3.connect(db)
    try:
        titles = [r[0] for r in conn.execute("SELECT title FROM documents")]
        kinds = {r[0] for r in conn.execute("SELECT kind FROM documents")}
    finally:
        conn.close()
    assert {"enforcement_page", "article"} <= kinds, "both hostile sources must have stored something"
    assert any("Acme" in (t or "") for t in titles)
    for table, column, value in values:
        if column in ("actions_json", "metadata_json"):
            value = json.dumps(json.loads(value), ensure_ascii=False)
        assert not MARKUP.search(value), f"markup stored in {table}.{column}: {value[:120]!r}"
        assert not CONTROL.search(value), f"control character stored in {table}.{column}: {value[:120]!r}"
        assert "alert(" not in value or table == "extractions", f"script text in {table}.{column}"


def test_no_stored_link_has_a_script_scheme(hostile_db) -> None:
    db, _ = hostile_db
    conn = sqlite3.connect(db)
    try:
        urls = [r[0] for r in conn.execute(
            "SELECT url FROM documents UNION ALL SELECT parent_url FROM documents "
            "UNION ALL SELECT ico_url FROM cases UNION ALL SELECT url FROM raw_responses "
            "UNION ALL SELECT url FROM http_state") if r[0] is not None]
        metadata = [r[0] for r in conn.execute("SELECT metadata_json FROM documents") if r[0]]
    finally:
        conn.close()
    assert urls
    for url in urls:
        assert url.startswith(("http://", "https://")), url
    for blob in metadata:
        assert "javascript:" not in blob.lower(), blob[:200]


def test_javascript_links_were_never_fetched(hostile_db) -> None:
    _, server = hostile_db
    assert all("alert" not in r.path for r in server.requests)


# -- enormous text ---------------------------------------------------------------------------

NOTICE = """PENALTY NOTICE

Section 155, Data Protection Act 2018

Acme Widgets Limited

1. The Information Commissioner has decided to issue Acme Widgets Limited ("Acme") with a
penalty notice under section 155 of the Data Protection Act 2018.

2. The amount of the monetary penalty is £90,000 (ninety thousand pounds).

3. Between March 2025 and January 2026 Acme stored the personal data of approximately 12,000
customers in a database that could be reached from the internet without a password.

4. Acme failed to put in place appropriate technical and organisational measures, contrary to
Article 5(1)(f) and Article 32 of the UK GDPR. It did not use multi-factor authentication and
had not tested its security controls.

5. The Commissioner initially proposed a penalty of £150,000 in a notice of intent dated
4 August 2026. Having considered Acme's representations, the final penalty is £90,000.

Dated 2 November 2026
"""


def assert_contract(actions: Any) -> None:
    """What pipeline/models.py promises about every Action."""
    assert isinstance(actions, list)
    for action in actions:
        assert isinstance(action, Action)
        assert action.action_type in ACTION_TYPES
        assert action.status is None or action.status in STATUSES
        for amount in (action.amount_gbp, action.provisional_amount_gbp, action.final_amount_gbp,
                       action.subjects_affected):
            assert amount is None or (isinstance(amount, int) and amount >= 0)
        assert set(action.failures) <= set(TAXONOMY)
        assert action.action_date is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", action.action_date)
        assert action.organisation is None or (action.organisation.strip() and "\n" not in action.organisation)
        for evidence in action.evidence.values():
            assert isinstance(evidence.sentence, str) and 0 <= evidence.start <= evidence.end
        json.dumps(action.to_json())


@pytest.mark.slow
def test_five_million_characters_through_the_extractor(extractor: Extractor) -> None:
    filler_words = ("quarterly", "schedule", "annex", "reference", "table", "column", "row", "total")
    filler = " ".join(filler_words[i % len(filler_words)] for i in range(700_000))
    text = (NOTICE + "\n\n" + filler)[:5_000_000].ljust(5_000_000, ".")
    assert len(text) == 5_000_000
    actions = extractor.extract(text, title="Penalty notice: Acme Widgets Limited", kind="notice")
    assert_contract(actions)
    assert any(a.amount_gbp == 90_000 for a in actions), "the notice at the top must still be read"


# -- bad files to the CLI --------------------------------------------------------------------

def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


def bad_file(kind: str, folder: Path) -> Path:
    if kind == "corrupt_pdf":
        path = folder / "notice.pdf"
        path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n\x00\xff garbage, no xref")
    elif kind == "empty":
        path = folder / "empty.txt"
        path.write_bytes(b"")
    else:
        path = folder / "huge.txt"
        with open(path, "wb") as handle:
            handle.truncate(2 * 1024 ** 3)    # 2 GB, sparse: no disk used, reading it would be slow
    return path


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_bad_files_give_one_clear_line_each(command: str, tmp_path: Path) -> None:
    """All three bad files in one call (one spaCy load): a line naming each, exit non-zero."""
    paths = [bad_file(kind, tmp_path) for kind in ("corrupt_pdf", "empty", "sparse_2gb")]
    args = [command, *map(str, paths)]
    if command == "ingest":
        args += ["--db", str(tmp_path / "ingest.db")]
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for path in paths:
        errors = [line for line in result.stderr.splitlines() if path.name in line]
        assert len(errors) == 1, f"{path.name}: {result.stderr}"
        if path.name == "huge.txt":     # refused by its size, not after reading 2 GB
            assert re.search(r"limit|too large", errors[0], re.IGNORECASE), errors[0]
    if command == "ingest" and (tmp_path / "ingest.db").exists():
        conn = sqlite3.connect(tmp_path / "ingest.db")
        try:
            assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        finally:
            conn.close()


# -- fuzzing the extractor -------------------------------------------------------------------

NOTICE_LINES = NOTICE.splitlines()
GARBAGE = st.sampled_from(["£", "££", "£1.2m", "£,", "%PDF", "\x0c", "|||", "Page 3 of 12", "\u00ad",
                           "ﬁ", "000,000,000", "1 January", "Ltd Ltd", "(", ")", "£-5", "\t", "®",
                           "Article 32(1)(b)", "12,000,000,000,000,000,000 people"])


@st.composite
def mangled_notice(draw: st.DrawFn) -> str:
    lines = list(NOTICE_LINES)
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["delete", "duplicate", "garbage", "break_word", "chop", "join"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "garbage":
            lines.insert(i, draw(GARBAGE) + draw(st.text(max_size=20)))
        elif op == "break_word" and lines[i]:
            # OCR-style: a space or a hyphen-newline in the middle of a word, or a letter swapped.
            j = draw(st.integers(0, len(lines[i])))
            piece = draw(st.sampled_from([" ", "-\n", "", "l", "1", "O", "0"]))
            lines[i] = lines[i][:j] + piece + lines[i][j + (1 if piece in ("l", "1", "O", "0") else 0):]
        elif op == "chop":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + lines[i + 1]]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled_notice(), kind=st.sampled_from(["notice", "enforcement_page", "article", None]))
def test_extractor_never_crashes_on_mangled_notices(extractor: Extractor, text: str, kind: str | None) -> None:
    assert_contract(extractor.extract(text, title=None, kind=kind))


# -- what a reader's browser gets -------------------------------------------------------------

# Text that *shows* markup (escaped in the page's HTML), as a security story quoting an attack
# would: after extraction it is literal text with "<" in it.
QUOTED_MARKUP_PAGE = ICO_PAGE.replace(
    "The company left", "The attacker typed &lt;script&gt;alert('quoted')&lt;/script&gt; into the "
    "search box. The company left")
assert QUOTED_MARKUP_PAGE != ICO_PAGE


@pytest.fixture(scope="module")
def literal_markup_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """A page whose visible text quotes markup: stored as the literal text it is, so it is the
    Datasette pages' escaping that must keep it inert (RELIABILITY.md H2)."""
    root = tmp_path_factory.mktemp("literal")
    db = root / "literal.db"
    demo = {s.id: s for s in load_sources(DEMO_FEEDS)}
    with FaultServer() as server:
        detail = "/action-weve-taken/enforcement/2026/11/acme-widgets-ltd/"
        server.route(detail, _reply(QUOTED_MARKUP_PAGE.format(title="Acme Widgets Ltd").encode(),
                                    "text/html; charset=utf-8"))
        listing = {"results": [{
            "id": 990002, "title": "Acme Widgets Ltd", "url": detail,
            "filterItemMetaData": "2 November 2026, Monetary penalties, Retail",
            "createdDateTime": "2026-11-02T09:00:00.000Z",
            "description": "We fined Acme Widgets Ltd £90,000."}],
            "pagination": {"totalResults": 1, "totalPages": 1}}
        server.route("/api/search", _reply(json.dumps(listing).encode(), "application/json"))
        source = replace(demo["ico-enforcement"], url=server.url("/api/search"))
        summary = run_sources(db, [source], archive_dir=root / "raw", allow_private_hosts={server.host_port},
                              limits=LIMITS, extractor=extractor, progress=False)
    assert summary.exit_status == EXIT_OK, summary.as_text()
    return db


def datasette_pages(db: Path, paths: list[str]) -> dict[str, str]:
    """Fetch pages from Datasette in process (no socket), with the settings we serve with."""
    import asyncio

    from datasette.app import Datasette

    from pipeline.publish.serve import SETTINGS

    settings = {k: (v == "on") if v in ("on", "off") else int(v) for k, v in SETTINGS.items()}

    async def fetch() -> dict[str, str]:
        ds = Datasette(immutables=[str(db)], settings=settings)
        pages = {}
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            pages[path] = response.text
        return pages

    return asyncio.run(fetch())


@pytest.mark.parametrize("fixture", ["hostile_db", "literal_markup_db"])
def test_datasette_pages_never_carry_live_script(fixture: str, request: pytest.FixtureRequest) -> None:
    value = request.getfixturevalue(fixture)
    db = value[0] if isinstance(value, tuple) else value
    name = db.stem
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
    finally:
        conn.close()
    paths = [f"/{name}/documents", f"/{name}/cases", f"/{name}/evidence"] + [f"/{name}/documents/{i}" for i in ids]
    pages = datasette_pages(db, paths)
    for path, html in pages.items():
        assert "<script>alert" not in html, path
        assert not re.search(r"<(img|svg|iframe)[^>]*\bon\w+\s*=", html, re.IGNORECASE), path
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE), path
    if fixture == "literal_markup_db":
        # The quoted markup was kept as text, and the reader sees it, escaped.
        conn = sqlite3.connect(db)
        try:
            stored = conn.execute("SELECT count(*) FROM documents WHERE text LIKE '%<script>alert(''quoted'')%'").fetchone()[0]
        finally:
            conn.close()
        assert stored == 1
        assert any("&lt;script&gt;alert(" in html for html in pages.values())
