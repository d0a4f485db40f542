"""Linking's rules as tables, without a database: the fit of a document to a case, the choice
among cases, what a case row says, and which ids a rebuild carries over.

The linker decides over small read models (CaseView, CaseFacts) that pipeline.store.cases
builds; here they are built by hand, so each rule is checked on its own.
"""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.link import carry_over_ids
from pipeline.link.cases import (
    _press_fit,
    _regulator_fit,
    candidate_views,
    case_values,
    choose_case,
    figures_compatible,
    history_rows,
    press_status,
    register_actions,
)
from pipeline.models import Action, Document
from pipeline.store.cases import CaseDocument, CaseFacts, CaseView, HistoryRow, register_page

D = date.fromisoformat
PAGE = "https://ico.org.uk/action-weve-taken/enforcement/acme-ltd/"


def view(case_id="acme-monetary-penalty-2024-08", *, action_type="monetary_penalty", press_only=False,
         provisional=(), final=(), press=(), amounts=(), subjects=(), pages=(), press_provisional=False,
         provisional_amounts=(), final_amounts=()) -> CaseView:
    """A case as matching sees it: ICO dates by status, press dates, figures (all of them, and
    those a document called provisional or final), register pages."""
    prov = [D(d) for d in provisional]
    fin = [D(d) for d in final]
    every = prov + fin + [D(d) for d in press]
    figures = list(amounts) + [a for a in (*provisional_amounts, *final_amounts) if a not in amounts]
    return CaseView(case_id, action_type, press_only, None, prov, fin, prov + fin, every, figures,
                    list(subjects), set(pages), press_provisional, list(provisional_amounts),
                    list(final_amounts))


def doc(kind="enforcement_page", url=PAGE, published="2024-08-07", parent_url=None, **metadata) -> Document:
    return Document(url=url, source="test", kind=kind, title="t", text="x", published=published,
                    fetched_at="2025-01-01T00:00:00Z", parent_url=parent_url, metadata=metadata)


def action(action_type="monetary_penalty", *, status=None, amount=None, day=None, subjects=None) -> Action:
    return Action(organisation="Acme Ltd", action_type=action_type, status=status, amount_gbp=amount,
                  action_date=day, subjects_affected=subjects)


@pytest.mark.parametrize("case, day, status, page, fit", [
    # the case's own register page is its identity, whatever the dates
    (view(final=["2020-01-01"], pages=[PAGE]), "2024-08-07", "final", PAGE, 0),
    # another register page is another action, however close the dates
    (view(final=["2024-08-07"], pages=[PAGE + "x/"]), "2024-08-07", "final", PAGE, None),
    # the same action told again within 90 days (release, page, PDF)
    (view(final=["2024-08-01"]), "2024-08-07", "final", None, 6),
    (view(final=["2024-08-01"]), "2024-11-15", "final", None, None),
    # a notice of intent followed by the final penalty up to 18 months later
    (view(provisional=["2024-08-07"]), "2025-03-27", "final", None, 232),
    (view(provisional=["2024-08-07"]), "2026-06-01", "final", None, None),
    # the provisional step of a final action, read after it
    (view(final=["2025-03-27"]), "2024-08-07", "provisional", None, 232),
    # an appeal's outcome up to two years after the final penalty
    (view(final=["2024-01-10"]), "2025-06-01", "reduced", None, 508),
    (view(final=["2024-01-10"]), "2026-06-01", "reduced", None, None),
    # an undated ICO document proves nothing
    (view(final=["2024-08-07"]), None, "final", None, None),
    # a press-only case that reported a provisional figure: the final notice months later confirms it
    (view(press_only=True, press=["2024-08-08"], press_provisional=True), "2025-03-27", "final", None, 231),
    (view(press_only=True, press=["2024-08-08"]), "2024-08-20", "final", None, 12),
])
def test_regulator_fit(case, day, status, page, fit):
    assert _regulator_fit(case, D(day) if day else None, status, page) == fit


@pytest.mark.parametrize("case, day, amount, subjects, fit", [
    # the press reported this ICO document's very figure, long after it (a tribunal's decision
    # told years on, a misread date): the ICO document confirms that press-only case
    (view(press_only=True, press=["2023-04-12"], amounts=[130_000]), "2019-10-01", 130_000, None, 644),
    (view(press_only=True, press=["2024-07-31"], subjects=[40_000_000]), "2021-08-24", None, 40_000_000, 536),
    # another figure, or a round count against a disagreeing figure: not this action
    (view(press_only=True, press=["2023-04-12"], amounts=[130_000]), "2019-10-01", 120_000, None, None),
    (view(press_only=True, press=["2024-07-31"], amounts=[750_000], subjects=[40_000_000]), "2021-08-24",
     75_000, 40_000_000, None),
    # reports that all predate the ICO document by more than 45 days are about something else
    (view(press_only=True, press=["2020-01-01"], amounts=[50_000]), "2021-06-01", 50_000, None, None),
    # a case the ICO already has is not confirmed by a figure
    (view(final=["2023-04-12"], amounts=[130_000]), "2019-10-01", 130_000, None, None),
])
def test_an_ico_document_confirms_the_press_only_case_that_reported_its_figure(case, day, amount, subjects, fit):
    assert _regulator_fit(case, D(day) if day else None, "final", None, amount, subjects) == fit


@pytest.mark.parametrize("case, day, amount, status, fit", [
    # nearest date within the window; a figure that agrees halves the distance
    (view(final=["2024-08-07"]), "2024-08-17", None, None, 10),
    (view(final=["2024-08-07"], amounts=[3_076_320]), "2024-08-17", 3_080_000, None, 5),
    # a report may come 45 days before the ICO's page, and 180 days after the last event
    (view(final=["2024-08-07"]), "2024-06-01", None, None, None),
    (view(final=["2024-08-07"]), "2025-03-01", None, None, None),
    # ... up to 18 months when its figure agrees
    (view(final=["2024-08-07"], amounts=[6_090_000]), "2025-03-01", 6_000_000, None, 103),
    # the very figure the case has, years later (a tribunal's decision, a misread date): the same action
    (view(final=["2019-10-01"], amounts=[130_000]), "2023-04-12", 130_000, "upheld", 644),
    # ... but not a report that predates the case
    (view(final=["2023-04-12"], amounts=[130_000]), "2019-10-01", 130_000, None, None),
    # a rounded figure does not stretch the window that far
    (view(final=["2019-10-01"], amounts=[132_500]), "2023-04-12", 130_000, None, None),
    # a figure far from every figure the case has had is another action
    (view(final=["2024-08-07"], amounts=[7_500]), "2024-08-08", 6_000_000, None, None),
    # undated: only the figure can tell
    (view(final=["2024-08-07"], amounts=[80_000]), None, 80_000, None, 0),
    (view(final=["2024-08-07"], amounts=[80_000]), None, 95_000, None, None),
    (view(final=["2024-08-07"]), None, None, None, 365),
    # a final report of a case that so far has only a provisional figure reaches 18 months
    (view(provisional=["2024-08-07"]), "2025-03-27", None, "final", 232),
])
def test_press_fit(case, day, amount, status, fit):
    assert _press_fit(case, D(day) if day else None, amount, status) == fit


@pytest.mark.parametrize("case, day, amount, status, fit", [
    # the final penalty after a notice of intent is often far lower (representations, ability to
    # pay): "£3.07m" is the final step of a "£6.09m" intent, up to 18 months on, or undated
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), "2025-03-27", 3_070_000, "final", 232),
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), None, 3_070_000, "final", 365),
    (view(provisional_amounts=[6_090_000]), None, 3_070_000, "final", 365),
    # ... never higher than the intent, never years later, never before the intent
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), "2025-03-27", 9_000_000, "final", None),
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), "2026-06-01", 3_070_000, "final", None),
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), "2024-01-10", 3_070_000, "final", None),
    # ... and not when the case already has its own, different, final figure
    (view(press=["2024-08-07", "2025-03-27"], provisional_amounts=[6_090_000], final_amounts=[3_070_000]),
     "2025-03-28", 1_000_000, "final", None),
    # the other way round: the intent ("£99.2m", July 2019) of a final penalty (£18.4m, Oct 2020)
    # read after it, up to 18 months before it
    (view(final=["2020-10-30"], final_amounts=[18_400_000]), "2019-07-09", 99_200_936, "provisional", 479),
    (view(final=["2020-10-30"], final_amounts=[18_400_000]), None, 99_200_936, "provisional", 365),
    (view(final=["2020-10-30"], final_amounts=[18_400_000]), "2018-01-01", 99_200_936, "provisional", None),
    (view(final=["2020-10-30"], final_amounts=[18_400_000]), "2019-07-09", 9_000_000, "provisional", None),
    (view(final=["2020-10-30"], final_amounts=[18_400_000], provisional_amounts=[99_200_000]),
     "2019-07-09", 40_000_000, "provisional", None),
    # a figure of unknown status far from the case's stays another action
    (view(press=["2024-08-07"], provisional_amounts=[6_090_000]), "2025-03-27", 3_070_000, None, None),
    # a provisional report agreeing with the intent may come long before a final the case has
    (view(final=["2025-03-27"], final_amounts=[3_070_000], provisional_amounts=[6_000_000]),
     "2024-08-07", 6_090_000, "provisional", 116),
])
def test_press_fit_across_the_steps_of_one_action(case, day, amount, status, fit):
    assert _press_fit(case, D(day) if day else None, amount, status) == fit


@pytest.mark.parametrize("case, day, amount, subjects, fit", [
    # the very count of people affected the case has had: the same action, however far the dates
    # (a misread date), as with the very figure, but not a report that predates the case
    (view(final=["2021-08-24"], subjects=[40_000_000]), "2024-07-31", None, 40_000_000, 536),
    (view(final=["2024-07-31"], subjects=[40_000_000]), "2021-08-24", None, 40_000_000, None),
    (view(final=["2021-08-24"], subjects=[40_000_000]), "2024-07-31", None, 39_000_000, None),
    # an exact (unrounded) count identifies the incident even when a figure disagrees (a typo,
    # "£75,000" for "£750,000"); a round one does not
    (view(final=["2024-10-03"], amounts=[750_000], subjects=[9_483]), "2024-10-03", 75_000, 9_483, 0),
    (view(final=["2024-10-03"], amounts=[750_000], subjects=[9_483]), None, 75_000, 9_483, 0),
    (view(final=["2024-10-03"], amounts=[750_000], subjects=[10_000]), "2024-10-03", 75_000, 10_000, None),
    (view(final=["2024-10-03"], amounts=[750_000], subjects=[9_483]), "2024-10-03", 75_000, 9_484, None),
    # undated: the count agrees, so it is this case rather than a guess
    (view(final=["2024-08-07"], subjects=[265]), None, None, 265, 0),
])
def test_press_fit_by_the_count_of_people_affected(case, day, amount, subjects, fit):
    assert _press_fit(case, D(day) if day else None, amount, None, subjects) == fit


@pytest.mark.parametrize("a, b, compatible", [
    (6_000_000, 6_090_000, True), (6_090_000, 6_000_000, True), (3_090_000, 3_076_320, False),
    (150_000, 150_000, True), (7_500, 75_000, False),
    # a long exact figure mistyped in its last digits is the same figure; 0.4% apart is not
    (99_200_936, 99_200_396, True), (99_200_396, 99_200_936, True), (99_200_936, 99_100_000, False),
])
def test_figures_compatible_either_way(a, b, compatible):
    assert figures_compatible(a, b) is compatible


def test_candidates_are_the_same_type_other_and_for_press_an_agreeing_figure():
    views = [view("p", action_type="monetary_penalty", amounts=[150_000]),
             view("e", action_type="enforcement_notice"), view("o", action_type="other")]
    ids = lambda found: [v.id for v in found]    # noqa: E731
    assert ids(candidate_views(views, "enforcement_notice", None, regulator=True)) == ["e", "o"]
    assert ids(candidate_views(views, "other", None, regulator=True)) == ["p", "e", "o"]
    assert ids(candidate_views(views, "reprimand", 150_000, regulator=False)) == ["p", "o"]
    assert ids(candidate_views(views, "reprimand", 150_000, regulator=True)) == ["o"]


def test_choose_case_prefers_the_same_type_then_the_nearest_then_the_id():
    same = view("b-same", final=["2024-08-01"])
    other = view("a-other", action_type="other", final=["2024-08-07"])
    assert choose_case([other, same], action(day="2024-08-07"), doc(url="x", kind="notice"), True) == "b-same"
    near = view("z-near", final=["2024-08-06"])
    far = view("a-far", final=["2024-07-01"])
    assert choose_case([far, near], action(day="2024-08-07"), doc(url="x", kind="notice"), True) == "z-near"
    # a document linked before stays with its case (a corrected text)
    assert choose_case([far, near], action(day="2024-08-07"), doc(url="x", kind="notice"), True,
                       previous={"a-far"}) == "a-far"


@pytest.mark.parametrize("kind, url, parent, page", [
    ("enforcement_page", PAGE, None, PAGE),
    ("notice", "https://ico.org.uk/media/mpns/1/acme-ltd-mpn-20240807.pdf", PAGE, PAGE),
    # the -en PDF fetched from the -mpn page belongs to the -en page
    ("notice", "https://ico.org.uk/media/en/2/saga-services-limited-en.pdf",
     "https://ico.org.uk/enforcement/saga-services-limited-mpn/", "https://ico.org.uk/enforcement/saga-services-limited-en/"),
    ("notice", "https://ico.org.uk/media/mpns/1/saga-services-limited-mpn.pdf",
     "https://ico.org.uk/enforcement/saga-services-limited-mpn/", "https://ico.org.uk/enforcement/saga-services-limited-mpn/"),
    # another organisation's file name says nothing about a sibling page
    ("notice", "https://ico.org.uk/media/en/2/other-company-en.pdf",
     "https://ico.org.uk/enforcement/saga-services-limited-mpn/", "https://ico.org.uk/enforcement/saga-services-limited-mpn/"),
    ("notice", "https://ico.org.uk/media/x.pdf", None, None),
    ("press_release", "https://ico.org.uk/news/acme/", None, None),
])
def test_register_page(kind, url, parent, page):
    assert register_page(kind, url, parent) == page


def test_a_register_page_links_only_the_action_its_listing_names():
    page = doc(listed_action_type="enforcement_notice")
    both = [action("monetary_penalty"), action("enforcement_notice")]
    assert [a.action_type for a in register_actions(page, both)] == ["enforcement_notice"]
    assert [a.action_type for a in register_actions(doc(), both)] == ["monetary_penalty", "enforcement_notice"]
    article = doc(kind="article", listed_action_type="enforcement_notice")
    assert len(register_actions(article, both)) == 2


def facts(*history: tuple, documents=(), failures=(), action_date=None) -> CaseFacts:
    rows = [HistoryRow(i + 1, *row) for i, row in enumerate(history)]
    return CaseFacts("c", "acme", "monetary_penalty", False, None, action_date, rows, list(documents),
                     list(failures))


def page_doc(doc_id=1, role="primary", kind="enforcement_page", url=PAGE, published="2025-03-27", **extra):
    values = dict(parent_url=None, summary=None, title="Acme Ltd", sector=None, fetched_at="2025-03-28T00:00:00Z")
    values.update(extra)
    return CaseDocument(doc_id, role, kind, url, values["parent_url"], values["summary"], values["title"],
                        values["sector"], published, values["fetched_at"])


def test_case_values_take_the_icos_latest_figure_and_its_first_provisional():
    case = facts(
        (1, "2024-08-07", "provisional", 6_090_000, 79_404, None, "primary"),
        (2, "2024-08-08", "provisional", 6_000_000, 80_000, None, "coverage"),
        (3, "2025-03-27", "final", 3_076_320, 79_404, "representations", "primary"),
        (4, "2025-04-01", "final", 3_090_000, None, None, "coverage"),
        documents=[page_doc(3, sector="Health"), page_doc(4, role="coverage", kind="article", url="n")],
        failures=["no_mfa"])
    values = case_values(case)
    assert values["amount_gbp"] == 3_076_320                 # the ICO outranks a later press figure
    assert values["provisional_amount_gbp"] == 6_090_000
    assert values["final_amount_gbp"] == 3_076_320
    assert (values["status"], values["status_reason"]) == ("final", "representations")
    assert values["action_date"] == "2025-03-27" and values["year"] == 2025
    assert values["ico_url"] == PAGE and values["sector"] == "Health"
    assert values["failures"] == '["no_mfa"]' and values["document_count"] == 2 and values["press_only"] == 0


def test_a_press_only_case_is_summarised_by_its_earliest_title():
    case = facts((1, "2024-08-08", None, 6_000_000, None, None, "coverage"),
                 documents=[page_doc(2, role="coverage", kind="article", url="b", published="2024-08-09",
                                     title="later"),
                            page_doc(1, role="coverage", kind="article", url="a", published="2024-08-08",
                                     title="first")])
    values = case_values(case)
    assert values["press_only"] == 1 and values["summary"] == "first" and values["ico_url"] is None


@pytest.mark.parametrize("history, amount, day, status", [
    # a figure that agrees with one the ICO stated takes its status
    ([(1, "2024-08-07", "provisional", 6_090_000, None, None, "primary")], 6_000_000, "2024-08-08", "provisional"),
    # otherwise the date: before the final notice is provisional, after it final
    ([(1, "2024-08-07", "provisional", 6_090_000, None, None, "primary"),
      (1, "2025-03-27", "final", 3_076_320, None, None, "primary")], None, "2025-04-01", "final"),
    ([(1, "2024-08-07", "provisional", 6_090_000, None, None, "primary"),
      (1, "2025-03-27", "final", 3_076_320, None, None, "primary")], None, "2024-09-01", "provisional"),
    # the press's own statuses are not the reference
    ([(1, "2024-08-07", "final", 6_090_000, None, None, "coverage")], 6_090_000, "2024-08-08", None),
])
def test_press_status(history, amount, day, status):
    assert press_status(facts(*history), action(amount=amount), day) == status


def test_history_rows_add_what_is_new_and_the_recalled_provisional_figure_once():
    final_notice = action(status="final", amount=3_076_320, day="2025-03-27")
    final_notice.provisional_amount_gbp = 6_090_000
    rows = history_rows(facts(), 7, doc(kind="notice", url="n"), final_notice, regulator=True)
    assert [(r[0], r[1], r[2]) for r in rows] == [("2025-03-27", "final", 3_076_320),
                                                  (None, "provisional", 6_090_000)]
    # the document's latest row says the same already, and the case knows the provisional figure
    seen = facts((1, "2024-08-07", "provisional", 6_090_000, None, None, "primary"),
                 (7, "2025-03-27", "final", 3_076_320, None, None, "primary"))
    assert history_rows(seen, 7, doc(kind="notice", url="n"), final_notice, regulator=True) == []


@pytest.mark.parametrize("old, new, renames", [
    ({"a": {1, 2}}, {"a": {1, 2}}, {}),
    ({"a": {1, 2}}, {"b": {1, 2}}, {"b": "a"}),
    # the larger overlap wins the old id; each old id is used once
    ({"a": {1, 2, 3}}, {"x": {1}, "y": {2, 3}}, {"y": "a"}),
    ({"a": {1}, "b": {2}}, {"b": {1}, "a": {2}}, {"b": "a", "a": "b"}),
])
def test_carry_over_ids(old, new, renames):
    assert carry_over_ids(old, new) == renames
