"""The store against a real SQLite file: schema, document versions, runs, transactions."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from pipeline.models import Action, Document, Evidence
from pipeline.store import (
    DatabaseError,
    ensure_db_shape,
    finish_run,
    load_actions,
    mark_incomplete_runs,
    open_db,
    record_source_run,
    save_document,
    save_extraction,
    save_http_state,
    save_raw_records,
    start_run,
)


def make_doc(**overrides: Any) -> Document:
    base = Document(
        url="https://ico.org.uk/action-weve-taken/enforcement/example-ltd/",
        source="ico-enforcement", kind="enforcement_page", title="Example Ltd",
        text="The ICO fined Example Ltd £10,000.", published="2024-05-01",
        fetched_at="2024-05-02T10:00:00Z", outlet="ICO",
        metadata={"ico_page_id": "123", "listed_type": "Monetary penalties", "sector": "Retail",
                  "organisation": "Example Ltd"},
    )
    return replace(base, **overrides)


def schema_snapshot(database) -> list[tuple]:
    return database.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def test_schema_applies_twice_without_change(tmp_path):
    database = open_db(tmp_path / "twice.db")
    ensure_db_shape(database)
    first = schema_snapshot(database)
    ensure_db_shape(database)
    assert schema_snapshot(database) == first
    names = set(database.table_names())
    for table in ("documents", "cases", "organisations", "evidence", "case_documents",
                  "case_history", "documents_fts", "cases_fts", "organisations_fts"):
        assert table in names
    assert {"figure_disagreements", "case_timeline"} <= set(database.view_names())


def test_open_db_settings(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000


def test_open_db_rejects_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is a text file, not SQLite " * 100)
    with pytest.raises(DatabaseError) as excinfo:
        open_db(bogus)
    assert str(bogus) in str(excinfo.value)


def test_open_db_rejects_a_directory(tmp_path):
    with pytest.raises(DatabaseError) as excinfo:
        open_db(tmp_path)
    assert str(tmp_path) in str(excinfo.value)


def test_new_unchanged_changed_keeps_old_text(db):
    doc = make_doc()
    doc_id, change = save_document(db, doc)
    assert change == "new"

    again = replace(doc, fetched_at="2024-05-03T10:00:00Z")
    assert save_document(db, again) == (doc_id, "unchanged")
    row = db["documents"].get(doc_id)
    assert row["last_seen"] == "2024-05-03T10:00:00Z"
    assert row["first_seen"] == "2024-05-02T10:00:00Z"
    assert row["version"] == 1
    assert row["ico_page_id"] == 123 and row["listed_type"] == "Monetary penalties"

    corrected = replace(doc, text="The ICO fined Example Ltd £12,000.",
                        fetched_at="2024-05-04T10:00:00Z")
    assert save_document(db, corrected) == (doc_id, "changed")
    row = db["documents"].get(doc_id)
    assert row["version"] == 2
    assert row["text"] == corrected.text
    versions = list(db["document_versions"].rows)
    assert len(versions) == 1
    assert versions[0]["version"] == 1
    assert versions[0]["text"] == doc.text
    assert versions[0]["fetched_at"] == "2024-05-02T10:00:00Z"

    # A title-only change is a change too, and the second old version is kept as well.
    retitled = replace(corrected, title="Example Limited", fetched_at="2024-05-05T10:00:00Z")
    assert save_document(db, retitled) == (doc_id, "changed")
    assert [v["text"] for v in db["document_versions"].rows_where(order_by="version")] == [
        doc.text, corrected.text]
    assert db["documents"].count == 1


def test_document_full_text_search_follows_changes(db):
    doc_id, _ = save_document(db, make_doc(text="A penalty for nuisance calls."))
    hits = [r["id"] for r in db["documents"].search("nuisance")]
    assert hits == [doc_id]
    save_document(db, make_doc(text="A reprimand for a lost laptop.", fetched_at="2024-06-01T00:00:00Z"))
    assert list(db["documents"].search("nuisance")) == []
    assert [r["id"] for r in db["documents"].search("laptop")] == [doc_id]


def test_extraction_round_trip(db):
    doc = make_doc()
    doc_id, _ = save_document(db, doc)
    action = Action(organisation="Example Ltd", action_type="monetary_penalty", status="final",
                    amount_gbp=10_000, failures=["no_mfa"],
                    evidence={"amount_gbp": Evidence("The ICO fined Example Ltd £10,000.", 0, 34)},
                    organisation_aliases=["Example"])
    save_extraction(db, doc_id, doc, [action], extractor_version="test-1")
    assert load_actions(db, doc_id) == [action]
    # Re-extracting the same content replaces; a new version of the document adds a row.
    save_extraction(db, doc_id, doc, [action], extractor_version="test-2")
    assert db["extractions"].count == 1
    changed = replace(doc, text="Fined £11,000.", fetched_at="2024-06-01T00:00:00Z")
    save_document(db, changed)
    assert load_actions(db, doc_id) is None        # the new content has not been extracted yet
    save_extraction(db, doc_id, changed, [], extractor_version="test-2")
    assert load_actions(db, doc_id) == []
    assert db["extractions"].count == 2


@dataclass
class FakeState:       # the attributes pipeline.fetch.HttpState has
    url: str
    etag: str | None
    last_modified: str | None
    content_sha256: str | None
    last_status: int | None


@dataclass
class FakeRaw:         # the attributes pipeline.fetch.RawRecord has
    sha256: str
    url: str
    fetched_at: str
    status: int
    content_type: str
    source: str
    parser: str
    context: dict = field(default_factory=dict)


def test_http_state_and_raw_records_upsert(db):
    save_http_state(db, [FakeState("https://a/", '"v1"', None, "aa", 200)])
    save_http_state(db, [FakeState("https://a/", '"v2"', "Mon", "bb", 200)])
    rows = list(db["http_state"].rows)
    assert len(rows) == 1 and rows[0]["etag"] == '"v2"' and rows[0]["content_sha256"] == "bb"
    raw = FakeRaw("ff" * 32, "https://a/", "2024-01-01T00:00:00Z", 200, "text/html", "ico",
                  "ico_page", {"listed_date": "2024-01-01"})
    save_raw_records(db, [raw, raw])
    rows = list(db["raw_responses"].rows)
    assert len(rows) == 1 and '"listed_date"' in rows[0]["context_json"]


def test_runs_and_incomplete_runs(tmp_path):
    path = tmp_path / "runs.db"
    first = open_db(path)
    ensure_db_shape(first)
    killed = start_run(first, "run")
    first.close()                  # as if the process had died: never finished

    second = open_db(path)
    assert mark_incomplete_runs(second) == 1
    assert second["runs"].get(killed)["status"] == "incomplete"
    run_id = start_run(second, "demo")
    with second.atomic():
        record_source_run(second, run_id, "ico-enforcement", "2024-01-01T00:00:00Z",
                          {"status": "partial", "items_seen": 3, "items_failed": 1,
                           "failures_json": [{"url": "u", "error_class": "http_5xx", "message": "m"}]})
    finish_run(second, run_id, "partial")
    assert second["runs"].get(run_id)["status"] == "partial"
    source_run = next(second["source_runs"].rows)
    assert source_run["items_seen"] == 3 and '"http_5xx"' in source_run["failures_json"]
    with pytest.raises(ValueError):
        record_source_run(second, run_id, "x", "2024-01-01T00:00:00Z", {"bogus": 1})


def test_failed_transaction_leaves_nothing(db):
    doc_id, _ = save_document(db, make_doc())
    with pytest.raises(RuntimeError):
        with db.atomic():
            save_document(db, make_doc(url="https://example.org/new", kind="article"))
            save_document(db, make_doc(text="changed text", fetched_at="2024-09-09T00:00:00Z"))
            save_http_state(db, [FakeState("https://a/", '"v1"', None, "aa", 200)])
            raise RuntimeError("the source failed half-way")
    assert [r["id"] for r in db["documents"].rows] == [doc_id]
    assert db["documents"].get(doc_id)["version"] == 1
    assert db["document_versions"].count == 0
    assert db["http_state"].count == 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_locked_database_is_reported_by_name(tmp_path, monkeypatch):
    import pipeline.store.db as store_db

    path = tmp_path / "locked.db"
    database = open_db(path)
    ensure_db_shape(database)
    database.close()
    blocker = sqlite3.connect(str(path))
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)   # do not wait the full 30 s here
    try:
        with pytest.raises(DatabaseError) as excinfo:
            open_db(path)
        assert str(path) in str(excinfo.value) and "locked" in str(excinfo.value)
    finally:
        blocker.rollback()
        blocker.close()


def test_failure_types_come_from_the_extractor_taxonomy(db):
    failures = pytest.importorskip("pipeline.extract.failures")
    ensure_db_shape(db, taxonomy=failures.TAXONOMY)     # the caller that runs the extractor passes it
    rows = {r["code"]: r for r in db["failure_types"].rows}
    assert set(failures.TAXONOMY) <= set(rows)
    code, (label, description) = next(iter(failures.TAXONOMY.items()))
    assert rows[code]["label"] == label and rows[code]["description"] == description


def test_a_database_from_before_press_only_gets_the_column(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(str(path))
    old.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, organisation_id TEXT, organisation TEXT, "
                "organisation_aliases TEXT, regulator TEXT NOT NULL DEFAULT 'ICO', action_type TEXT NOT NULL, "
                "status TEXT, amount_gbp INTEGER, provisional_amount_gbp INTEGER, final_amount_gbp INTEGER, "
                "subjects_affected INTEGER, action_date TEXT, year INTEGER, sector TEXT, failures TEXT, "
                "summary TEXT, ico_url TEXT, status_reason TEXT, document_count INTEGER NOT NULL DEFAULT 0, "
                "first_seen TEXT NOT NULL, updated_at TEXT NOT NULL)")
    old.execute("INSERT INTO cases (id, action_type, first_seen, updated_at) VALUES ('a', 'reprimand', 'x', 'x')")
    old.commit()
    old.close()
    database = open_db(path)
    ensure_db_shape(database)
    assert database["cases"].get("a")["press_only"] == 0
