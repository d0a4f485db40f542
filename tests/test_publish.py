"""The published Datasette site: described, queryable and hardened, checked on the real server.

Everything here runs against the database the whole pipeline builds from the offline mirror
(`demo_db`) and the real Datasette started with our serve command (`datasette_server`).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import feedparser
import pytest

from pipeline.publish.build import PublishError, integrity_problems, publish_database
from pipeline.publish.serve import METADATA_PATH, SETTINGS, ServeError, datasette_command, metadata_for, serve

METADATA = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
DATABASE = METADATA["databases"]["enforcement"]
QUERIES = DATABASE["queries"]


# --- helpers ---------------------------------------------------------------------------------

@contextmanager
def connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection, closed afterwards."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def fts_tables(conn: sqlite3.Connection) -> set[str]:
    return {row["name"] for row in conn.execute(
        "select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%USING FTS%'")}


def public_relations(conn: sqlite3.Connection) -> dict[str, str]:
    """Every table and view a visitor can reach, except SQLite's own and FTS shadow tables."""
    fts = fts_tables(conn)
    relations = {}
    for row in conn.execute("select name, type from sqlite_master where type in ('table', 'view')"):
        name = row["name"]
        if name.startswith("sqlite_") or any(name.startswith(f"{table}_") for table in fts):
            continue
        relations[name] = row["type"]
    return relations


def demo_parameters(db_path: Path) -> dict[str, str]:
    """Values for every canned-query parameter, taken from the demo database itself."""
    with connect(db_path) as conn:
        advanced = conn.execute(
            "select id from cases where organisation like 'Advanced Computer Software%' "
            "order by amount_gbp desc limit 1").fetchone()
        failure = conn.execute(
            "select failure from case_failures group by failure order by count(*) desc limit 1").fetchone()
    assert advanced is not None, "the demo database has the Advanced Computer Software Group case"
    assert failure is not None, "the demo database names at least one failure"
    return {"case_id": advanced["id"], "failure": failure["failure"], "q": "Advanced", "term": "NHS",
            "min_amount": "100000", "days": "14"}


def query_path(name: str, params: dict[str, str], extension: str = ".json") -> str:
    """The URL path of a canned query, with the parameters its SQL uses."""
    wanted = {key: value for key, value in params.items()
              if re.search(rf":{key}\b", QUERIES[name]["sql"])}
    if extension == ".json":
        wanted = {"_shape": "objects", **wanted}
    query = urllib.parse.urlencode(wanted)
    return f"/enforcement/{name}{extension}" + (f"?{query}" if query else "")


# --- metadata: every table and column described ------------------------------------------------

def test_every_table_and_column_in_the_demo_db_is_described(demo_db):
    tables = DATABASE["tables"]
    missing = []
    with connect(demo_db) as conn:
        fts = fts_tables(conn)
        for name in public_relations(conn):
            described = tables.get(name, {})
            if not described.get("description"):
                missing.append(f"table {name}")
            if name in fts:
                continue  # an index mirrors its content table's columns, described there
            columns = [row["name"] for row in conn.execute(f"pragma table_info([{name}])")]
            missing += [f"{name}.{column}" for column in columns
                        if not described.get("columns", {}).get(column)]
    assert not missing, "undescribed in metadata.json: " + ", ".join(missing)


def test_metadata_describes_nothing_that_does_not_exist(demo_db):
    stale = []
    with connect(demo_db) as conn:
        relations = public_relations(conn)
        for name, table in DATABASE["tables"].items():
            if name not in relations:
                stale.append(f"table {name}")
                continue
            columns = {row["name"] for row in conn.execute(f"pragma table_info([{name}])")}
            stale += [f"{name}.{column}" for column in table.get("columns", {}) if column not in columns]
            for key in ("sort", "sort_desc", "label_column"):
                if key in table and table[key] not in columns:
                    stale.append(f"{name} {key}={table[key]}")
            facets = [facet["array"] if isinstance(facet, dict) else facet for facet in table.get("facets", [])]
            stale += [f"{name} facet {facet}" for facet in facets if facet not in columns]
    assert not stale, "metadata.json names what the database lacks: " + ", ".join(stale)


def test_metadata_states_licence_source_and_units():
    assert "Open Government Licence v3.0" in METADATA["license"]
    assert METADATA["license_url"].startswith("https://www.nationalarchives.gov.uk/")
    assert METADATA["source_url"].startswith("https://ico.org.uk/")
    money_columns = [f"{table}.{column}" for table, spec in DATABASE["tables"].items()
                     for column, text in spec.get("columns", {}).items() if column.endswith("_gbp")]
    assert money_columns
    for column in money_columns:
        table, name = column.split(".")
        assert "GBP" in DATABASE["tables"][table]["columns"][name], column
    assert DATABASE["tables"]["cases"]["sort_desc"] == "action_date"
    assert {facet for facet in DATABASE["tables"]["cases"]["facets"] if isinstance(facet, str)} >= {
        "action_type", "status", "sector", "year"}
    assert {"array": "topic"} in DATABASE["tables"]["cases"]["facets"]
    assert {"http_state", "raw_responses", "extractions"} <= {
        name for name, spec in DATABASE["tables"].items() if spec.get("hidden")}


# --- canned queries and feeds on the real server -------------------------------------------------

@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_runs_on_the_demo_db(name, demo_db, datasette_server):
    status, _, body = datasette_server.get(query_path(name, demo_parameters(demo_db)))
    data = json.loads(body)
    assert status == 200, data
    assert data["ok"] is True
    assert isinstance(data["rows"], list)


def test_largest_fines_are_sorted_and_only_fines(datasette_server):
    rows = datasette_server.get_json("/enforcement/largest_fines.json?_shape=array")
    assert rows, "the demo has fines"
    amounts = [row["amount_gbp"] for row in rows]
    assert amounts == sorted(amounts, reverse=True)
    assert all(isinstance(amount, int) for amount in amounts)


def test_provisional_vs_final_shows_the_advanced_reduction(datasette_server):
    rows = datasette_server.get_json("/enforcement/provisional_vs_final.json?_shape=array")
    advanced = [row for row in rows if (row["organisation"] or "").startswith("Advanced Computer Software")]
    # The demo's story: £6.09m announced in August 2024, £3,076,320 imposed in March 2025.
    assert any(row["provisional_amount_gbp"] == 6_090_000 and row["final_amount_gbp"] == 3_076_320
               and row["change_gbp"] == 3_076_320 - 6_090_000 for row in advanced), advanced
    for row in rows:  # the change column is computed, never stored: check it everywhere
        if row["final_amount_gbp"] is not None:
            assert row["change_gbp"] == row["final_amount_gbp"] - row["provisional_amount_gbp"]


def test_search_returns_cases_with_marked_matches(datasette_server):
    rows = datasette_server.get_json("/enforcement/search.json?_shape=array&q=Advanced")
    assert any(row["organisation"].startswith("Advanced Computer Software") for row in rows), rows
    # Matches are marked with two control characters the HTML page turns into <mark>, never "**".
    assert all("\x02" in row["matched"] and "\x03" in row["matched"] for row in rows)
    assert not any("**" in row["matched"] for row in rows)


def test_search_finds_a_case_through_its_coverage(datasette_server):
    # "exfiltrated" appears only in the notice about Advanced, never in the case row itself.
    rows = datasette_server.get_json("/enforcement/search.json?_shape=array&q=exfiltrated")
    advanced = [row for row in rows if row["organisation"].startswith("Advanced")]
    assert advanced and advanced[0]["matching_documents"] >= 1, rows
    rows = datasette_server.get_json("/enforcement/search.json?_shape=array&q=NHS")
    assert [row["case_id"] for row in rows if row["organisation"].startswith("Advanced")], rows


@pytest.mark.parametrize("words", ["ransom*", "ransomware OR zzqqnothing", "NEAR(ransomware attack, 20)"])
def test_search_accepts_full_text_syntax(datasette_server, words):
    rows = datasette_server.get_json("/enforcement/search.json?_shape=array&q=" + urllib.parse.quote(words))
    assert any(row["organisation"].startswith("Advanced") for row in rows), (words, rows)


@pytest.mark.parametrize("words", ['"NHS" OR ( NEAR', "£3,076,320", "multi-factor", 'title:x "'])
def test_search_falls_back_to_a_phrase_when_the_syntax_is_invalid(datasette_server, words):
    for query in ("search", "search_documents"):
        status, _, body = datasette_server.get(f"/enforcement/{query}.json?_shape=objects&q=" + urllib.parse.quote(words))
        assert status == 200, body


def test_search_page_highlights_and_links_the_case(datasette_server):
    _, _, body = datasette_server.get("/enforcement/search?q=NHS")
    page = body.decode()
    assert "<mark>NHS</mark>" in page and "**" not in page
    assert 'href="/enforcement/cases/advanced-computer-software' in page


def test_case_links_to_sources_and_evidence(demo_db, datasette_server):
    case_id = demo_parameters(demo_db)["case_id"]
    coverage = datasette_server.get_json(
        "/enforcement/case_coverage.json?_shape=array&case_id=" + urllib.parse.quote(case_id))
    assert len(coverage) >= 2 and any(row["outlet"] for row in coverage)
    evidence = datasette_server.get_json(
        "/enforcement/case_evidence.json?_shape=array&case_id=" + urllib.parse.quote(case_id))
    assert evidence and all(row["sentence"] and row["url"] for row in evidence)
    # The row page lists the rows of other tables pointing at the case (foreign keys).
    status, _, body = datasette_server.get("/enforcement/cases/" + urllib.parse.quote(case_id, safe=""))
    page = body.decode()
    assert status == 200
    assert "Links from other tables" in page
    assert "case_documents" in page and "evidence" in page
    # ...and our case template links straight to the coverage, evidence and timeline queries.
    encoded = urllib.parse.quote_plus(case_id)
    for query in ("case_coverage", "case_evidence", "timeline_of_case"):
        assert f"/enforcement/{query}?case_id={encoded}" in page, query


def atom(datasette_server, path: str):
    status, headers, body = datasette_server.get(path)
    assert status == 200, body[-500:]
    assert headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.author == "Enforcement Monitor", "a feed-level author"
    return feed


def test_new_actions_feed_links_to_case_pages_here(datasette_server):
    feed = atom(datasette_server, "/feeds/new-actions.atom")
    assert feed.entries
    for entry in feed.entries:
        assert entry.id.startswith("urn:enforcement-monitor:case:")
        case_id = entry.id.rsplit(":", 1)[1]
        assert entry.link == datasette_server.url("/enforcement/cases/" + case_id)
        assert entry.published and entry.updated


@pytest.mark.parametrize("amount", ["1000000", "£1,000,000", "1m", "1000k", "£1 million"])
def test_fines_feed_reads_amounts_as_people_write_them(datasette_server, amount):
    feed = atom(datasette_server, "/feeds/fines.atom?over=" + urllib.parse.quote(amount))
    rows = datasette_server.get_json("/enforcement.json?_shape=array&sql=" + urllib.parse.quote(
        "select id from cases where action_type = 'monetary_penalty' and amount_gbp >= 1000000"))
    assert sorted(entry.id.rsplit(":", 1)[1] for entry in feed.entries) == sorted(row["id"] for row in rows)
    assert "£1,000,000" in feed.feed.title


@pytest.mark.parametrize("amount", ["lots", "£1,00o", "-5"])
def test_fines_feed_answers_a_bad_amount_with_one_error_entry(datasette_server, amount):
    feed = atom(datasette_server, "/feeds/fines.atom?over=" + urllib.parse.quote(amount))
    assert [entry.id for entry in feed.entries] == ["urn:enforcement-monitor:error"]
    assert "100k" in feed.entries[0].title


def test_search_feed_matches_the_term(datasette_server):
    feed = atom(datasette_server, "/feeds/search.atom?q=NHS")
    assert [entry for entry in feed.entries if "Advanced" in entry.title], feed.entries


def test_organisation_feed_follows_any_name(datasette_server):
    feed = atom(datasette_server, "/feeds/organisation.atom?name=OneAdvanced")
    assert feed.entries and all("Advanced" in entry.title for entry in feed.entries)


def test_old_cases_are_dated_by_the_action_not_announced_as_news(datasette_server):
    # The demo database was built minutes ago: every case was "first seen" today.
    feed = atom(datasette_server, "/feeds/new-actions.atom")
    old = [entry for entry in feed.entries if entry.published[:4] < "2026"]
    assert old and all(entry.updated == entry.published for entry in old)


@pytest.mark.parametrize("path", ["/feeds/search.atom?q=zzqqxnothing", "/feeds/fines.atom?over=999999999999"])
def test_a_feed_with_nothing_to_say_is_still_valid(datasette_server, path):
    feed = atom(datasette_server, path)
    assert [entry.id for entry in feed.entries] == ["urn:enforcement-monitor:nothing-yet"]


def test_home_page_lists_the_ready_feeds(datasette_server):
    _, _, body = datasette_server.get("/")
    page = body.decode()
    for name in ("new-actions", "fines", "search", "organisation"):
        assert f"/feeds/{name}.atom" in page, name


# --- numbers, links and exports --------------------------------------------------------------------

def test_amounts_are_pounds_in_html_and_integers_in_json_and_csv(datasette_server):
    _, _, body = datasette_server.get("/enforcement/largest_fines")
    assert "£3,076,320" in body.decode()
    rows = datasette_server.get_json("/enforcement/largest_fines.json?_shape=array")
    assert 3076320 in [row["amount_gbp"] for row in rows]
    _, _, csv = datasette_server.get("/enforcement/largest_fines.csv")
    assert b",3076320," in csv and "£".encode() not in csv.split(b"\n")[1]


def test_largest_fines_names_the_failures(datasette_server):
    rows = datasette_server.get_json("/enforcement/largest_fines.json?_shape=array")
    advanced = next(row for row in rows if row["organisation"].startswith("Advanced"))
    assert "No multi-factor authentication" in advanced["failures_named"]


def test_ids_are_links_in_canned_queries(datasette_server):
    _, _, body = datasette_server.get("/enforcement/latest_actions")
    assert re.search(r'<a href="/enforcement/cases/[^"]+">', body.decode())
    _, _, body = datasette_server.get("/enforcement/search_documents?q=NHS")
    assert re.search(r'<a href="/enforcement/documents/\d+">', body.decode())


def test_csv_for_excel_starts_with_a_byte_order_mark(datasette_server):
    _, _, body = datasette_server.get("/enforcement/largest_fines")
    assert "_bom=1" in body.decode()
    status, _, csv = datasette_server.get("/enforcement/largest_fines.csv?_bom=1&_dl=1")
    assert status == 200 and csv.startswith(b"\xef\xbb\xbfcase_id,")
    _, _, plain = datasette_server.get("/enforcement/largest_fines.csv")
    assert plain.startswith(b"case_id,")


def test_column_notes_are_folded_away(datasette_server):
    _, _, body = datasette_server.get("/enforcement/cases")
    page = body.decode()
    assert '<details class="about-columns">' in page and "About these columns" in page


def test_canned_queries_hide_their_sql():
    assert all(query.get("hide_sql") is True for query in QUERIES.values())


# --- hardening, checked on the running server ---------------------------------------------------

def test_hardening_settings_are_in_force(datasette_server):
    settings = datasette_server.get_json("/-/settings.json")
    for name, value in SETTINGS.items():
        if value in ("on", "off"):
            expected: object = value == "on"
        else:
            expected = int(value)
        assert settings[name] == expected, name
    assert settings["trace_debug"] is False and settings["template_debug"] is False


def test_database_is_served_immutable(datasette_server):
    databases = datasette_server.get_json("/-/databases.json")
    assert [db["is_mutable"] for db in databases] == [False]


def test_datasette_has_the_security_fixes(datasette_server):
    version = datasette_server.get_json("/-/versions.json")["datasette"]["version"]
    numbers = tuple(int(part) for part in re.findall(r"\d+", version)[:3])
    assert numbers >= (0, 65, 3), version


def test_trace_parameter_gives_no_trace(datasette_server):
    data = datasette_server.get_json("/enforcement/cases.json?_trace=1")
    assert "_trace" not in data
    _, _, body = datasette_server.get("/enforcement/cases?_trace=1")
    assert b"traceback" not in body.lower() and b'"traces"' not in body


def test_page_size_is_capped(datasette_server):
    status, _, body = datasette_server.get("/enforcement/documents.json?_size=5000")
    assert status == 400 and b"1000" in body
    sql = "with recursive n(x) as (select 1 union all select x + 1 from n limit 5000) select x from n"
    data = datasette_server.get_json("/enforcement.json?_shape=objects&sql=" + urllib.parse.quote(sql))
    assert len(data["rows"]) == 1000 and data["truncated"] is True


def test_runaway_sql_is_interrupted(datasette_server):
    sql = "with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n"
    status, _, body = datasette_server.get("/enforcement.json?sql=" + urllib.parse.quote(sql))
    assert status == 400 and b"Interrupted" in body


def test_no_open_redirect_and_no_column_name_injection(datasette_server):
    status, headers, _ = datasette_server.get("//example.com/")
    assert not headers.get("location", "").startswith(("//example.com", "http://example.com", "https://example.com"))
    # GHSA-w3hf-fcg5-p4cc: a "]" in a filter's column name must not reach the SQL unescaped.
    status, _, body = datasette_server.get("/enforcement/cases.json?x%5D__arraycontains=1")
    assert status == 400, body


def test_one_request_cannot_build_a_huge_value(datasette_server):
    # Issue 14 #2: this returned 1 GB with HTTP 200 and took Datasette to 5.8 GB of memory.
    for blob in (499_999_999, 200_000_000):
        sql = f"select hex(zeroblob({blob}))"
        status, _, body = datasette_server.get("/enforcement.json?sql=" + urllib.parse.quote(sql))
        assert status == 400 and len(body) < 10_000, (status, body[:300])
        assert b"too big" in body
    # Many values each under the per-value bound still stop at the response bound.
    sql = "with recursive n(x) as (select 1 union all select x + 1 from n limit 1000) select hex(zeroblob(900000)) from n"
    status, _, body = datasette_server.get("/enforcement.json?sql=" + urllib.parse.quote(sql))
    assert status == 400 and len(body) < 10_000 and b"32 MB" in body, (status, body[:300])
    # ...and the site keeps answering.
    status, _, _ = datasette_server.get("/enforcement/cases.json")
    assert status == 200


def test_the_bounds_are_the_ones_security_md_states():
    from pipeline.publish import limits

    text = (Path(__file__).resolve().parents[1] / "SECURITY.md").read_text(encoding="utf-8")
    for figure in (limits.MAX_VALUE_BYTES, limits.MAX_RESPONSE_BYTES, limits.MAX_ROW_TEXT_BYTES):
        assert f"{figure // 1_000_000} MB" in text, figure
    assert f"{limits.MAX_COLUMNS} columns" in text


@pytest.mark.parametrize("path", ["/nothing-here", "/enforcement/cases", "/-/permissions"])
def test_post_gets_one_line_405_not_a_traceback(datasette_server, path):
    request = urllib.request.Request(datasette_server.url(path), data=b"x=1", method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a POST was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 405
        assert error.read().decode().count("\n") == 1
    time.sleep(0.2)  # the server's log line is read by a thread
    after = list(datasette_server.output)[-3:]
    assert any("POST" in line and "405" in line for line in after), after
    assert not [line for line in after if "Traceback" in line], after


# --- the serve command and publishing -------------------------------------------------------------

def test_serve_command_is_hardened(tmp_path):
    db = tmp_path / "enforcement.db"
    command = datasette_command(db)
    assert command[1:4] == ["-m", "datasette", "serve"]
    assert command[command.index("-i") + 1] == str(db.resolve())
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8001"
    for flag in ("--root", "--cors", "--crossdb", "--reload", "--load-extension", "--nolock"):
        assert flag not in command
    pairs = {command[i + 1]: command[i + 2] for i, part in enumerate(command) if part == "--setting"}
    assert pairs == SETTINGS


def test_serve_refuses_a_missing_database_rather_than_show_an_empty_site(tmp_path):
    with pytest.raises(ServeError, match="No database"):
        serve(tmp_path / "missing.db", port=0)


@pytest.mark.parametrize("content", [b"\x00\x01random bytes" * 100, b"", b"SQLite format 3\x00" + b"\xff" * 50])
def test_serve_refuses_a_file_that_is_not_sqlite(tmp_path, content):
    bad = tmp_path / "enforcement.db"
    bad.write_bytes(content)
    with pytest.raises(ServeError, match="SQLite"):
        serve(bad, port=0)


def test_serve_refuses_a_truncated_database(demo_db, tmp_path):
    truncated = tmp_path / "enforcement.db"
    truncated.write_bytes(demo_db.read_bytes()[:5000])
    with pytest.raises(ServeError):
        serve(truncated, port=0)


def test_serve_names_a_busy_port_and_a_bad_one(demo_db):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} .* in use"):
            serve(demo_db, port=port)
    with pytest.raises(ServeError, match="99999 is not a port"):
        serve(demo_db, port=99999)


def test_renamed_metadata_is_removed_when_serve_ends(tmp_path):
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from pipeline.publish.serve import metadata_for; "
              "print(metadata_for(Path(sys.argv[1])))")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "other.db")],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out and not Path(out).exists() and not Path(out).parent.exists()


def test_metadata_follows_a_differently_named_database(tmp_path):
    renamed = json.loads(metadata_for(tmp_path / "demo.db").read_text(encoding="utf-8"))
    assert list(renamed["databases"]) == ["demo"]
    assert renamed["databases"]["demo"]["queries"].keys() == QUERIES.keys()
    assert metadata_for(tmp_path / "enforcement.db") == METADATA_PATH


def table_counts(db_path: Path) -> dict[str, int]:
    """Rows of every table and view: the published copy stores some views as tables, same rows."""
    with connect(db_path) as conn:
        return {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0]
                for name in public_relations(conn)}


def test_publish_database_makes_a_checked_single_file_copy(demo_db, tmp_path):
    published = publish_database(demo_db, tmp_path / "site" / "enforcement.db")
    assert integrity_problems(published) == []
    assert table_counts(published) == table_counts(demo_db)
    assert sorted(p.name for p in published.parent.iterdir()) == ["enforcement.db"]


def corrupt(path: Path) -> None:
    """Overwrite the middle half of a database file with garbage, leaving the header intact."""
    data = bytearray(path.read_bytes())
    start, end = len(data) // 4, 3 * len(data) // 4
    data[start:end] = bytes((i * 37 + 11) % 256 for i in range(end - start))
    path.write_bytes(bytes(data))


def test_publish_refuses_a_corrupted_database_and_keeps_the_old_one(demo_db, tmp_path):
    published = publish_database(demo_db, tmp_path / "site" / "enforcement.db")
    before = published.read_bytes()
    broken = tmp_path / "working.db"
    broken.write_bytes(demo_db.read_bytes())
    corrupt(broken)
    assert integrity_problems(broken), "the corruption is visible to integrity_check"
    with pytest.raises(PublishError, match="integrity_check|cannot"):
        publish_database(broken, published)
    assert published.read_bytes() == before
    assert sorted(p.name for p in published.parent.iterdir()) == ["enforcement.db"]


def test_publish_removes_temporary_files_of_killed_publishes(demo_db, tmp_path):
    import subprocess
    import sys

    site = tmp_path / "site"
    site.mkdir()
    # A process that has ended: its pid is free (reuse within the test is practically impossible).
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = site / f".enforcement.db.tmp-{dead.pid}"
    stale.write_bytes(b"x" * 1000)
    alive = site / f".enforcement.db.tmp-{os.getppid()}"   # a running process: another publish
    alive.write_bytes(b"y")
    unrelated = site / ".enforcement.db.tmp-notapid"
    unrelated.write_bytes(b"z")
    publish_database(demo_db, site / "enforcement.db")
    assert not stale.exists()
    assert alive.exists() and unrelated.exists()


def test_publish_refuses_a_file_that_is_not_a_database(tmp_path):
    published = tmp_path / "enforcement.db"
    published.write_bytes(b"yesterday's good file")
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("this is not SQLite\n" * 100)
    with pytest.raises(PublishError):
        publish_database(not_a_db, published)
    with pytest.raises(PublishError, match="no such database"):
        publish_database(tmp_path / "missing.db", published)
    assert published.read_bytes() == b"yesterday's good file"


def test_every_case_has_a_topic_and_nhs_finds_the_nhs_case(demo_db, datasette_server):
    with connect(demo_db) as conn:
        assert not conn.execute("select id from cases where topic is null or topic = '[]'").fetchall()
    rows = datasette_server.get_json("/enforcement/cases.json?_shape=array&_search=NHS")
    assert [row["id"] for row in rows if row["id"].startswith("advanced-computer-software")], rows
    _, _, body = datasette_server.get("/enforcement/cases?_facet_array=topic")
    assert ">NHS<" in body.decode()
