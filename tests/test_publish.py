"""The published Datasette site: described, queryable and hardened, checked on the real server.

Everything here runs against the database the whole pipeline builds from the offline mirror
(`demo_db`) and the real Datasette started with our serve command (`datasette_server`).
"""
from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import feedparser
import pytest

from pipeline.publish.build import PublishError, integrity_problems, publish_database
from pipeline.publish.serve import METADATA_PATH, SETTINGS, datasette_command, metadata_for, serve

METADATA = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
DATABASE = METADATA["databases"]["enforcement"]
QUERIES = DATABASE["queries"]
FEED_QUERIES = [name for name, query in QUERIES.items() if "atom_updated" in query["sql"]]


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
            stale += [f"{name} facet {facet}" for facet in table.get("facets", []) if facet not in columns]
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
    assert set(DATABASE["tables"]["cases"]["facets"]) >= {"action_type", "status", "sector", "year", "regulator"}
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


def test_search_finds_the_case_with_a_highlighted_snippet(datasette_server):
    rows = datasette_server.get_json("/enforcement/search.json?_shape=array&q=Advanced")
    cases = [row for row in rows if row["kind"] == "case"]
    assert any(row["title"].startswith("Advanced Computer Software") for row in cases), rows
    assert all("**" in row["snippet"] for row in rows)
    assert any(row["kind"] == "document" for row in rows)


def test_search_treats_query_syntax_as_text(datasette_server):
    # Quotes and FTS operators in the box must not become an SQL or FTS syntax error.
    status, _, body = datasette_server.get("/enforcement/search.json?_shape=objects&q=" +
                                           urllib.parse.quote('"NHS" OR ( NEAR'))
    assert status == 200, body


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


def test_new_cases_feed_is_valid_atom(datasette_server):
    status, headers, body = datasette_server.get("/enforcement/new_cases_feed.atom")
    assert status == 200 and "xml" in headers["content-type"]
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == QUERIES["new_cases_feed"]["title"]
    assert feed.entries
    assert all(entry.id.startswith("urn:enforcement-monitor:case:") for entry in feed.entries)


def test_fines_over_feed_honours_its_threshold(datasette_server):
    rows = datasette_server.get_json("/enforcement/fines_over_feed.json?_shape=array&min_amount=1000000")
    assert rows and all(row["amount_gbp"] >= 1_000_000 for row in rows)
    everything = datasette_server.get_json("/enforcement/fines_over_feed.json?_shape=array&min_amount=1")
    assert len(everything) >= len(rows)
    status, _, body = datasette_server.get("/enforcement/fines_over_feed.atom?min_amount=1000000")
    assert status == 200
    assert len(feedparser.parse(body).entries) == len(rows)


def test_search_feed_matches_the_term(datasette_server):
    status, _, body = datasette_server.get("/enforcement/search_feed.atom?term=NHS")
    assert status == 200
    feed = feedparser.parse(body)
    assert feed.entries
    for entry in feed.entries:
        text = (entry.title + " " + entry.get("summary", "")).lower()
        assert "nhs" in text, entry


@pytest.mark.parametrize("path", ["/enforcement/search_feed.atom?term=zzqqxnothing",
                                  "/enforcement/fines_over_feed.atom?min_amount=999999999999"])
def test_a_feed_with_nothing_to_say_is_still_valid(datasette_server, path):
    status, _, body = datasette_server.get(path)
    assert status == 200, body[-500:]
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.id for entry in feed.entries] == ["urn:enforcement-monitor:nothing-yet"]


def test_every_feed_query_has_the_atom_columns():
    for name in FEED_QUERIES:
        for column in ("atom_id", "atom_title", "atom_updated", "atom_link", "atom_content"):
            assert f"as {column}" in QUERIES[name]["sql"], (name, column)
    assert {"new_cases_feed", "fines_over_feed", "search_feed"} <= set(FEED_QUERIES)


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
    with pytest.raises(FileNotFoundError, match="No database"):
        serve(tmp_path / "missing.db", port=0)


def test_metadata_follows_a_differently_named_database(tmp_path):
    renamed = json.loads(metadata_for(tmp_path / "demo.db").read_text(encoding="utf-8"))
    assert list(renamed["databases"]) == ["demo"]
    assert renamed["databases"]["demo"]["queries"].keys() == QUERIES.keys()
    assert metadata_for(tmp_path / "enforcement.db") == METADATA_PATH


def table_counts(db_path: Path) -> dict[str, int]:
    with connect(db_path) as conn:
        return {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0]
                for name, kind in public_relations(conn).items() if kind == "table"}


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
