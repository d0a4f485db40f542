"""Linking a document costs the same whatever the archive's size: every statement on the hot
path (saving a document and its extraction, linking it) looks rows up through an index.

The statements are the ones really executed: SQLite's trace hook records them while documents
of every kind are linked into a database that already holds cases, and EXPLAIN QUERY PLAN of
each must show no SCAN of a table that grows with the archive (a SEARCH, or a scan of a tiny
fixed table, is fine).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.link import link_document
from pipeline.models import Action, Document, DocumentKind, Evidence
from pipeline.store import ensure_db_shape, open_db, save_document, save_extraction

# Tables that do not grow with the archive: a full scan of them costs the same at any size.
FIXED_TABLES = {"failure_types", "sqlite_master", "sqlite_schema"}


def _penalty(organisation: str | None, **fields) -> Action:
    evidence = {"amount_gbp": Evidence(f"{organisation} was fined.", 0, 10)}
    return Action(organisation=organisation, action_type=fields.pop("action_type", "monetary_penalty"),
                  evidence=evidence, **fields)


def hot_path_statements(tmp_path: Path) -> list[tuple[str, list[tuple]]]:
    """Every statement saving and linking documents of each kind runs, in a database holding
    other cases already."""
    db = open_db(tmp_path / "plans.db")
    ensure_db_shape(db)
    rules = tmp_path / "organisations.yaml"
    rules.write_text("merge: []\nsplit: []\n")

    def add(url: str, kind: DocumentKind, published: str, actions: list[Action], *, parent: str | None = None,
            text: str | None = None) -> None:
        doc = Document(url=url, source="test", kind=kind, title=url, text=text or f"text of {url}",
                       published=published, fetched_at="2025-01-01T00:00:00Z", parent_url=parent)
        with db.atomic():
            document_id, _ = save_document(db, doc)
            save_extraction(db, document_id, doc, actions, extractor_version="test")
            link_document(db, document_id, doc, actions, rules_path=rules)

    for n in range(40):
        add(f"https://ico.example/enforcement/org-{n}/", "enforcement_page", f"2024-01-{n % 28 + 1:02d}",
            [_penalty(f"Organisation {n} Ltd", status="final", amount_gbp=1000 * (n + 1),
                      company_number=f"0{n}")])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    add("https://ico.example/enforcement/mod/", "enforcement_page", "2024-08-07",
        [_penalty("Ministry of Defence", status="final", amount_gbp=350_000, failures=["no_mfa"],
                  company_number="X1")])
    add("https://ico.example/media/mod.pdf", "notice", "2024-08-07",
        [_penalty("Ministry of Defence", status="final", amount_gbp=350_000, provisional_amount_gbp=700_000)],
        parent="https://ico.example/enforcement/mod/")
    add("https://news.example/1", "article", "2024-08-08", [_penalty("MoD", amount_gbp=350_000)])
    add("https://news.example/2", "article", "2024-08-08", [_penalty(None, amount_gbp=350_000)],
        text="The Ministry of Defence was fined £350,000.")
    add("https://news.example/3", "article", "2024-08-09", [_penalty("Someone Unknown", amount_gbp=2_000)],
        text="Organisation 1 was fined £2,000.")
    add("https://news.example/1", "article", "2024-08-08", [_penalty("MoD", amount_gbp=350_001)])  # relinked
    add("https://ico.example/news/mod/", "press_release", "2024-08-07",
        [_penalty("Ministry of Defence", status="final", amount_gbp=350_000)])
    db.conn.set_trace_callback(None)
    plans = [(s, db.execute("EXPLAIN QUERY PLAN " + s).fetchall()) for s in statements
             if s.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT", "WITH"))]
    db.close()
    return plans


def growing_scans(plan: list[tuple]) -> list[str]:
    """The plan steps that read a whole table (or index) that grows with the archive."""
    scans = []
    for row in plan:
        detail = row[3]
        if not detail.startswith("SCAN "):
            continue
        target = detail.split()[1]
        if target in FIXED_TABLES or target.startswith(("json_each", "(subquery", "CONSTANT")):
            continue
        scans.append(detail)
    return scans


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> list[tuple[str, list[tuple]]]:
    return hot_path_statements(tmp_path_factory.mktemp("plans"))


def test_no_hot_path_statement_scans_a_growing_table(plans):
    offenders = {statement[:200]: growing_scans(plan) for statement, plan in plans if growing_scans(plan)}
    assert offenders == {}


def test_the_hot_path_was_really_exercised(plans):
    """The trace saw the lookups the index-based linking depends on (so the test above checked them)."""
    text = "\n".join(statement for statement, _ in plans)
    for needle in ("organisation_acronyms WHERE acronym", "first_word =", "WHERE c.organisation_id =",
                   "company_number =", "INSERT INTO case_history", "FROM documents WHERE url ="):
        assert needle in text, needle
    assert len(plans) > 50
