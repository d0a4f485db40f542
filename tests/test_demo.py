"""The demo as a newcomer runs it: the whole pipeline against the offline mirror, twice.

These are the "done when" conditions of the spine and of case linking: one case for Advanced
Computer Software Group with its provisional and final figures in order, every demo article
attached to exactly one case, the same rows after a second run, ingesting a saved article joins
it to its case, and rebuilding the database from the raw archive gives the same case ids.
"""
from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow    # two whole demo runs in subprocesses


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo(db: Path, mirror_port: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", "--no-serve", "--db", str(db),
         "--mirror-port", str(mirror_port)],
        cwd=REPO, capture_output=True, text=True, timeout=600)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


CONTENT_TABLES = {
    "documents": "select url, kind, title, content_sha256, version from documents order by url",
    "cases": "select id, organisation, action_type, status, amount_gbp, provisional_amount_gbp, "
             "final_amount_gbp, subjects_affected, action_date from cases order by id",
    "case_documents": "select case_id, d.url, role from case_documents join documents d "
                      "on d.id = document_id order by 1, 2",
    "case_history": "select case_id, date, status, amount_gbp, subjects_affected from case_history "
                    "order by 1, 2, 3, 4",
    "evidence": "select case_id, field, value, sentence from evidence order by 1, 2, 3, 4",
    "organisations": "select id, name from organisations order by id",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """One demo database built twice on the same mirror port, with snapshots of both."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "enforcement.db"
    port = free_port()
    first = demo(db, port)
    assert first.returncode == 0, first.stderr[-3000:]
    after_first = {name: rows(db, sql) for name, sql in CONTENT_TABLES.items()}
    second = demo(db, port)
    assert second.returncode == 0, second.stderr[-3000:]
    after_second = {name: rows(db, sql) for name, sql in CONTENT_TABLES.items()}
    return {"db": db, "port": port, "first": after_first, "second": after_second,
            "second_output": second.stderr}


def test_second_run_changes_no_row_and_says_nothing_is_new(built):
    for table in CONTENT_TABLES:
        assert built["second"][table] == built["first"][table], table
    assert "Nothing new since the last run." in built["second_output"]
    # The summary says what its columns count ("listed 27, new 37" is not a contradiction).
    assert "new can exceed listed" in built["second_output"]
    statuses = rows(built["db"], "select status from source_runs where run_id = (select max(id) from runs)")
    assert {s for (s,) in statuses} == {"not_modified"}


def test_the_advanced_story_is_one_case_with_its_history(built):
    db = built["db"]
    cases = rows(db, "select id, status, amount_gbp, provisional_amount_gbp, final_amount_gbp "
                     "from cases where organisation like 'Advanced Computer Software%'")
    assert len(cases) == 1, cases
    case_id, status, amount, provisional, final = cases[0]
    assert (provisional, final, amount) == (6_090_000, 3_076_320, 3_076_320)
    assert status in ("final", "reduced")
    history = rows(db, f"select date, status, amount_gbp from case_history h "
                       f"join documents d on d.id = h.document_id "
                       f"where case_id = '{case_id}' and d.outlet = 'ICO' and amount_gbp is not null "
                       f"and date is not null order by date")   # undated: a figure recalled later
    assert history[0][:3] == ("2024-08-07", "provisional", 6_090_000)
    assert history[-1][0].startswith("2025-03") and history[-1][2] == 3_076_320
    # its sources: the ICO's own release, register page and notice, and the press
    kinds = {kind for (kind,) in rows(db, f"select d.kind from case_documents cd join documents d "
                                          f"on d.id = cd.document_id where case_id = '{case_id}'")}
    assert {"press_release", "enforcement_page", "notice", "article"} <= kinds


def test_searching_any_alias_finds_the_organisation(built):
    db = built["db"]
    for alias in ("Advanced", "OneAdvanced", "Advanced Computer Software Group"):
        found = rows(db, "select o.name from organisations_fts f join organisations o "
                         f"on o.rowid = f.rowid where organisations_fts match '\"{alias}\"'")
        assert any(name.startswith("Advanced Computer Software") for (name,) in found), alias


def test_every_demo_article_is_attached_to_exactly_one_case(built):
    counts = rows(built["db"], """
        select d.url, count(cd.case_id) from documents d
        left join case_documents cd on cd.document_id = d.id
        where d.kind = 'article' group by d.id""")
    assert counts
    unattached_or_multiple = [(url, n) for url, n in counts if n != 1]
    assert unattached_or_multiple == []


def test_one_case_per_register_page(built):
    """Each ICO register page is one action: it is in exactly one case, no case holds two pages,
    and a notice PDF is in the case of the page it belongs to. Saga's enforcement notice and
    penalty of one day (two pages that both link both PDFs) are two cases, not four."""
    db = built["db"]
    pages = rows(db, """
        select d.url, count(cd.case_id) from documents d
        left join case_documents cd on cd.document_id = d.id
        where d.kind = 'enforcement_page' group by d.id""")
    assert pages
    assert [(url, n) for url, n in pages if n != 1] == []
    per_case = rows(db, """
        select cd.case_id, count(*) from case_documents cd join documents d on d.id = cd.document_id
        where d.kind = 'enforcement_page' group by cd.case_id having count(*) > 1""")
    assert per_case == []
    regulator_cases = rows(db, "select count(*) from cases where press_only = 0")[0][0]
    assert regulator_cases == len(pages)
    saga = rows(db, """
        select c.action_type, c.ico_url from cases c
        where c.organisation_id = (select organisation_id from cases where ico_url like '%/saga-services-limited-mpn/')
        order by c.action_type""")
    assert [(kind, url.rstrip("/").rsplit("/", 1)[-1]) for kind, url in saga] == [
        ("enforcement_notice", "saga-services-limited-en"), ("monetary_penalty", "saga-services-limited-mpn")]
    pdfs = rows(db, """
        select d.url, c.ico_url from case_documents cd join documents d on d.id = cd.document_id
        join cases c on c.id = cd.case_id where d.kind = 'notice' and d.url like '%/saga-services-limited-%'""")
    assert len(pdfs) == 2
    assert all(pdf.rsplit("/", 1)[-1][:-4] == page.rstrip("/").rsplit("/", 1)[-1] for pdf, page in pdfs)


# A provision cited as breached, written independently of the extractor's own reading of it:
# "in breach of Article 32", "infringed Articles 5(1)(f) and 32", "contravened regulation 22".
CITED_BREACH = re.compile(
    r"\b(?:breach(?:ed|es|ing)?|infring\w*|contraven\w*|violat\w*|fail\w*\s+to\s+comply\s+with|contrary\s+to)"
    r"\s+(?:of\s+)?"
    r"(?:the\s+)?(?:Art(?:icle)?s?\.?|regulations?|reg\.)\s*\d|"
    r"\b(?:Art(?:icle)?s?\.?|regulations?)\s*\d+[^.]{0,60}\b(?:breach(?:ed)?|infring\w*|contraven\w*|violat\w*)\b",
    re.I)


def test_every_register_case_whose_text_cites_a_breached_article_has_failures(built):
    """Issue 11: Reddit, Ticketmaster and the PECR cases cite the articles and regulations they
    broke; their cases must list failures (the taxonomy codes those provisions map to)."""
    db = built["db"]
    texts: dict[str, list[str]] = {}
    for case_id, text in rows(db, """
            select c.id, d.text from cases c join case_documents cd on cd.case_id = c.id
            join documents d on d.id = cd.document_id
            where c.press_only = 0 and d.outlet = 'ICO'"""):
        texts.setdefault(case_id, []).append(text or "")
    citing = {case_id for case_id, parts in texts.items() if any(CITED_BREACH.search(t) for t in parts)}
    assert len(citing) >= 5, citing
    failures = dict(rows(db, "select id, failures from cases"))
    missing = sorted(case_id for case_id in citing if not json.loads(failures[case_id] or "[]"))
    assert missing == []
    reddit = [json.loads(f or "[]") for case_id, f in failures.items() if case_id.startswith("reddit-")]
    assert reddit and {"children_data", "no_lawful_basis"} <= set(reddit[0])


def test_the_reason_for_a_final_figure_is_kept(built):
    reasons = rows(built["db"], "select status_reason from cases "
                                "where organisation like 'Advanced Computer Software%'")
    assert reasons and "representations" in (reasons[0][0] or "")


def test_a_disagreeing_press_figure_is_queryable_with_both_sources(built):
    disagreements = rows(built["db"], "select case_id, field, case_value, document_value, document_url "
                                      "from figure_disagreements")
    assert any(field == "amount_gbp" and int(case_value) == 3_076_320 and int(value) == 3_090_000
               for _, field, case_value, value, _ in disagreements), disagreements


def test_ingesting_a_saved_article_joins_its_case(built, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(built["db"].read_bytes())
    saved = tmp_path / "saved-article.txt"
    saved.write_text(
        "Software supplier fined over ransomware attack\n\n"
        "The Information Commissioner's Office has confirmed a fine of £3,076,320 for Advanced "
        "Computer Software Group Ltd, the IT provider whose systems were hit by ransomware in "
        "August 2022. The regulator said a customer account without multi-factor authentication "
        "let the attackers in.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(saved), "--db", str(db),
                             "--archive", str(tmp_path / "raw")],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    linked = rows(db, f"select c.organisation from case_documents cd join documents d on d.id = cd.document_id "
                      f"join cases c on c.id = cd.case_id where d.url = '{saved.resolve().as_uri()}'")
    assert [name for (name,) in linked] and all(n.startswith("Advanced Computer Software") for (n,) in linked)


def test_rebuilding_from_the_raw_archive_gives_the_same_case_ids(built, tmp_path):
    fresh = tmp_path / "rebuilt.db"
    archive = built["db"].parent / "raw"
    result = subprocess.run([sys.executable, "-m", "pipeline", "reparse", "--db", str(fresh),
                             "--archive", str(archive)],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    original = rows(built["db"], CONTENT_TABLES["case_documents"])
    assert rows(fresh, CONTENT_TABLES["case_documents"]) == original
    assert [r[0] for r in rows(fresh, "select id from cases order by id")] == \
           [r[0] for r in built["first"]["cases"]]
