"""A round-up, end to end: one file ingested → one case per action it reports, on a real SQLite db.

The round-up text (tests/test_extract_other_cases.py) is written for the tests with real ICO
cases' public facts. It goes through the real path (`ingest_files`: read, extract with the
session's extractor, link, store); the ICO releases that come first are built by hand, as in
tests/test_link.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.extract import Extractor
from pipeline.ingest import ingest_files
from pipeline.link import link_document
from pipeline.models import Action, Document
from pipeline.store import open_db, save_document, save_extraction
from tests.test_extract_other_cases import ROUND_UP

EXPECTED = {
    # organisation name as extracted -> (action type, amount)
    ("23andMe", "monetary_penalty"): 2_310_000,
    ("Tuckers Solicitors LLP", "monetary_penalty"): 98_000,
    ("Clearview AI Inc", "monetary_penalty"): 7_552_800,
    ("Clearview AI Inc", "enforcement_notice"): None,
    ("NHS Fife", "reprimand"): None,
    ("Mermaids", "monetary_penalty"): 25_000,
}


def _cases(db_path: Path, url: str) -> dict[tuple[str, str], tuple[str, int | None, int, str]]:
    """(organisation, type) -> (case id, amount, press_only, role) of every case the document covers."""
    db = open_db(db_path)
    try:
        rows = db.execute(
            "select c.organisation, c.action_type, c.id, c.amount_gbp, c.press_only, cd.role "
            "from case_documents cd join documents d on d.id = cd.document_id "
            "join cases c on c.id = cd.case_id "
            "where d.url = ?", [url]).fetchall()
    finally:
        db.close()
    return {(name, kind): (case_id, amount, press_only, role) for name, kind, case_id, amount, press_only, role in rows}


def _ingest(db_path: Path, tmp_path: Path, extractor: Extractor) -> tuple[str, list[str]]:
    path = tmp_path / "round-up.txt"
    path.write_text(ROUND_UP, encoding="utf-8")
    (result,) = ingest_files(db_path, [path], extractor=extractor, workers=1, archive_dir=tmp_path / "raw")
    assert result.status == "new", result.error
    return path.resolve().as_uri(), result.case_ids


def test_one_round_up_opens_one_case_per_action(empty_db_file: Path, tmp_path: Path, extractor: Extractor):
    db_path = tmp_path / "roundup.db"
    shutil.copyfile(empty_db_file, db_path)
    url, case_ids = _ingest(db_path, tmp_path, extractor)
    cases = _cases(db_path, url)
    assert len(case_ids) == len(set(case_ids)) == len(EXPECTED)
    assert {key: amount for key, (_, amount, _, _) in cases.items()} == EXPECTED
    # Each its own press-only case, the document listed as coverage of each.
    assert {(press_only, role) for _, _, press_only, role in cases.values()} == {(1, "coverage")}
    assert set(case_ids) == {case_id for case_id, _, _, _ in cases.values()}


def test_round_up_items_join_their_own_cases_never_the_main_one(empty_db_file: Path, tmp_path: Path,
                                                                 extractor: Extractor):
    """The ICO's releases of two of the cases come first: each item joins its own case."""
    db_path = tmp_path / "roundup.db"
    shutil.copyfile(empty_db_file, db_path)
    db = open_db(db_path)
    releases = [
        ("https://ico.org.uk/news/23andme", "2025-06-17", "23andMe Inc", 2_310_000),
        ("https://ico.org.uk/news/clearview", "2022-05-23", "Clearview AI Inc", 7_552_800),
    ]
    with db.atomic():
        for url, day, name, amount in releases:
            release = Document(url=url, source="test", kind="press_release", title=f"{name} fined", text=f"{name} fined.",
                               published=day, fetched_at=f"{day}T12:00:00Z", outlet="ICO")
            action = Action(organisation=name, action_type="monetary_penalty", status="final", amount_gbp=amount,
                            final_amount_gbp=amount, action_date=day)
            document_id, _ = save_document(db, release)
            save_extraction(db, document_id, release, [action], extractor_version="test")
            link_document(db, document_id, release, [action])
    ico_cases = {url: db.execute("select case_id from case_documents cd join documents d on d.id = cd.document_id "
                                 "where d.url = ?", [url]).fetchone()[0] for url, *_ in releases}
    db.close()

    url, case_ids = _ingest(db_path, tmp_path, extractor)
    cases = _cases(db_path, url)
    assert len(case_ids) == len(set(case_ids)) == len(EXPECTED)
    assert cases[("23andMe Inc", "monetary_penalty")][0] == ico_cases["https://ico.org.uk/news/23andme"]
    assert cases[("Clearview AI Inc", "monetary_penalty")][0] == ico_cases["https://ico.org.uk/news/clearview"]
    # The ICO's cases keep their own figures; the others are press-only cases of their own.
    assert cases[("23andMe Inc", "monetary_penalty")][1:3] == (2_310_000, 0)
    assert cases[("Clearview AI Inc", "monetary_penalty")][1:3] == (7_552_800, 0)
    others = {key: value for key, value in cases.items() if key[0] not in ("23andMe Inc",)
              and key != ("Clearview AI Inc", "monetary_penalty")}
    assert {key: amount for key, (_, amount, _, _) in others.items()} == {
        key: amount for key, amount in EXPECTED.items()
        if key[0] != "23andMe" and key != ("Clearview AI Inc", "monetary_penalty")}
    assert all(press_only == 1 for _, _, press_only, _ in others.values())
    # No other case's figure reached the main case's history.
    db = open_db(db_path)
    try:
        amounts = {row[0] for row in db.execute("select amount_gbp from case_history where case_id = ?",
                                                [ico_cases["https://ico.org.uk/news/23andme"]]).fetchall()}
    finally:
        db.close()
    assert amounts <= {2_310_000, None}
