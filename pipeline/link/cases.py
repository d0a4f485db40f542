"""Actions → cases: one row per enforcement action, its documents, its history, its evidence.

A case is an organisation + an action type + its own notice. How documents find their case:

- An ICO document (notice, enforcement page, press release; an ingested file that reads as a
  notice) creates a case or confirms one. Its register page identifies the action: a notice PDF
  joins the case of the page it hangs off, and a different register page is a different action.
  Otherwise dates decide: ICO documents within 90 days of the case's ICO documents are the same
  action told again (release, page, PDF); a case with only a provisional figure (notice of
  intent) takes the next step up to 18 months later; a provisional release read after the final
  page joins it too. The stage a document claims is not trusted to split a case.
- A press article (or an ingested file that does not read as a notice) attaches to the case of
  the same organisation and type whose dates are compatible, nearest first; a figure that agrees
  with one the case has had settles it, and a figure far from all of them (more than 1.5x)
  means another action. When nothing fits, it opens a case marked press_only, which the ICO
  document arriving later confirms, keeping its id.
- Action type "other" (the extractor could not name the instrument) is compatible with every
  type, after cases of the very same type; the case takes the first specific type it is given.
  An MPN and an enforcement notice for one organisation on one day are two cases.
- Case ids are slugs of organisation id + action type + year-month of the first document's
  action date ("advanced-computer-software-monetary-penalty-2024-08"), with "-2"... only when
  taken. Corrected amounts or names never change them; rebuild_cases() relinks in a fixed order
  and carries the previous ids over, so a rebuild gives the same ids.
- History: every document that states a figure adds a case_history row (never an update). The
  case row shows the current figure: ICO documents outrank press, then the latest date, then the
  later stage (final outranks provisional at the same date). provisional_amount_gbp is the ICO's
  first provisional figure.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable

import sqlite_utils

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
from pipeline.store.db import ensure_failure_codes, utc_now

logger = logging.getLogger(__name__)

REGULATOR_KINDS = frozenset({"notice", "enforcement_page", "press_release"})
FINAL_STAGES = frozenset({"final", "reduced", "appealed", "upheld", "withdrawn"})
STAGE_RANK = {None: 0, "provisional": 1, "final": 2, "appealed": 3, "upheld": 4, "reduced": 4,
              "withdrawn": 5}

# Windows, in days (see the module docstring for what they mean).
SAME_ACTION_DAYS = 90          # two ICO documents about one action at one stage
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


def parse_day(value: str | None) -> date | None:
    """'2024-08-07' or '2024-08' (taken as the 1st) → date; anything else → None."""
    if not value:
        return None
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def _days(a: date, b: date) -> int:
    return b.toordinal() - a.toordinal()


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
    """The penalty this action states for its own stage."""
    if action.amount_gbp is not None:
        return action.amount_gbp
    if action.status == "provisional" and action.provisional_amount_gbp is not None:
        return action.provisional_amount_gbp
    return action.final_amount_gbp if action.final_amount_gbp is not None else action.provisional_amount_gbp


# --------------------------------------------------------------------------------------------
# Finding a case


@dataclass
class CaseView:
    """What matching needs to know about an existing case."""

    id: str
    press_only: bool
    ico_url: str | None
    regulator_provisional: list[date]
    regulator_final: list[date]
    regulator_any: list[date]
    all_dates: list[date]
    amounts: list[int]
    ico_pages: set[str]
    same_type: bool
    press_provisional: bool = False   # some document called its figure provisional


def _case_views(db: sqlite_utils.Database, org_id: str, action_type: str) -> list[CaseView]:
    """The organisation's cases of this action type, and those of type "other" (or all of them
    when the action's own type is "other"): the extractor falls back to "other" when a text does
    not name the instrument, which must not split a case."""
    views = []
    for case_id, press_only, ico_url, action_date, case_type in db.execute(
            "SELECT id, press_only, ico_url, action_date, action_type FROM cases "
            "WHERE organisation_id = ? AND (action_type = ? OR action_type = 'other' OR ? = 'other') "
            "ORDER BY id", [org_id, action_type, action_type]):
        prov, final, regulator, every, amounts = [], [], [], [], []
        any_provisional = False
        for hdate, status, amount, role in db.execute(
                "SELECT h.date, h.status, h.amount_gbp, coalesce(cd.role, 'coverage') FROM case_history h "
                "LEFT JOIN case_documents cd ON cd.case_id = h.case_id AND cd.document_id = h.document_id "
                "WHERE h.case_id = ?", [case_id]):
            day = parse_day(hdate)
            any_provisional = any_provisional or status == "provisional"
            if amount is not None:
                amounts.append(amount)
            if day is None:
                continue
            every.append(day)
            if role == "primary":
                regulator.append(day)
                (prov if status == "provisional" else final).append(day)
        for (published,) in db.execute(
                "SELECT d.published FROM case_documents cd "
                "JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ?", [case_id]):
            day = parse_day(published)
            if day:
                every.append(day)
        if parse_day(action_date):
            every.append(parse_day(action_date))
        pages = {url for (url,) in db.execute(
            "SELECT CASE WHEN d.kind = 'enforcement_page' THEN d.url ELSE d.parent_url END "
            "FROM case_documents cd JOIN documents d ON d.id = cd.document_id "
            "WHERE cd.case_id = ? AND cd.role = 'primary' AND (d.kind = 'enforcement_page' "
            "OR (d.kind = 'notice' AND d.parent_url IS NOT NULL))", [case_id])}
        views.append(CaseView(case_id, bool(press_only), ico_url, prov, final, regulator, every,
                              amounts, pages, case_type == action_type, any_provisional))
    return views


def _nearest(day: date, days: Iterable[date]) -> int | None:
    distances = [abs(_days(day, other)) for other in days]
    return min(distances) if distances else None


def _regulator_fit(view: CaseView, day: date | None, stage: str | None, ico_key: str | None) -> int | None:
    """Distance (days) if an ICO document at `stage` on `day` belongs to this case, else None.

    The stage an ICO document claims is not trusted to tell actions apart (the extractor can
    read a final notice that recalls the provisional figure as provisional); the dates and the
    ICO's own pages are: a case's own enforcement page is its identity, and a notice of intent
    is followed by one final notice, not by another notice of intent.
    """
    if ico_key and ico_key in view.ico_pages:
        return 0
    if ico_key and view.ico_pages:
        return None                          # another register entry: another action
    if view.press_only:                     # a press-only case: the ICO document confirms it
        fit = _press_fit(view, day, None, stage)
        if fit is None and day is not None and view.all_dates and view.press_provisional:
            # the press reported a provisional figure; this may be the final notice months later
            gap = _days(min(view.all_dates), day)
            fit = gap if 0 <= gap <= PROVISIONAL_TO_FINAL_DAYS else None
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
    # (The case must not already hold an earlier stage: its first ICO date is its final's.)
    if stage in (None, "provisional") and view.regulator_final:
        first_final, first_any = min(view.regulator_final), min(view.regulator_any)
        gap = _days(day, first_final)
        if _days(first_any, first_final) <= SAME_ACTION_DAYS and \
                SAME_ACTION_DAYS < gap <= PROVISIONAL_TO_FINAL_DAYS:
            return gap
    # An appeal's outcome (upheld, reduced, withdrawn) for a final penalty.
    if stage in FINAL_STAGES - {"final"} and view.regulator_final:
        gaps = [_days(f, day) for f in view.regulator_final]
        fitting = [g for g in gaps if 0 <= g <= APPEAL_DAYS]
        return min(fitting) if fitting else None
    return None


def _press_fit(view: CaseView, day: date | None, amount: int | None, stage: str | None) -> int | None:
    """Distance (days) if a press report on `day` belongs to this case, else None."""
    amount_fits = amount is not None and any(figures_compatible(amount, a) for a in view.amounts)
    if amount is not None and view.amounts and not amount_fits and all(
            max(a, amount) > FIGURE_RATIO * min(a, amount) for a in view.amounts):
        return None                          # "£6m" is not a report of a £7,500 penalty
    if day is None or not view.all_dates:
        # Without dates only the figure can tell two actions apart: a figure that agrees with
        # none the case has had means another action (another year's penalty, a namesake).
        if amount is not None and view.amounts and not amount_fits:
            return None
        return 0 if amount_fits else 365
    first, last = min(view.all_dates), max(view.all_dates)
    reach = PROVISIONAL_TO_FINAL_DAYS if (stage in FINAL_STAGES and view.regulator_provisional
                                         and not view.regulator_final) else PRESS_AFTER_DAYS
    if amount_fits:
        reach = max(reach, PROVISIONAL_TO_FINAL_DAYS)
    if _days(first, day) < -PRESS_BEFORE_DAYS or _days(last, day) > reach:
        return None
    distance = _nearest(day, view.all_dates) or 0
    return distance // 2 if amount_fits else distance


def figures_compatible(a: int, b: int) -> bool:
    """Could two figures be the same one, either rounded? ("£6m" and "£6.09m" could.)"""
    return figures_agree(a, b) or figures_agree(b, a)


def find_case(db: sqlite_utils.Database, org_id: str, action: Action, doc: Document,
              regulator: bool, previous: Iterable[str] = ()) -> str | None:
    """The existing case this action reports on, or None.

    `previous`: the cases this document was linked to before (a corrected document stays with
    its case). A press report whose figure agrees with a case of another action type also fits
    it: the figure is stronger evidence than a wording ("fine" for a notice the extractor typed
    otherwise); an enforcement notice without figures never draws a penalty report.
    """
    day = parse_day(action_day(action, doc))
    ico_key = ico_page_of(doc) if regulator else None
    amount = action_amount(action)
    previous = set(previous)
    best: tuple[int, str] | None = None
    views = _case_views(db, org_id, action.action_type)
    if not regulator and amount is not None:
        for action_type in ACTION_TYPES:
            if action_type != action.action_type:
                views += [replace(v, same_type=False) for v in _case_views(db, org_id, action_type)
                          if any(figures_compatible(amount, a) for a in v.amounts)]
    for view in views:
        if view.id in previous:
            fit: int | None = -1
        elif regulator:
            fit = _regulator_fit(view, day, action.status, ico_key)
        else:
            fit = _press_fit(view, day, amount, action.status)
        if fit is None:
            continue
        if not view.same_type:
            fit += 10_000                    # a case of the very same type is always preferred
        if best is None or (fit, view.id) < best:
            best = (fit, view.id)
    return best[1] if best else None


def ico_page_of(doc: Document) -> str | None:
    """The ICO page an ICO document belongs to: a notice PDF's parent page, or the page itself."""
    if doc.kind == "enforcement_page":
        return doc.url
    if doc.kind == "notice" and doc.parent_url:
        return doc.parent_url
    return None


# --------------------------------------------------------------------------------------------
# Writing


def _new_case_id(db: sqlite_utils.Database, org_id: str, action_type: str, day: str | None) -> str:
    month = (day or "")[:7] if parse_day(day) else "undated"
    base = f"{org_id}-{action_type.replace('_', '-')}-{month}"
    candidate, n = base, 2
    while db.execute("SELECT 1 FROM cases WHERE id = ?", [candidate]).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _create_case(db: sqlite_utils.Database, org_id: str, action: Action, doc: Document,
                 regulator: bool) -> str:
    day = action_day(action, doc)
    case_id = _new_case_id(db, org_id, action.action_type, day)
    now = utc_now()
    db.execute(
        "INSERT INTO cases (id, organisation_id, regulator, action_type, action_date, first_seen, "
        "updated_at, press_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, org_id, action.regulator or "ICO", action.action_type, day, now, now,
         0 if regulator else 1],
    )
    logger.info("new case %s%s", case_id, "" if regulator else " (press only)")
    return case_id


def merge_case(db: sqlite_utils.Database, keep_id: str, drop_id: str) -> None:
    """Move everything of case `drop_id` into `keep_id` and delete it (its id disappears)."""
    if keep_id == drop_id:
        return
    db.execute("INSERT OR IGNORE INTO case_documents (case_id, document_id, role, linked_at) "
               "SELECT ?, document_id, role, linked_at FROM case_documents WHERE case_id = ?",
               [keep_id, drop_id])
    db.execute("INSERT OR IGNORE INTO case_failures (case_id, failure) "
               "SELECT ?, failure FROM case_failures WHERE case_id = ?", [keep_id, drop_id])
    for table in ("case_history", "evidence"):
        db.execute(f"UPDATE {table} SET case_id = ? WHERE case_id = ?", [keep_id, drop_id])
    db.execute("DELETE FROM case_documents WHERE case_id = ?", [drop_id])
    db.execute("DELETE FROM case_failures WHERE case_id = ?", [drop_id])
    db.execute("DELETE FROM cases WHERE id = ?", [drop_id])
    logger.info("merged case %s into %s", drop_id, keep_id)


def _press_stage(db: sqlite_utils.Database, case_id: str, action: Action, day: str | None) -> str | None:
    """The stage a press report speaks of when it does not say: by its figure, else its date."""
    if action.status:
        return action.status
    amount = action_amount(action)
    rows = db.execute(
        "SELECT h.status, h.amount_gbp, h.date FROM case_history h JOIN case_documents cd "
        "ON cd.case_id = h.case_id AND cd.document_id = h.document_id AND cd.role = 'primary' "
        "WHERE h.case_id = ? AND h.status IS NOT NULL", [case_id]).fetchall()
    if amount is not None:
        for status, figure, _ in rows:
            if figure is not None and figures_agree(amount, figure):
                return status
    when = parse_day(day)
    final_days = [parse_day(d) for s, _, d in rows if s in FINAL_STAGES and parse_day(d)]
    if rows and when and final_days:
        return "provisional" if when < min(final_days) else "final"
    if rows and all(s == "provisional" for s, _, _ in rows):
        return "provisional"
    return None


def _add_history(db: sqlite_utils.Database, case_id: str, document_id: int, day: str | None,
                 status: str | None, amount: int | None, subjects: int | None,
                 reason: str | None) -> None:
    """Add a history row unless this document's latest row for the case says the same already."""
    last = db.execute(
        "SELECT date, status, amount_gbp, subjects_affected FROM case_history "
        "WHERE case_id = ? AND document_id = ? ORDER BY id DESC LIMIT 1", [case_id, document_id]
    ).fetchone()
    if last is not None and tuple(last) == (day, status, amount, subjects):
        return
    db.execute(
        "INSERT INTO case_history (case_id, date, status, amount_gbp, subjects_affected, document_id, "
        "reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, day, status, amount, subjects, document_id, reason, utc_now()],
    )


def _status_reason(action: Action) -> str | None:
    for key in ("status", "status_reason", "reason"):
        evidence = action.evidence.get(key)
        if evidence is not None and evidence.sentence:
            return evidence.sentence.strip()
    return None


def _record_figures(db: sqlite_utils.Database, case_id: str, document_id: int, doc: Document,
                    action: Action, regulator: bool) -> None:
    day = action_day(action, doc)
    status = action.status if regulator else _press_stage(db, case_id, action, day)
    amount = action_amount(action)
    if amount is not None or action.subjects_affected is not None or (regulator and status):
        _add_history(db, case_id, document_id, day, status, amount, action.subjects_affected,
                     _status_reason(action))
    # A final notice often recalls the provisional figure: keep it, once, as an earlier figure.
    if regulator and status in FINAL_STAGES and action.provisional_amount_gbp is not None \
            and action.provisional_amount_gbp != amount:
        known = db.execute("SELECT 1 FROM case_history WHERE case_id = ? AND status = 'provisional' "
                           "AND amount_gbp = ?", [case_id, action.provisional_amount_gbp]).fetchone()
        if not known:
            _add_history(db, case_id, document_id, None, "provisional", action.provisional_amount_gbp,
                         None, "the earlier (provisional) figure, as recalled by this document")

    for field_name, evidence in sorted(action.evidence.items()):
        if not evidence.sentence:
            continue
        if field_name.startswith("failure:"):
            value: Any = field_name.split(":", 1)[1]
        else:
            value = getattr(action, field_name, None)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
        db.execute(
            'INSERT INTO evidence (case_id, document_id, field, value, sentence, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [case_id, document_id, field_name, None if value is None else str(value),
             evidence.sentence, evidence.start, evidence.end],
        )
    if action.failures:
        codes = sorted(set(action.failures))
        ensure_failure_codes(db, codes)
        for code in codes:
            db.execute("INSERT OR IGNORE INTO case_failures (case_id, failure) VALUES (?, ?)",
                       [case_id, code])


def _current(rows: list[dict], key: str, where=lambda row: True) -> dict | None:
    """The row that speaks for the case on `key`: ICO first, then latest date, then later stage."""
    usable = [row for row in rows if row[key] is not None and where(row)]
    if not usable:
        return None
    return max(usable, key=lambda row: (row["role"] == "primary", row["date"] or "",
                                        STAGE_RANK.get(row["status"], 0), row["id"]))


def _first_provisional(rows: list[dict]) -> dict | None:
    """The provisional figure: the ICO's first one (an undated row recalled by a later notice
    counts as earliest), since a later "provisional" reading is more often a misread final."""
    usable = [row for row in rows if row["amount_gbp"] is not None and row["status"] == "provisional"]
    if not usable:
        return None
    return min(usable, key=lambda row: (row["role"] != "primary", row["date"] or "", row["id"]))


def refresh_case(db: sqlite_utils.Database, case_id: str) -> None:
    """Recompute the case row from its history, documents and failures (derived, never typed in)."""
    if not db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone():
        return
    rows = list(db.query(
        "SELECT h.*, coalesce(cd.role, 'coverage') AS role FROM case_history h "
        "LEFT JOIN case_documents cd ON cd.case_id = h.case_id AND cd.document_id = h.document_id "
        "WHERE h.case_id = ? ORDER BY h.id", [case_id]))
    status_row = _current(rows, "status")
    amount_row = _current(rows, "amount_gbp")
    subjects_row = _current(rows, "subjects_affected")
    provisional = _first_provisional(rows)
    final = _current(rows, "amount_gbp", lambda r: r["status"] in FINAL_STAGES)
    dated = _current(rows, "date")
    primary_docs = list(db.query(
        "SELECT d.* FROM case_documents cd JOIN documents d ON d.id = cd.document_id "
        "WHERE cd.case_id = ? AND cd.role = 'primary' "
        "ORDER BY coalesce(d.published, d.fetched_at) DESC, d.id DESC", [case_id]))
    all_docs = db.execute("SELECT count(*) FROM case_documents WHERE case_id = ?", [case_id]).fetchone()[0]
    failures = [code for (code,) in db.execute(
        "SELECT failure FROM case_failures WHERE case_id = ? ORDER BY failure", [case_id])]

    ico_url = next((d["url"] for d in primary_docs if d["kind"] == "enforcement_page"), None) \
        or next((d["parent_url"] for d in primary_docs if d["kind"] == "notice" and d["parent_url"]), None) \
        or next((d["url"] for d in primary_docs if d["kind"] in REGULATOR_KINDS), None)
    summary = next((d["summary"] for d in primary_docs if d["summary"]), None) \
        or next((d["title"] for d in primary_docs if d["title"]), None)
    if summary is None:
        title_row = db.execute(
            "SELECT d.title FROM case_documents cd JOIN documents d ON d.id = cd.document_id "
            "WHERE cd.case_id = ? AND d.title IS NOT NULL ORDER BY d.published, d.id LIMIT 1",
            [case_id]).fetchone()
        summary = title_row[0] if title_row else None
    sector = next((d["sector"] for d in primary_docs if d["sector"]), None)
    current = db.execute("SELECT action_date FROM cases WHERE id = ?", [case_id]).fetchone()
    action_date = (status_row or dated or {}).get("date") or current[0]
    year = int(action_date[:4]) if action_date and action_date[:4].isdigit() else None
    values = {
        "status": status_row["status"] if status_row else None,
        "status_reason": status_row["reason"] if status_row else None,
        "amount_gbp": amount_row["amount_gbp"] if amount_row else None,
        "provisional_amount_gbp": provisional["amount_gbp"] if provisional else None,
        "final_amount_gbp": final["amount_gbp"] if final else None,
        "subjects_affected": subjects_row["subjects_affected"] if subjects_row else None,
        "action_date": action_date,
        "year": year,
        "sector": sector,
        "failures": json.dumps(failures) if failures else None,
        "summary": summary,
        "ico_url": ico_url,
        "document_count": all_docs,
        "press_only": 0 if primary_docs else 1,
    }
    if sector:
        db.execute("UPDATE organisations SET sector = ? WHERE id = (SELECT organisation_id FROM cases "
                   "WHERE id = ?) AND sector IS NULL", [sector, case_id])
    changed = db.execute(
        "SELECT " + ", ".join(f"[{k}]" for k in values) + " FROM cases WHERE id = ?", [case_id]
    ).fetchone()
    if tuple(changed) != tuple(values.values()):
        values["updated_at"] = utc_now()
        db.execute("UPDATE cases SET " + ", ".join(f"[{k}] = ?" for k in values) + " WHERE id = ?",
                   [*values.values(), case_id])


# --------------------------------------------------------------------------------------------
# The entry point


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


def _case_org(db: sqlite_utils.Database, case_id: str) -> str:
    return db.execute("SELECT organisation_id FROM cases WHERE id = ?", [case_id]).fetchone()[0]


def _place(db: sqlite_utils.Database, doc: Document, action: Action, regulator: bool,
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
        case_id = case_named_in_text(db, doc, action)
        return (case_id, _case_org(db, case_id)) if case_id else (None, None)

    def fits(candidate: str) -> bool:
        return find_case(db, candidate, action, doc, regulator) is not None

    org_id = resolve_organisation(db, names, rules, fits=fits, create=regulator)
    case_id = find_case(db, org_id, action, doc, regulator, previous=previous) if org_id else None
    if case_id is None and not regulator:
        named = case_named_in_text(db, doc, action)
        if named is not None:
            logger.info("%s: no case of %r fits; the text names the organisation of case %s",
                        doc.url, names.primary, named)
            return named, _case_org(db, named)
    if org_id is None:
        org_id = resolve_organisation(db, names, rules, fits=fits)
    if org_id is None:
        return None, None
    if case_id is None:
        case_id = _create_case(db, org_id, action, doc, regulator)
    return case_id, org_id


def link_actions(db: sqlite_utils.Database, document_id: int, doc: Document, actions: list[Action],
                 rules: ManualRules) -> list[str]:
    """Link one document's actions to organisations and cases; returns its case ids in order.

    Relinking a document first removes its previous links and evidence (derived rows), but not
    its history rows: a figure a case once had stays in case_history.
    """
    regulator = is_regulator_document(doc)
    touched: set[str] = {cid for (cid,) in db.execute(
        "SELECT case_id FROM case_documents WHERE document_id = ?", [document_id])}
    db.execute("DELETE FROM evidence WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM case_documents WHERE document_id = ?", [document_id])

    linked: list[str] = []
    usable = [a for a in actions if a.action_type]
    for action in usable:
        case_id, org_id = _place(db, doc, action, regulator, rules, touched,
                                 single=len(usable) == 1)
        if case_id is None or org_id is None:
            continue
        if action.action_type != "other":
            # A case opened by a text that did not name the instrument takes the type the next
            # one names (its id, already published, stays).
            db.execute("UPDATE cases SET action_type = ? WHERE id = ? AND action_type = 'other'",
                       [action.action_type, case_id])
        if regulator:
            _absorb_press_only(db, case_id, org_id, action, doc)
        role = "primary" if regulator else "coverage"
        db.execute(
            "INSERT INTO case_documents (case_id, document_id, role, linked_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(case_id, document_id) DO UPDATE SET role = CASE WHEN excluded.role = 'primary' "
            "THEN 'primary' ELSE case_documents.role END",
            [case_id, document_id, role, utc_now()])
        _record_figures(db, case_id, document_id, doc, action, regulator)
        refresh_case(db, case_id)
        if case_id not in linked:
            linked.append(case_id)
    for case_id in sorted(touched - set(linked)):
        if not _drop_if_empty(db, case_id):
            refresh_case(db, case_id)
    organisations = {org for (org,) in db.execute(
        f"SELECT DISTINCT organisation_id FROM cases WHERE id IN ({', '.join('?' for _ in linked)})",
        linked)} if linked else set()
    for org in sorted(organisations):
        refresh_aliases_text(db, org)
    return linked


def case_named_in_text(db: sqlite_utils.Database, doc: Document, action: Action) -> str | None:
    """The one known case a press report must be about, though its extracted name is unknown.

    All three must hold, for exactly one case: the text names the case's organisation (one of its
    names, normalised, as whole words, at least 4 characters); a figure the report states agrees with a figure
    the case has had (amount or people affected, rounding allowed); and the report's action type
    and date fit the case as for any press report.
    """
    amount, subjects = action_amount(action), action.subjects_affected
    if amount is None and subjects is None:
        return None
    # Compared in normalised form, word-bounded: "23andMe, Inc." is named by "23andMe".
    text = f" {re.sub(r'[^a-z0-9]+', ' ', f'{doc.title or chr(32)} {doc.text}'.lower())} "
    matches: list[str] = []
    for org_id, key in db.execute(
            "SELECT DISTINCT a.organisation_id, a.normalised_alias FROM organisation_aliases a "
            "JOIN cases c ON c.organisation_id = a.organisation_id ORDER BY 1, 2").fetchall():
        if org_id in matches or len(key) < 4 or not is_meaningful(key):
            continue
        if f" {key} " in text:
            matches.append(org_id)
    found: list[str] = []
    for org_id in matches:
        case_id = find_case(db, org_id, action, doc, regulator=False)
        if case_id is None:
            continue
        figures = db.execute("SELECT amount_gbp, subjects_affected FROM case_history WHERE case_id = ?",
                             [case_id]).fetchall()
        if any((amount is not None and a is not None and figures_compatible(amount, a))
               or (subjects is not None and n is not None and figures_compatible(subjects, n))
               for a, n in figures):
            found.append(case_id)
    return found[0] if len(found) == 1 else None


def _drop_if_empty(db: sqlite_utils.Database, case_id: str) -> bool:
    """A case no document reports any more (its only article now reads differently) is removed,
    as a rebuild would remove it; returns True if it was."""
    if db.execute("SELECT 1 FROM case_documents WHERE case_id = ? LIMIT 1", [case_id]).fetchone():
        return False
    for table in ("evidence", "case_failures", "case_history"):
        db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    db.execute("DELETE FROM cases WHERE id = ?", [case_id])
    logger.info("case %s has no document left; removed", case_id)
    return True


def _absorb_press_only(db: sqlite_utils.Database, case_id: str, org_id: str, action: Action,
                       doc: Document) -> None:
    """An ICO document confirms the press-only cases that reported this very action."""
    day = parse_day(action_day(action, doc))
    for view in _case_views(db, org_id, action.action_type):
        if view.id == case_id or not view.press_only:
            continue
        if _regulator_fit(view, day, action.status, None) is not None:
            merge_case(db, case_id, view.id)

