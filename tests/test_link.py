"""Linking against a real SQLite file: organisations, cases, history, disagreements, rebuilds.

Documents and Actions are built by hand (as the extractor would hand them over), so these tests
exercise the linker alone. Facts of the Advanced case (amounts, counts, dates) are real.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.link import DERIVED_TABLES, in_link_order, link_document, normalise_name, rebuild_cases
from pipeline.link.cases import figures_agree, reads_as_notice
from pipeline.models import Action, Document, DocumentKind, Evidence
from pipeline.store import ensure_db_shape, open_db, save_document, save_extraction

ADVANCED = "Advanced Computer Software Group Ltd"


@pytest.fixture
def rules(tmp_path) -> Path:
    """An empty organisations.yaml, so the repository's manual rules do not steer these tests."""
    path = tmp_path / "organisations.yaml"
    path.write_text("merge: []\nsplit: []\n")
    return path


def doc(url: str, kind: DocumentKind, published: str | None, *, title: str = "", text: str = "", outlet: str | None = None,
        **extra) -> Document:
    outlet = outlet or ("ICO" if kind in ("notice", "enforcement_page", "press_release") else "Example News")
    return Document(url=url, source="test", kind=kind, title=title or url, text=text or f"text of {url}",
                    published=published, fetched_at=f"{published or '2025-01-01'}T12:00:00Z", outlet=outlet,
                    **extra)


def penalty(organisation: str, *, status: str | None = None, amount: int | None = None,
            subjects: int | None = None, date: str | None = None, aliases=(), action_type="monetary_penalty",
            **extra) -> Action:
    evidence = {}
    if amount is not None:
        evidence["amount_gbp"] = Evidence(f"{organisation} faces a fine of {amount}.", 0, 30)
    if subjects is not None:
        evidence["subjects_affected"] = Evidence(f"{subjects} people were affected.", 31, 60)
    return Action(organisation=organisation, action_type=action_type, status=status, amount_gbp=amount,
                  subjects_affected=subjects, action_date=date, organisation_aliases=list(aliases),
                  evidence=evidence, **extra)


def add(db, document: Document, actions: list[Action], rules: Path) -> list[str]:
    """What run.py does for one document: save, store the extraction, link, in one transaction."""
    with db.atomic():
        document_id, _ = save_document(db, document)
        save_extraction(db, document_id, document, actions, extractor_version="test")
        return link_document(db, document_id, document, actions, rules_path=rules)


def doc_id(db, url: str) -> int:
    return db.execute("SELECT id FROM documents WHERE url = ?", [url]).fetchone()[0]


# The Advanced story, oldest first: (document, actions).
def advanced_story() -> list[tuple[Document, list[Action]]]:
    return [
        (doc("https://ico.org.uk/news/advanced-provisional", "press_release", "2024-08-07"),
         [penalty(ADVANCED, status="provisional", amount=6_090_000, subjects=82_946,
                  date="2024-08-07", aliases=["Advanced"])]),
        (doc("https://news.example/advanced-6m", "article", "2024-08-07", outlet="Daily"),
         [penalty("Advanced", status="provisional", amount=6_000_000, subjects=82_946)]),
        (doc("https://pulse.example/advanced-609m", "article", "2024-08-08", outlet="Pulse"),
         [penalty("Advanced Computer Software Group", status="provisional", amount=6_090_000,
                  aliases=["OneAdvanced"])]),
        (doc("https://tech.example/advanced-80000", "article", "2024-08-09", outlet="Tech"),
         [penalty("OneAdvanced", subjects=80_000)]),
        (doc("https://ico.org.uk/action-weve-taken/enforcement/advanced", "enforcement_page", "2025-03-27",
             metadata={"organisation": ADVANCED, "summary": "Penalty for a ransomware attack."}),
         [penalty(ADVANCED, status="final", amount=3_076_320, subjects=79_404, date="2025-03-27",
                  provisional_amount_gbp=6_090_000)]),
        (doc("https://news.example/advanced-309m", "article", "2025-03-28", outlet="Daily"),
         [penalty("Advanced", status="final", amount=3_090_000)]),
    ]


def test_advanced_story_is_one_case_with_history_and_disagreement(db, rules):
    results = [add(db, d, actions, rules) for d, actions in advanced_story()]
    case_ids = {cid for result in results for cid in result}
    assert len(case_ids) == 1, results
    (case_id,) = case_ids
    assert all(result == [case_id] for result in results)

    case = db["cases"].get(case_id)
    assert case["organisation"] == ADVANCED
    assert case["status"] == "final"
    assert case["amount_gbp"] == 3_076_320          # the regulator's figure, not the press's £3.09m
    assert case["provisional_amount_gbp"] == 6_090_000
    assert case["final_amount_gbp"] == 3_076_320
    assert case["subjects_affected"] == 79_404
    assert case["document_count"] == 6
    assert case["press_only"] == 0
    assert case["ico_url"] == "https://ico.org.uk/action-weve-taken/enforcement/advanced"
    assert case_id.endswith("monetary-penalty-2024-08")

    roles = dict(db.execute("SELECT d.url, cd.role FROM case_documents cd JOIN documents d "
                            "ON d.id = cd.document_id WHERE cd.case_id = ?", [case_id]).fetchall())
    assert roles["https://ico.org.uk/news/advanced-provisional"] == "primary"
    assert roles["https://pulse.example/advanced-609m"] == "coverage"

    timeline = db.execute("SELECT date, status, amount_gbp, subjects_affected, role FROM case_timeline "
                          "WHERE case_id = ? AND role = 'primary'", [case_id]).fetchall()
    assert [tuple(row) for row in timeline] == [
        ("2024-08-07", "provisional", 6_090_000, 82_946, "primary"),
        ("2025-03-27", "final", 3_076_320, 79_404, "primary"),
    ]
    # Every document that states a figure has its own history row, with its source.
    assert db.execute("SELECT count(*) FROM case_history WHERE case_id = ?", [case_id]).fetchone()[0] == 6

    disagreements = [dict(row) for row in db.query("SELECT * FROM figure_disagreements")]
    assert [(d["document_url"], d["field"], d["case_value"], d["document_value"]) for d in disagreements] == [
        ("https://news.example/advanced-309m", "amount_gbp", 3_076_320, 3_090_000)]
    assert disagreements[0]["outlet"] == "Daily" and disagreements[0]["organisation"] == ADVANCED

    evidence_fields = {row[0] for row in db.execute("SELECT field FROM evidence WHERE case_id = ?", [case_id])}
    assert evidence_fields == {"amount_gbp", "subjects_affected"}
    assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 9

    # Rebuilding from the stored extractions gives the same case, the same documents, same figures.
    before = db.execute("SELECT * FROM cases ORDER BY id").fetchall()
    links = db.execute("SELECT case_id, document_id, role FROM case_documents ORDER BY 1, 2").fetchall()
    rebuild_cases(db, rules_path=rules)
    after = db.execute("SELECT * FROM cases ORDER BY id").fetchall()
    names = [row[1] for row in db.execute("PRAGMA table_info(cases)")]
    kept = [i for i, name in enumerate(names) if name not in ("first_seen", "updated_at")]

    def strip(rows):  # not first_seen/updated_at
        return [tuple(tuple(r)[i] for i in kept) for r in rows]
    assert [r[0] for r in after] == [case_id]
    assert strip(after) == strip(before)
    assert db.execute("SELECT case_id, document_id, role FROM case_documents ORDER BY 1, 2").fetchall() == links
    assert db.execute("SELECT count(*) FROM figure_disagreements").fetchone()[0] == 1


def test_press_first_opens_a_press_only_case_that_the_ico_confirms(db, rules):
    story = advanced_story()
    article, article_actions = story[1]
    release, release_actions = story[0]
    (press_case,) = add(db, article, article_actions, rules)
    assert db["cases"].get(press_case)["press_only"] == 1
    assert add(db, release, release_actions, rules) == [press_case]        # confirmed, same id
    case = db["cases"].get(press_case)
    assert case["press_only"] == 0 and case["amount_gbp"] == 6_090_000
    assert db["cases"].count == 1
    for d, actions in story[2:]:
        assert add(db, d, actions, rules) == [press_case]
    rebuild_cases(db, rules_path=rules)
    assert [r["id"] for r in db["cases"].rows] == [press_case]


def test_rebuild_gives_the_same_ids_whatever_order_documents_arrived_in(tmp_path, rules):
    in_order = open_db(tmp_path / "a.db")
    ensure_db_shape(in_order)
    story = advanced_story()
    for d, actions in story:
        add(in_order, d, actions, rules)
    reversed_db = open_db(tmp_path / "b.db")
    ensure_db_shape(reversed_db)
    for d, actions in reversed(story):
        add(reversed_db, d, actions, rules)
    ids_in_order = [r["id"] for r in in_order["cases"].rows]
    rebuild_cases(reversed_db, rules_path=rules)
    rebuild_cases(in_order, rules_path=rules)
    assert [r["id"] for r in in_order["cases"].rows] == ids_in_order
    assert len(ids_in_order) == 1
    # From scratch (no previous ids to carry over) the fixed order gives one answer, whatever
    # order the documents were stored in.
    from_scratch = []
    for database in (in_order, reversed_db):
        for table in DERIVED_TABLES:
            database.execute(f"DELETE FROM {table}")
        rebuild_cases(database, rules_path=rules)
        from_scratch.append([(r["id"], r["document_count"]) for r in database["cases"].rows])
    assert from_scratch[0] == from_scratch[1] and len(from_scratch[0]) == 1


def _ingest_batch(path: Path, items: list[tuple[Document, list[Action]]], rules: Path):
    """What a run does with one source's batch: save every document, then link in link order."""
    database = open_db(path)
    ensure_db_shape(database)
    with database.atomic():
        saved = []
        for d, actions in items:
            document_id, _ = save_document(database, d)
            save_extraction(database, document_id, d, actions, extractor_version="test")
            saved.append((document_id, d, actions))
        for document_id, d, actions in in_link_order(saved):
            link_document(database, document_id, d, actions, rules_path=rules)
    return database


def _cases_by_url(database) -> list[tuple]:
    """Every case with its figures and its documents (by URL: ids follow arrival order)."""
    members: dict[str, list[str]] = {}
    for case_id, url, role in database.execute(
            "SELECT cd.case_id, d.url, cd.role FROM case_documents cd JOIN documents d ON d.id = cd.document_id"):
        members.setdefault(case_id, []).append(f"{url}:{role}")
    return [(*row, sorted(members.get(row[0], []))) for row in database.execute(
        "SELECT id, organisation, action_type, status, amount_gbp, provisional_amount_gbp, final_amount_gbp, "
        "subjects_affected, press_only FROM cases ORDER BY id").fetchall()]


def test_one_batch_gives_the_same_cases_in_any_arrival_order_and_as_a_rebuild(tmp_path, rules):
    story = advanced_story() + [
        (doc("https://ico.org.uk/enforcement/acme-en", "enforcement_page", "2023-05-10"),
         [penalty("Acme Ltd", action_type="enforcement_notice", status="final", date="2023-05-10")]),
        (doc("https://ico.org.uk/enforcement/acme-mpn", "enforcement_page", "2023-05-10"),
         [penalty("Acme Ltd", status="final", amount=40_000, date="2023-05-10")]),
        (doc("https://news.example/acme", "article", "2023-05-11"), [penalty("Acme", amount=40_000)]),
        (doc("https://news.example/acme-again", "article", "2023-05-11"), [penalty("Acme", amount=40_000)]),
    ]
    forwards = _ingest_batch(tmp_path / "forwards.db", story, rules)
    backwards = _ingest_batch(tmp_path / "backwards.db", list(reversed(story)), rules)
    shuffled = _ingest_batch(tmp_path / "shuffled.db", story[1::2] + story[::2], rules)
    expected = _cases_by_url(forwards)
    assert len(expected) == 3
    assert _cases_by_url(backwards) == expected
    assert _cases_by_url(shuffled) == expected
    # and a rebuild from scratch of any of them gives the same cases again
    for table in DERIVED_TABLES:
        backwards.execute(f"DELETE FROM {table}")
    rebuild_cases(backwards, rules_path=rules)
    assert _cases_by_url(backwards) == expected


def test_penalty_and_enforcement_notice_on_the_same_day_are_two_cases(db, rules):
    page = doc("https://ico.org.uk/enforcement/acme-mpn", "enforcement_page", "2023-05-10")
    notice = doc("https://ico.org.uk/enforcement/acme-en", "enforcement_page", "2023-05-10")
    article = doc("https://news.example/acme", "article", "2023-05-11")
    (mpn,) = add(db, page, [penalty("Acme Marketing Ltd", status="final", amount=100_000, date="2023-05-10")], rules)
    (en,) = add(db, notice, [penalty("Acme Marketing Ltd", date="2023-05-10", action_type="enforcement_notice")],
                rules)
    assert mpn != en
    both = add(db, article, [penalty("Acme Marketing", status="final", amount=100_000),
                             penalty("Acme Marketing", action_type="enforcement_notice")], rules)
    assert both == [mpn, en]
    assert {r["document_count"] for r in db["cases"].rows} == {2}
    assert db["organisations"].count == 1


def test_an_article_about_two_cases_attaches_to_both(db, rules):
    (first,) = add(db, doc("https://ico.org.uk/a", "press_release", "2024-02-01"),
                   [penalty("Alpha Homes Ltd", status="final", amount=50_000, date="2024-02-01")], rules)
    (second,) = add(db, doc("https://ico.org.uk/b", "press_release", "2024-02-01"),
                    [penalty("Beta Loans Limited", action_type="reprimand", date="2024-02-01")], rules)
    linked = add(db, doc("https://news.example/roundup", "article", "2024-02-03"),
                 [penalty("Alpha Homes", amount=50_000), penalty("Beta Loans", action_type="reprimand")], rules)
    assert linked == [first, second]
    assert db["cases"].count == 2
    assert db.execute("SELECT count(*) FROM case_documents WHERE role = 'coverage'").fetchone()[0] == 2


def test_namesakes_stay_apart(db, rules):
    (software,) = add(db, doc("https://ico.org.uk/advanced-software", "press_release", "2024-08-07"),
                      [penalty(ADVANCED, status="provisional", amount=6_090_000, date="2024-08-07",
                               aliases=["Advanced"])], rules)
    (supply,) = add(db, doc("https://ico.org.uk/advanced-supply", "enforcement_page", "2024-09-01"),
                    [penalty("Advanced Supply Chain (BFD) Ltd", action_type="reprimand", date="2024-09-01",
                             aliases=["Advanced"])], rules)
    assert software != supply
    orgs = {r["id"]: r for r in db["organisations"].rows}
    assert len(orgs) == 2
    # A notice giving the company number records it; the same name with another number is
    # another company.
    (numbered,) = add(db, doc("https://ico.org.uk/advanced-other", "enforcement_page", "2022-01-10"),
                      [penalty(ADVANCED, action_type="reprimand", date="2022-01-10",
                               company_number="01234567")], rules)
    (namesake,) = add(db, doc("https://ico.org.uk/advanced-again", "enforcement_page", "2024-12-01"),
                      [penalty(ADVANCED, action_type="reprimand", date="2024-12-01",
                               company_number="07654321")], rules)
    numbers = dict(db.execute("SELECT c.id, o.company_number FROM cases c JOIN organisations o "
                              "ON o.id = c.organisation_id").fetchall())
    assert numbers[software] == numbers[numbered] == "01234567"
    assert numbers[namesake] == "07654321"
    assert db["organisations"].count == 3
    # A press article naming only the shared short name goes where its action type fits.
    assert add(db, doc("https://news.example/adv-supply", "article", "2024-09-02"),
               [penalty("Advanced", action_type="reprimand")], rules) == [supply]


def test_alias_search_finds_the_organisation_and_its_case(db, rules):
    for d, actions in advanced_story()[:3]:
        add(db, d, actions, rules)
    hits = [r["name"] for r in db["organisations"].search("OneAdvanced")]
    assert hits == [ADVANCED]
    assert [r["organisation"] for r in db["cases"].search("OneAdvanced")] == [ADVANCED]
    aliases = {r["alias"] for r in db["organisation_aliases"].rows}
    assert {"Advanced", "OneAdvanced", ADVANCED} <= aliases


def test_manual_merge_survives_rebuild(db, tmp_path):
    merge = tmp_path / "merge.yaml"
    merge.write_text("merge:\n  - [Ministry of Defence, Secretary of State for Defence, MoD]\nsplit: []\n")
    (mod_case,) = add(db, doc("https://ico.org.uk/mod", "enforcement_page", "2023-12-13"),
                      [penalty("Secretary of State for Defence", status="final", amount=350_000,
                               date="2023-12-13")], merge)
    assert add(db, doc("https://news.example/mod", "article", "2023-12-14"),
               [penalty("MoD", status="final", amount=350_000)], merge) == [mod_case]
    assert db["organisations"].count == 1
    org = next(db["organisations"].rows)
    assert org["name"] == "Ministry of Defence"
    rebuild_cases(db, rules_path=merge)
    assert [r["id"] for r in db["cases"].rows] == [mod_case]
    assert [r["name"] for r in db["organisations"].rows] == ["Ministry of Defence"]
    assert [r["name"] for r in db["organisations"].search("MoD")] == ["Ministry of Defence"]
    # Without the manual rule the two names are two organisations: the rule is what joins them.
    empty = tmp_path / "empty.yaml"
    empty.write_text("merge: []\n")
    rebuild_cases(db, rules_path=empty)
    assert db["organisations"].count == 2


def test_manual_split_keeps_a_shared_alias_from_joining(db, tmp_path):
    split = tmp_path / "split.yaml"
    split.write_text("split:\n  - [Example Health Ltd, Example Health Partners LLP]\n")
    add(db, doc("https://ico.org.uk/eh", "enforcement_page", "2023-01-01"),
        [penalty("Example Health Ltd", action_type="reprimand", date="2023-01-01")], split)
    add(db, doc("https://ico.org.uk/ehp", "enforcement_page", "2023-06-01"),
        [penalty("Example Health Partners LLP", action_type="reprimand", date="2023-06-01",
                 aliases=["Example Health Ltd"])], split)
    assert db["organisations"].count == 2


def test_failed_transaction_leaves_nothing_half_written(db, rules):
    story = advanced_story()
    add(db, *story[0], rules)
    counts = {t: db[t].count for t in ("documents", "cases", "case_history", "evidence", "case_documents")}
    with pytest.raises(RuntimeError):
        with db.atomic():
            for d, actions in story[1:4]:
                document_id, _ = save_document(db, d)
                save_extraction(db, document_id, d, actions, extractor_version="test")
                link_document(db, document_id, d, actions, rules_path=rules)
            raise RuntimeError("the source failed after linking three articles")
    assert {t: db[t].count for t in counts} == counts
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_relinking_a_corrected_document_keeps_the_old_figure_in_history(db, rules):
    release, actions = advanced_story()[0]
    (case_id,) = add(db, release, actions, rules)
    corrected = replace(release, text="corrected text", fetched_at="2024-08-08T09:00:00Z")
    assert add(db, corrected, [replace(actions[0], amount_gbp=6_100_000)], rules) == [case_id]
    amounts = [r[0] for r in db.execute("SELECT amount_gbp FROM case_history WHERE case_id = ? ORDER BY id",
                                        [case_id])]
    assert amounts == [6_090_000, 6_100_000]
    assert db["cases"].get(case_id)["amount_gbp"] == 6_100_000
    assert db.execute("SELECT count(*) FROM evidence WHERE field = 'amount_gbp'").fetchone()[0] == 1


def test_separate_actions_years_apart_are_separate_cases(db, rules):
    (first,) = add(db, doc("https://ico.org.uk/x-2021", "enforcement_page", "2021-03-01"),
                   [penalty("Gamma Calls Ltd", status="final", amount=80_000, date="2021-03-01")], rules)
    (second,) = add(db, doc("https://ico.org.uk/x-2023", "enforcement_page", "2023-06-01"),
                    [penalty("Gamma Calls Ltd", status="final", amount=120_000, date="2023-06-01")], rules)
    assert first != second
    assert add(db, doc("https://news.example/gamma", "article", "2023-06-03"),
               [penalty("Gamma Calls", amount=120_000)], rules) == [second]


@pytest.mark.parametrize("name, expected", [
    ("Advanced Computer Software Group Ltd", "advanced computer software"),
    ("The Advanced Computer Software Group Limited.", "advanced computer software"),
    ("ADVANCED COMPUTER SOFTWARE GROUP PLC", "advanced computer software"),
    ("Smith & Jones LLP", "smith and jones"),
    ("Ministry of Defence", "ministry of defence"),
    ("Birmingham Children's Trust Community Interest Company", "birmingham childrens trust"),
    ("Group", "group"),
    ("23andMe, Inc.", "23andme"),
])
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize("document_value, reference, agree", [
    (6_000_000, 6_090_000, True),      # "£6m" headline for £6.09m: rounding
    (6_090_000, 6_090_000, True),
    (3_090_000, 3_076_320, False),     # "£3.09m" for £3,076,320: a different figure
    (3_080_000, 3_076_320, True),      # "£3.08m": rounded
    (3_070_000, 3_076_320, True),      # "£3.07m": truncated
    (80_000, 82_946, True),            # "over 80,000"
    (80_000, 79_404, True),            # "almost 80,000"
    (83_000, 82_946, True),
    (82_000, 82_946, True),
    (90_000, 82_946, False),
    (82_940, 82_946, True),
    (82_945, 82_946, False),
])
def test_figures_agree(document_value, reference, agree):
    assert figures_agree(document_value, reference) is agree


def test_ingested_file_reads_as_notice_only_when_it_is_one():
    notice = doc("file:///tmp/n.txt", "file", "2024-01-01",
                 text="DATA PROTECTION ACT 2018\nMONETARY PENALTY NOTICE\nTo: Example Ltd\n"
                      "issued under section 155 of the Act")
    article = doc("file:///tmp/a.txt", "file", "2024-01-01",
                  text="The regulator issued a monetary penalty notice under the Data Protection Act 2018.")
    assert reads_as_notice(notice) and not reads_as_notice(article)


def test_provisional_release_read_after_the_final_joins_the_same_case(db, rules):
    """Sources are read in any order: the register page (final) can come before the release."""
    story = advanced_story()
    final_page, final_actions = story[4]
    release, release_actions = story[0]
    (case_id,) = add(db, final_page, final_actions, rules)
    # The extractor could not name the instrument in the release: action type "other".
    assert add(db, release, [replace(release_actions[0], action_type="other")], rules) == [case_id]
    case = db["cases"].get(case_id)
    assert (case["action_type"], case["provisional_amount_gbp"], case["final_amount_gbp"]) == (
        "monetary_penalty", 6_090_000, 3_076_320)
    assert case["status"] == "final" and case["amount_gbp"] == 3_076_320


def test_an_undated_report_with_another_figure_is_another_action(db, rules):
    (case_id,) = add(db, doc("https://ico.org.uk/delta", "enforcement_page", "2020-01-10"),
                     [penalty("Delta Direct Ltd", status="final", amount=90_000, date="2020-01-10")], rules)
    undated_other = doc("https://news.example/delta-other", "article", None)
    (other,) = add(db, undated_other, [penalty("Delta Direct", amount=400_000)], rules)
    assert other != case_id and db["cases"].get(other)["press_only"] == 1
    undated_same = doc("https://news.example/delta-same", "article", None)
    assert add(db, undated_same, [penalty("Delta Direct", amount=90_000)], rules) == [case_id]


def test_generic_and_regulator_names_never_make_an_organisation(db, rules):
    assert add(db, doc("https://news.example/vague", "article", "2024-01-01"),
               [penalty("the Council"), penalty("Information Commissioner's Office", amount=5_000)],
               rules) == []
    assert db["organisations"].count == 0 and db["cases"].count == 0


def test_final_notice_confirms_a_press_only_provisional_case(db, rules):
    story = advanced_story()
    article, article_actions = story[1]              # Aug 2024, "£6m", provisional
    final_page, final_actions = story[4]             # Mar 2025, final £3,076,320
    (press_case,) = add(db, article, article_actions, rules)
    assert add(db, final_page, final_actions, rules) == [press_case]
    case = db["cases"].get(press_case)
    assert case["press_only"] == 0 and case["amount_gbp"] == 3_076_320 and case["status"] == "final"


def test_a_case_left_without_documents_after_a_relink_is_removed(db, rules):
    article = doc("https://news.example/misread", "article", "2024-05-01")
    (wrong,) = add(db, article, [penalty("Misread Name Ltd", amount=40_000)], rules)
    (page_case,) = add(db, doc("https://ico.org.uk/epsilon", "enforcement_page", "2024-05-01"),
                       [penalty("Epsilon Energy Ltd", status="final", amount=40_000, date="2024-05-01")], rules)
    corrected = replace(article, text="re-read text", fetched_at="2024-06-01T00:00:00Z")
    assert add(db, corrected, [penalty("Epsilon Energy", amount=40_000)], rules) == [page_case]
    assert db["cases"].count == 1
    assert db.execute("SELECT count(*) FROM cases WHERE id = ?", [wrong]).fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_misread_name_still_reaches_the_case_the_text_names(db, rules):
    """The extractor took the wrong party ("NHS 111"); the text names Advanced and its figures."""
    release, release_actions = advanced_story()[0]
    (case_id,) = add(db, release, release_actions, rules)
    article = doc("https://news.example/nhs-supplier", "article", "2024-08-07",
                  title="NHS software supplier Advanced faces £6.09m fine",
                  text="The ICO said Advanced failed to protect 82,946 people. NHS 111 was disrupted.")
    assert add(db, article, [penalty("NHS 111", status="provisional", amount=6_090_000)], rules) == [case_id]
    assert "NHS 111" not in {r["alias"] for r in db["organisation_aliases"].rows}
    # Without an agreeing figure the mention alone is not enough: a press-only case is opened.
    other = doc("https://news.example/nhs-other", "article", "2024-08-09",
                text="Advanced is mentioned, but this story is about another fine.")
    (press_only,) = add(db, other, [penalty("NHS 111", amount=40_000)], rules)
    assert press_only != case_id and db["cases"].get(press_only)["press_only"] == 1


def test_a_report_without_a_name_joins_the_case_its_text_and_figures_point_to(db, rules):
    release, release_actions = advanced_story()[0]
    (case_id,) = add(db, release, release_actions, rules)
    article = doc("https://news.example/unnamed", "article", "2024-08-07",
                  text="Advanced faces a £6m fine after a hack exposed over 80,000 people.")
    unnamed = Action(organisation=None, action_type="monetary_penalty", status="provisional",
                     amount_gbp=6_000_000, subjects_affected=80_000)
    assert add(db, article, [unnamed], rules) == [case_id]
    # A report naming nobody known, with no figure, stays unlinked rather than guessed.
    vague = doc("https://news.example/vague-2", "article", "2024-08-07", text="Advanced was mentioned.")
    assert add(db, vague, [Action(organisation=None, action_type="monetary_penalty")], rules) == []


def test_press_alone_joins_an_action_across_its_steps_and_keeps_another_action_apart(db, rules):
    """Press only, no ICO document: the final penalty's reports, then the notice of intent's
    (a higher figure, months earlier, one with its digits mistyped), then a report with a typo'd
    figure but the exact count of people, are one case; the organisation's other action of
    another type, and a later penalty of another figure, stay apart."""
    final = add(db, doc("https://news.example/m-final", "article", "2020-11-02"),
                [penalty("Mariner Hotels Inc", status="final", amount=18_400_000, subjects=339_000_000)],
                rules)
    intent = add(db, doc("https://news.example/m-intent", "article", "2019-07-10"),
                 [penalty("Mariner Hotels", status="provisional", amount=99_200_396)], rules)
    typo = add(db, doc("https://news.example/m-intent-typo", "article", None),
               [penalty("Mariner Hotels International", status="provisional", amount=99_200_936,
                        aliases=["Mariner Hotels"])], rules)
    assert final == intent == typo
    exact = add(db, doc("https://news.example/m-exact", "article", "2020-11-03"),
                [penalty("Mariner Hotels", status="final", amount=1_840_000, subjects=339_000_000)], rules)
    assert exact != final                      # a round count does not outweigh a far figure
    staff = add(db, doc("https://news.example/p-1", "article", "2024-10-03"),
                [penalty("Northern Police Service", status="final", amount=750_000, subjects=9_483)], rules)
    typo_staff = add(db, doc("https://wiki.example/p-2", "article", None),
                     [penalty("Northern Police Service", amount=75_000, subjects=9_483)], rules)
    assert typo_staff == staff
    reprimand = add(db, doc("https://news.example/p-3", "article", "2024-11-01"),
                    [penalty("Northern Police Service", action_type="reprimand", subjects=9_483)], rules)
    assert reprimand != staff
    later = add(db, doc("https://news.example/p-4", "article", "2026-01-10"),
                [penalty("Northern Police Service", status="final", amount=200_000)], rules)
    assert later != staff
