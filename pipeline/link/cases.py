"""Actions → cases: one row per enforcement action, its documents, its history, its evidence.

A case is an organisation + an action type + its own notice. How documents find their case:

- An ICO document (notice, enforcement page, press release; an ingested file that reads as a
  notice) creates a case or confirms one. Its register page identifies the action: a notice PDF
  joins the case of the page it hangs off, and a different register page is a different action.
  Otherwise dates decide: ICO documents within 90 days of the case's ICO documents are the same
  action told again (release, page, PDF); a case with only a provisional figure (notice of
  intent) takes the next step up to 18 months later; a provisional release read after the final
  page joins it too. The status a document claims is not trusted to split a case.
- A press article (or an ingested file that does not read as a notice) attaches to the case of
  the same organisation and type whose dates are compatible, nearest first; a figure that agrees
  with one the case has had settles it (rounded, or mistyped in its last digits), and a figure
  far from all of them (more than 1.5x) means another action, unless it is the other step of
  this one: a final figure (never above the intent's) for a case that so far has only a notice
  of intent's, or the intent's figure for a case that so far has only a final one, within 18
  months. The very figure or count of people affected that the case has had is the same action
  whatever the dates; an exact (unrounded) count of people names the incident even against a
  disagreeing figure. When nothing fits, it opens a case marked press_only, which the ICO
  document arriving later confirms, keeping its id: by dates, or by the very figure (or count
  of people) the press reported, however much earlier the ICO document is dated.
- Action type "other" (the extractor could not name the instrument) is compatible with every
  type, after cases of the very same type; the case takes the first specific type it is given.
  An MPN and an enforcement notice for one organisation on one day are two cases.
- Case ids are slugs of organisation id + action type + year-month of the first document's
  action date ("advanced-computer-software-monetary-penalty-2024-08"), with "-2"... only when
  taken. Corrected amounts or names never change them; rebuild_cases() relinks in a fixed order
  and carries the previous ids over, so a rebuild gives the same ids.
- History: every document that states a figure adds a case_history row (never an update). The
  case row shows the current figure: ICO documents outrank press, then the latest date, then the
  later status (final outranks provisional at the same date). provisional_amount_gbp is the ICO's
  first provisional figure.
"""
from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any, Callable, Iterable

import sqlite_utils

from pipeline.clock import days_between, parse_day
from pipeline.link.organisations import (
    RANK_PRESS,
    RANK_REGULATOR,
    ManualRules,
    NameSet,
    is_meaningful,
    refresh_aliases_text,
    resolve_organisation,
)
from pipeline.models import ACTION_TYPES, Action, Document
from pipeline.names import text_words
from pipeline.store import cases as store, organisations as org_store
from pipeline.store.cases import CaseFacts, CaseView, HistoryRow, register_page
from pipeline.store.topics import topic_json

__all__ = ["CaseView", "document_date", "figures_agree", "is_regulator_document", "link_actions",
           "parse_day", "reads_as_notice"]

logger = logging.getLogger(__name__)

REGULATOR_KINDS = frozenset({"notice", "enforcement_page", "press_release"})
FINAL_STATUSES = frozenset({"final", "reduced", "appealed", "upheld", "withdrawn"})
STATUS_RANK = {None: 0, "provisional": 1, "final": 2, "appealed": 3, "upheld": 4, "reduced": 4,
              "withdrawn": 5}

# Windows, in days (see the module docstring for what they mean).
SAME_ACTION_DAYS = 90          # two ICO documents about one action at one status
PROVISIONAL_TO_FINAL_DAYS = 550  # a notice of intent to the final penalty
PRESS_BEFORE_DAYS = 45         # an article can predate the ICO's page by a little
PRESS_AFTER_DAYS = 180         # and follow the case's last event by months
APPEAL_DAYS = 730              # a tribunal's decision on a final penalty
FIGURE_RATIO = 1.5             # a press figure this far from every figure of a case is another action

_NOTICE_HEADING = re.compile(
    r"^\s*(monetary penalty notice|penalty notice|enforcement notice|reprimand|notice of intent|"
    r"preliminary enforcement notice|undertaking)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOTICE_STATUTE = re.compile(
    r"section\s+(155|149|150|152)\b|regulation\s+31\b|data protection act 2018|"
    r"privacy and electronic communications",
    re.IGNORECASE,
)


def reads_as_notice(doc: Document) -> bool:
    """Does an ingested file look like the ICO's own notice rather than an article about it?

    A notice has a heading line naming the instrument ("MONETARY PENALTY NOTICE") and cites the
    statute it is issued under near the top; an article names the instrument in prose.
    """
    if doc.metadata.get("reads_as") in ("notice", "article"):
        return doc.metadata["reads_as"] == "notice"
    head = f"{doc.title or ''}\n{doc.text[:4000]}"
    return bool(_NOTICE_HEADING.search(head) and _NOTICE_STATUTE.search(head))


def is_regulator_document(doc: Document) -> bool:
    """ICO documents create and confirm cases; everything else only reports on them."""
    if doc.kind in REGULATOR_KINDS:
        return True
    return doc.kind == "file" and reads_as_notice(doc)


# --------------------------------------------------------------------------------------------
# Dates


_days = days_between


def document_date(doc: Document) -> str | None:
    """The date a document speaks for: its published date or the ICO listing's date.

    Never the fetch time: an old article ingested today says nothing about today.
    """
    return doc.published or doc.metadata.get("listed_date") or None


def action_day(action: Action, doc: Document) -> str | None:
    """When the action happened, as far as this document says: its own date, else the document's."""
    return action.action_date or document_date(doc)


# --------------------------------------------------------------------------------------------
# Figures


def figures_agree(document_value: int, reference: int) -> bool:
    """Does a (possibly rounded) figure agree with the exact one? Same rule as the SQL view.

    The document's precision p is the largest power of ten up to a million dividing it; it agrees
    when rounding or truncating the reference to p gives it: v - p/2 <= r < v + p.
    """
    if document_value == reference:
        return True
    if document_value == 0:
        return False
    precision = 1
    while precision < 1_000_000 and document_value % (precision * 10) == 0:
        precision *= 10
    return document_value * 2 - precision <= reference * 2 and reference < document_value + precision


def action_amount(action: Action) -> int | None:
    """The penalty this action states for its own status."""
    if action.amount_gbp is not None:
        return action.amount_gbp
    if action.status == "provisional" and action.provisional_amount_gbp is not None:
        return action.provisional_amount_gbp
    return action.final_amount_gbp if action.final_amount_gbp is not None else action.provisional_amount_gbp



# --------------------------------------------------------------------------------------------
# Finding a case: pure rules over CaseView


def _nearest(day: date, days: Iterable[date]) -> int | None:
    distances = [abs(_days(day, other)) for other in days]
    return min(distances) if distances else None


def _regulator_fit(view: CaseView, day: date | None, status: str | None, ico_key: str | None,
                   amount: int | None = None, subjects: int | None = None) -> int | None:
    """Distance (days) if an ICO document with `status` on `day` belongs to this case, else None.

    The status an ICO document claims is not trusted to tell actions apart (the extractor can
    read a final notice that recalls the provisional figure as provisional); the dates and the
    ICO's own pages are: a case's own enforcement page is its identity, and a notice of intent
    is followed by one final notice, not by another notice of intent. A press-only case is
    confirmed by the ICO document whose dates fit it as a report's would, or whose very figure
    (`amount`, `subjects`) it reported (see _reported_by_press).
    """
    if ico_key and ico_key in view.ico_pages:
        return 0
    if ico_key and view.ico_pages:
        return None                          # another register entry: another action
    if view.press_only:                     # a press-only case: the ICO document confirms it
        fit = _press_fit(view, day, None, status)
        if fit is None and day is not None and view.all_dates and view.press_provisional:
            # the press reported a provisional figure; this may be the final notice months later
            gap = _days(min(view.all_dates), day)
            fit = gap if 0 <= gap <= PROVISIONAL_TO_FINAL_DAYS else None
        if fit is None:
            fit = _reported_by_press(view, day, amount, subjects)
        return fit
    if day is None:
        return None                          # an undated ICO document cannot prove it is the same one
    # The same action told more than once (a release, its register page, the notice PDF).
    near = _nearest(day, view.regulator_any)
    if near is not None and near <= SAME_ACTION_DAYS:
        return near
    # The next step of an action that so far has only a provisional figure.
    if not view.regulator_final and view.regulator_provisional:
        gaps = [_days(p, day) for p in view.regulator_provisional]
        fitting = [g for g in gaps if 0 <= g <= PROVISIONAL_TO_FINAL_DAYS]
        return min(fitting) if fitting else None
    # The provisional step of a final action, arriving after it (sources are read in any order).
    # (The case must not already hold an earlier status: its first ICO date is its final's.)
    if status in (None, "provisional") and view.regulator_final:
        first_final, first_any = min(view.regulator_final), min(view.regulator_any)
        gap = _days(day, first_final)
        if _days(first_any, first_final) <= SAME_ACTION_DAYS and \
                SAME_ACTION_DAYS < gap <= PROVISIONAL_TO_FINAL_DAYS:
            return gap
    # An appeal's outcome (upheld, reduced, withdrawn) for a final penalty.
    if status in FINAL_STATUSES - {"final"} and view.regulator_final:
        gaps = [_days(f, day) for f in view.regulator_final]
        fitting = [g for g in gaps if 0 <= g <= APPEAL_DAYS]
        return min(fitting) if fitting else None
    return None


def _reported_by_press(view: CaseView, day: date | None, amount: int | None,
                       subjects: int | None) -> int | None:
    """Distance (days) if a press-only case reported this ICO document's very figure (its amount,
    or its count of people affected where no amount disagrees), else None.

    The press tells an action after the ICO does, often long after (a tribunal's decision, a
    year's round-up), so the ICO document may be dated any time before the reports (or its date
    misread); only reports that all predate it by more than 45 days are about something else.
    The mirror of the "very figure" rule for a report read after the ICO's document.
    """
    same_amount = amount is not None and amount in view.amounts
    amount_agrees = amount is not None and any(figures_compatible(amount, a) for a in view.amounts)
    same_people = subjects is not None and _same_people(view, subjects) and (
        amount is None or not view.amounts or amount_agrees or _exact_count(subjects))
    if not (same_amount or same_people):
        return None
    if day is None or not view.all_dates:
        return 0
    if _days(max(view.all_dates), day) > PRESS_BEFORE_DAYS:
        return None
    return (_nearest(day, view.all_dates) or 0) // 2


def _press_fit(view: CaseView, day: date | None, amount: int | None, status: str | None,
               subjects: int | None = None) -> int | None:
    """Distance (days) if a press report on `day` belongs to this case, else None.

    A figure decides before dates do: one that agrees with the case's settles it; one far from
    all of them is another action, unless it is the other step of this one (see _step_fit) or
    the report counts exactly the people this case counted (see _same_people). The very figure
    or count the case has had is the same action however far the dates (a tribunal's decision
    years on, or a date the extractor misread), unless the report predates the case.
    """
    amount_fits = amount is not None and any(figures_compatible(amount, a) for a in view.amounts)
    if amount is not None and view.amounts and not amount_fits:
        step = _step_fit(view, day, amount, status)
        if step is not None:
            return step
    people = _same_people(view, subjects)
    identified = people and subjects is not None and _exact_count(subjects)
    if amount is not None and view.amounts and not amount_fits and not identified and all(
            max(a, amount) > FIGURE_RATIO * min(a, amount) for a in view.amounts):
        return None                          # "£6m" is not a report of a £7,500 penalty
    if day is None or not view.all_dates:
        # Without dates only the figures can tell two actions apart: a figure that agrees with
        # none the case has had means another action (another year's penalty, a namesake).
        if amount is not None and view.amounts and not amount_fits and not identified:
            return None
        return 0 if amount_fits or people else 365
    first, last = min(view.all_dates), max(view.all_dates)
    distance = _nearest(day, view.all_dates) or 0
    very_figure = amount is not None and amount in view.amounts
    very_count = people and (amount is None or amount_fits or identified)
    if (very_figure or very_count) and _days(first, day) >= -PRESS_BEFORE_DAYS:
        # The very figure (or count of people) this organisation's case already has, for the
        # same type of action: the same action, however far the dates, unless it predates it.
        return distance // 2
    reach = PROVISIONAL_TO_FINAL_DAYS if (status in FINAL_STATUSES and view.regulator_provisional
                                         and not view.regulator_final) else PRESS_AFTER_DAYS
    if amount_fits:
        reach = max(reach, PROVISIONAL_TO_FINAL_DAYS)
    # A notice of intent is reported up to 18 months before the final penalty the case holds.
    before = PROVISIONAL_TO_FINAL_DAYS if (amount_fits and status == "provisional"
                                          and (view.final_amounts or view.regulator_final)) \
        else PRESS_BEFORE_DAYS
    if _days(first, day) < -before or _days(last, day) > reach:
        return None
    return distance // 2 if amount_fits else distance


def _step_fit(view: CaseView, day: date | None, amount: int, status: str | None) -> int | None:
    """Distance (days) if a figure that agrees with none of the case's is the other step of this
    very action, else None.

    A case is one action with a history: a notice of intent, then the final penalty, which is
    never higher and often far lower (representations, ability to pay: £6.09m became £3.07m,
    £99.2m became £18.4m). So a report calling its figure final belongs to a case that so far
    has only provisional figures, none below it, up to 18 months after them; and a report
    calling its figure provisional belongs to a case that so far has only final figures, none
    above it, up to 18 months before them. A report that does not say which step it reports is
    not stretched this way, and a case that already has its own figure of that step is another
    action. Undated, the distance is the uninformed 365.
    """
    if status == "final" and view.provisional_amounts and not view.final_amounts \
            and amount <= max(view.provisional_amounts):
        before, after = PRESS_BEFORE_DAYS, PROVISIONAL_TO_FINAL_DAYS
    elif status == "provisional" and view.final_amounts and not view.provisional_amounts \
            and amount >= max(view.final_amounts):
        before, after = PROVISIONAL_TO_FINAL_DAYS, PRESS_AFTER_DAYS
    else:
        return None
    if day is None or not view.all_dates:
        return 365
    first, last = min(view.all_dates), max(view.all_dates)
    if _days(first, day) < -before or _days(last, day) > after:
        return None
    return _nearest(day, view.all_dates)


def _same_people(view: CaseView, subjects: int | None) -> bool:
    """Does the report count exactly the people affected that the case has counted?"""
    return subjects is not None and subjects > 0 and subjects in view.subjects


def _exact_count(subjects: int) -> bool:
    """A count nobody rounded ("9,483 officers and staff", not "10,000" or "40 million") names
    one incident: the same exact count, for the same organisation and type of action, is the
    same action even when a figure of the report disagrees (a typo, "£75,000" for "£750,000")."""
    return subjects % 100 != 0


def figures_compatible(a: int, b: int) -> bool:
    """Could two figures be the same one, either rounded ("£6m" and "£6.09m"), or one mistyped
    in its last digits ("£99,200,936" for "£99,200,396": less than 0.1% apart)? Outlets copy
    long exact figures by hand; a figure that differs further is another figure."""
    return figures_agree(a, b) or figures_agree(b, a) or abs(a - b) * 1000 < max(a, b)


def candidate_views(views: list[CaseView], action_type: str, amount: int | None,
                    regulator: bool) -> list[CaseView]:
    """The cases an action of `action_type` may belong to: those of its type and of type "other"
    (all of them when its own type is "other": the extractor falls back to "other" when a text
    does not name the instrument, which must not split a case); for a press report with a
    figure, also any case whose figures agree with it (the figure is stronger evidence than a
    wording: "fine" for a notice the extractor typed otherwise)."""
    found = []
    for view in views:
        if view.action_type == action_type or "other" in (view.action_type, action_type):
            found.append(view)
        elif not regulator and amount is not None and any(figures_compatible(amount, a)
                                                          for a in view.amounts):
            found.append(view)
    return found


def choose_case(views: list[CaseView], action: Action, doc: Document, regulator: bool,
                previous: Iterable[str] = ()) -> str | None:
    """The existing case (among one organisation's `views`) this action reports on, or None.

    `previous`: the cases this document was linked to before (a corrected document stays with
    its case). A case of the very same type is always preferred; among the rest the nearest in
    time wins, ties by id (deterministic).
    """
    day = parse_day(action_day(action, doc))
    ico_key = ico_page_of(doc) if regulator else None
    amount = action_amount(action)
    previous = set(previous)
    best: tuple[int, str] | None = None
    for view in candidate_views(views, action.action_type, amount, regulator):
        if view.id in previous:
            fit: int | None = -1
        elif regulator:
            fit = _regulator_fit(view, day, action.status, ico_key, amount, action.subjects_affected)
        else:
            fit = _press_fit(view, day, amount, action.status, action.subjects_affected)
        if fit is None:
            continue
        if view.action_type != action.action_type:
            fit += 10_000                    # a case of the very same type is always preferred
        if best is None or (fit, view.id) < best:
            best = (fit, view.id)
    return best[1] if best else None


def ico_page_of(doc: Document) -> str | None:
    """The ICO register page an ICO document belongs to (see store.register_page): the page
    itself, or the page a notice PDF is attached to."""
    return register_page(doc.kind, doc.url, doc.parent_url)


def register_actions(doc: Document, actions: list[Action]) -> list[Action]:
    """A register page is one action: the one its listing names. The page's prose may mention
    another action of the same day ("A monetary penalty was issued the same day"), which has its
    own register page; linking that mention too would give two cases per page. Other documents
    keep all their actions (a round-up reports several)."""
    listed = doc.metadata.get("listed_action_type")
    if doc.kind != "enforcement_page" or listed not in ACTION_TYPES or listed == "other":
        return actions
    own = [a for a in actions if a.action_type == listed] or [a for a in actions if a.action_type == "other"]
    return (own or actions)[:1]


def named_case(candidates: list[CaseView], amount: int | None, subjects: int | None) -> str | None:
    """The one case, among those whose organisation a press text names and whose type and dates
    fit, with a figure agreeing with the report's (amount or people affected); None unless
    exactly one."""
    found = [view.id for view in candidates
             if (amount is not None and any(figures_compatible(amount, a) for a in view.amounts))
             or (subjects is not None and any(figures_compatible(subjects, n) for n in view.subjects))]
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------------------------
# What to write: pure functions over CaseFacts


def press_status(facts: CaseFacts, action: Action, day: str | None) -> str | None:
    """The status a press report speaks of when it does not say: by its figure, else its date."""
    if action.status:
        return action.status
    amount = action_amount(action)
    rows = [row for row in facts.history if row.role == "primary" and row.status is not None]
    if amount is not None:
        for row in rows:
            if row.amount_gbp is not None and figures_agree(amount, row.amount_gbp):
                return row.status
    when = parse_day(day)
    final_days = [d for row in rows if row.status in FINAL_STATUSES and (d := parse_day(row.date))]
    if rows and when and final_days:
        return "provisional" if when < min(final_days) else "final"
    if rows and all(row.status == "provisional" for row in rows):
        return "provisional"
    return None


def status_reason(action: Action) -> str | None:
    for key in ("status", "status_reason", "reason"):
        evidence = action.evidence.get(key)
        if evidence is not None and evidence.sentence:
            return evidence.sentence.strip()
    return None


def history_rows(facts: CaseFacts, document_id: int, doc: Document, action: Action,
                 regulator: bool) -> list[tuple]:
    """The case_history rows this action adds to the case: (date, status, amount, subjects,
    reason). None when the document's latest row for the case says the same already; a final
    notice that recalls the provisional figure adds it once, undated, as an earlier figure."""
    day = action_day(action, doc)
    status = action.status if regulator else press_status(facts, action, day)
    amount = action_amount(action)
    rows: list[tuple] = []
    own = [row for row in facts.history if row.document_id == document_id]
    if amount is not None or action.subjects_affected is not None or (regulator and status):
        last = own[-1] if own else None
        if last is None or (last.date, last.status, last.amount_gbp, last.subjects_affected) != \
                (day, status, amount, action.subjects_affected):
            rows.append((day, status, amount, action.subjects_affected, status_reason(action)))
    if regulator and status in FINAL_STATUSES and action.provisional_amount_gbp is not None \
            and action.provisional_amount_gbp != amount \
            and not any(row.status == "provisional" and row.amount_gbp == action.provisional_amount_gbp
                        for row in facts.history):
        rows.append((None, "provisional", action.provisional_amount_gbp, None,
                     "the earlier (provisional) figure, as recalled by this document"))
    return rows


def evidence_rows(action: Action) -> list[tuple[str, str | None, str, int, int]]:
    """(field, value, sentence, start, end) for every figure of the action that has a sentence."""
    rows = []
    for field_name, evidence in sorted(action.evidence.items()):
        if not evidence.sentence:
            continue
        if field_name.startswith("failure:"):
            value: Any = field_name.split(":", 1)[1]
        else:
            value = getattr(action, field_name, None)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
        rows.append((field_name, None if value is None else str(value), evidence.sentence,
                     evidence.start, evidence.end))
    return rows


def _current(rows: list[HistoryRow], key: str, where=lambda row: True) -> HistoryRow | None:
    """The row that speaks for the case on `key`: ICO first, then latest date, then later status."""
    usable = [row for row in rows if getattr(row, key) is not None and where(row)]
    if not usable:
        return None
    return max(usable, key=lambda row: (row.role == "primary", row.date or "",
                                        STATUS_RANK.get(row.status, 0), row.id))


def _first_provisional(rows: list[HistoryRow]) -> HistoryRow | None:
    """The provisional figure: the ICO's first one (an undated row recalled by a later notice
    counts as earliest), since a later "provisional" reading is more often a misread final."""
    usable = [row for row in rows if row.amount_gbp is not None and row.status == "provisional"]
    if not usable:
        return None
    return min(usable, key=lambda row: (row.role != "primary", row.date or "", row.id))


def case_values(facts: CaseFacts) -> dict[str, Any]:
    """The derived columns of a case row, from its history, documents and failures (never typed
    in): the current figure and status (ICO first, then latest date, then later status), the
    ICO's first provisional figure, the ICO page, a summary, the sector."""
    rows = facts.history
    status_row = _current(rows, "status")
    amount_row = _current(rows, "amount_gbp")
    subjects_row = _current(rows, "subjects_affected")
    provisional = _first_provisional(rows)
    final = _current(rows, "amount_gbp", lambda r: r.status in FINAL_STATUSES)
    dated = _current(rows, "date")
    primary = sorted((d for d in facts.documents if d.role == "primary"),
                     key=lambda d: (d.published or d.fetched_at or "", d.id), reverse=True)
    ico_url = next((d.url for d in primary if d.kind == "enforcement_page"), None) \
        or next((page for d in primary if d.kind == "notice"
                 and (page := register_page(d.kind, d.url, d.parent_url))), None) \
        or next((d.url for d in primary if d.kind in REGULATOR_KINDS), None)
    summary = next((d.summary for d in primary if d.summary), None) \
        or next((d.title for d in primary if d.title), None)
    if summary is None:
        titled = sorted((d for d in facts.documents if d.title is not None),
                        key=lambda d: (d.published is not None, d.published or "", d.id))
        summary = titled[0].title if titled else None
    sector = next((d.sector for d in primary if d.sector), None)
    anchor = status_row or dated
    action_date = anchor.date if anchor else None
    action_date = action_date or facts.action_date
    year = int(action_date[:4]) if action_date and action_date[:4].isdigit() else None
    return {
        "status": status_row.status if status_row else None,
        "status_reason": status_row.reason if status_row else None,
        "amount_gbp": amount_row.amount_gbp if amount_row else None,
        "provisional_amount_gbp": provisional.amount_gbp if provisional else None,
        "final_amount_gbp": final.amount_gbp if final else None,
        "subjects_affected": subjects_row.subjects_affected if subjects_row else None,
        "action_date": action_date,
        "year": year,
        "sector": sector,
        "failures": store.failures_json(facts.failures),
        "summary": summary,
        "ico_url": ico_url,
        "document_count": len(facts.documents),
        "press_only": 0 if primary else 1,
    }


def new_case_id(org_id: str, action_type: str, day: str | None, taken: Callable[[str], bool]) -> str:
    """A slug of organisation id + action type + year-month of the action ("-2"... when taken)."""
    month = (day or "")[:7] if parse_day(day) else "undated"
    base = f"{org_id}-{action_type.replace('_', '-')}-{month}"
    candidate, n = base, 2
    while taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --------------------------------------------------------------------------------------------
# Linking one document: the decisions above, read and written through pipeline.store.cases


class _Views:
    """The organisations' case views for one document, read once each and forgotten after a
    write (so a document's second action sees what its first one wrote)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.cache: dict[str, list[CaseView]] = {}

    def of(self, org_id: str) -> list[CaseView]:
        if org_id not in self.cache:
            self.cache[org_id] = store.case_views(self.db, org_id)
        return self.cache[org_id]

    def forget(self) -> None:
        self.cache.clear()


def refresh_case(db: sqlite_utils.Database, case_id: str, facts: CaseFacts | None = None) -> None:
    """Recompute the case row from its history, documents and failures (derived, never typed in)."""
    facts = facts or store.case_facts(db, case_id)
    if facts is None:
        return
    values = case_values(facts)
    values["topic"] = topic_json(values["sector"], [t for d in facts.documents for t in (d.title, d.summary)],
                                 facts.failures)
    if values["sector"]:
        org_store.set_sector_if_missing(db, facts.organisation_id, values["sector"])
    store.write_case(db, case_id, values)


def _names_for(action: Action, doc: Document, regulator: bool, single: bool) -> NameSet | None:
    primary = action.organisation if is_meaningful(action.organisation) else None
    aliases = [a for a in action.organisation_aliases if is_meaningful(a)]
    # The register page's title is the organisation's name (a release's title is a headline).
    listed = doc.metadata.get("organisation") if doc.kind in ("enforcement_page", "notice") else None
    if primary is None and listed and single:
        primary = listed
    elif listed and single and is_meaningful(listed):
        aliases.append(listed)
    if primary is None:
        return None
    return NameSet(primary=primary, aliases=aliases, company_number=action.company_number,
                   rank=RANK_REGULATOR if regulator else RANK_PRESS)


def _place(db: sqlite_utils.Database, views: _Views, doc: Document, action: Action, regulator: bool,
           rules: ManualRules, previous: set[str], *, single: bool) -> tuple[str | None, str | None]:
    """(case id, organisation id) for one action, creating them when nothing fits.

    A press report gets one more chance before it opens a press-only case: when its name is
    missing or unknown, or the organisation it names has no case it fits, the text may still
    name a known case's organisation with an agreeing figure (see case_named_in_text).
    """
    names = _names_for(action, doc, regulator, single=single)
    if names is None:
        if regulator:
            logger.debug("%s: an action without an organisation is not linked", doc.url)
            return None, None
        case_id = case_named_in_text(db, doc, action, views)
        return (case_id, store.organisation_of(db, case_id)) if case_id else (None, None)

    def fits(candidate: str) -> bool:
        return choose_case(views.of(candidate), action, doc, regulator) is not None

    org_id = resolve_organisation(db, names, rules, fits=fits, create=regulator)
    case_id = choose_case(views.of(org_id), action, doc, regulator, previous) if org_id else None
    if case_id is None and not regulator:
        named = case_named_in_text(db, doc, action, views)
        if named is not None:
            logger.info("%s: no case of %r fits; the text names the organisation of case %s",
                        doc.url, names.primary, named)
            return named, store.organisation_of(db, named)
    if org_id is None:
        org_id = resolve_organisation(db, names, rules, fits=fits)
    if org_id is None:
        return None, None
    if case_id is None:
        day = action_day(action, doc)
        case_id = new_case_id(org_id, action.action_type, day, lambda c: store.case_id_taken(db, c))
        store.insert_case(db, case_id, org_id, action.regulator or "ICO", action.action_type, day,
                          press_only=not regulator)
        logger.info("new case %s%s", case_id, "" if regulator else " (press only)")
    return case_id, org_id


def link_actions(db: sqlite_utils.Database, document_id: int, doc: Document, actions: list[Action],
                 rules: ManualRules) -> list[str]:
    """Link one document's actions to organisations and cases; returns its case ids in order.

    Relinking a document first removes its previous links and evidence (derived rows), but not
    its history rows: a figure a case once had stays in case_history.
    """
    regulator = is_regulator_document(doc)
    touched = store.unlink_document(db, document_id)
    views = _Views(db)
    linked: list[str] = []
    usable = [a for a in register_actions(doc, actions) if a.action_type]
    for action in usable:
        case_id, org_id = _place(db, views, doc, action, regulator, rules, touched,
                                 single=len(usable) == 1)
        if case_id is None or org_id is None:
            continue
        if action.action_type != "other":
            # A case opened by a text that did not name the instrument takes the type the next
            # one names (its id, already published, stays).
            store.name_type_if_other(db, case_id, action.action_type)
        if regulator:
            _absorb_press_only(db, views, case_id, org_id, action, doc)
        store.link(db, case_id, document_id, "primary" if regulator else "coverage")
        facts = store.case_facts(db, case_id)
        assert facts is not None
        _record(db, facts, document_id, doc, action, regulator)
        refresh_case(db, case_id, facts)
        views.forget()
        if case_id not in linked:
            linked.append(case_id)
    for case_id in sorted(touched - set(linked)):
        if not store.drop_if_empty(db, case_id):
            refresh_case(db, case_id)
    for org in sorted(store.organisations_of(db, linked)):
        refresh_aliases_text(db, org)
    return linked


def _record(db: sqlite_utils.Database, facts: CaseFacts, document_id: int, doc: Document,
            action: Action, regulator: bool) -> None:
    """Write the action's figures, evidence and failures, keeping `facts` in step with what was
    written (so the case row is recomputed without reading it back)."""
    role = next((d.role for d in facts.documents if d.id == document_id), "coverage")
    for day, status, amount, subjects, reason in history_rows(facts, document_id, doc, action, regulator):
        row_id = store.add_history(db, facts.id, document_id, day, status, amount, subjects, reason)
        facts.history.append(HistoryRow(row_id, document_id, day, status, amount, subjects, reason, role))
    store.add_evidence(db, facts.id, document_id, evidence_rows(action))
    if action.failures:
        codes = sorted(set(action.failures))
        store.add_failures(db, facts.id, codes)
        facts.failures = sorted(set(facts.failures) | set(codes))


def case_named_in_text(db: sqlite_utils.Database, doc: Document, action: Action,
                       views: _Views | None = None) -> str | None:
    """The one known case a press report must be about, though its extracted name is unknown.

    All three must hold, for exactly one case: the text names the case's organisation (one of its
    names, normalised, as whole words, at least 4 characters); a figure the report states agrees
    with a figure the case has had (amount or people affected, rounding allowed); and the
    report's action type and date fit the case as for any press report. Only the names whose
    first word occurs in the text are looked up (an index), never every alias.
    """
    amount, subjects = action_amount(action), action.subjects_affected
    if amount is None and subjects is None:
        return None
    views = views or _Views(db)
    text = text_words(f"{doc.title or ' '} {doc.text}")
    matches: list[str] = []
    for org_id, key in org_store.aliases_starting_with(db, text.split()):
        if org_id in matches or len(key) < 4 or not is_meaningful(key):
            continue
        if f" {key} " in text:
            matches.append(org_id)
    candidates: list[CaseView] = []
    for org_id in matches:
        case_id = choose_case(views.of(org_id), action, doc, regulator=False)
        if case_id is not None:
            candidates.extend(v for v in views.of(org_id) if v.id == case_id)
    return named_case(candidates, amount, subjects)


def _absorb_press_only(db: sqlite_utils.Database, views: _Views, case_id: str, org_id: str,
                       action: Action, doc: Document) -> None:
    """An ICO document confirms the press-only cases that reported this very action."""
    day = parse_day(action_day(action, doc))
    for view in candidate_views(views.of(org_id), action.action_type, None, regulator=True):
        if view.id == case_id or not view.press_only:
            continue
        if _regulator_fit(view, day, action.status, None, action_amount(action),
                          action.subjects_affected) is not None:
            store.merge_case(db, case_id, view.id)
    views.forget()
