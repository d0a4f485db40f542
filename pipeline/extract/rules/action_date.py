"""The action's date, from the most trusted place a text states it.

In order of trust: a notice's "Dated:" signature line, a tribunal's "Decision given on", the date
the text gives the action itself ("On 13th November 2020 X was fined", "In March 2025, the ICO
fined", "yesterday issued a notice of intent" read against the page's date), the listing's date,
an ICO page's "Date" line, the first full date in a notice's opening, the document's published
date, a press page's own date line ("Posted 31 July 2024 by"). A breach's date or a law's is never
the action's. (`dates.py` reads the dates and says which are the action's.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.dates import (
    action_dates_in,
    find_dated_line,
    find_dates,
    find_publication_date,
    relative_action_date,
)
from pipeline.extract.rules.action_type import find_heading
from pipeline.extract.rules.document import Prepared, Span

DECISION_DATE_RE = re.compile(r"(?:decision given on|promulgated|date of decision|decision date)\s{0,8}:?\s{0,8}", re.I)
# bounded: it is tried at every line
DATE_LINE_RE = re.compile(r"^[\s•*-]{0,8}Date\s{0,8}:?\s{0,8}", re.M)
# Past this many sentences a press page is into background and other cases.
ACTION_DATE_SENTENCES = 60


@dataclass(frozen=True)
class DateFinding:
    """The action's date (YYYY-MM-DD or YYYY-MM) and, when the text states it, where."""

    iso: str
    span: Span | None


def find_action_date(p: Prepared, status: str | None = None) -> DateFinding | None:
    """The action's date; see the module docstring for the order of trust.

    `status` is the action's: in the story of a final penalty, the date of its notice of intent
    is not the action's. A month the text gives ("In March 2025, the ICO fined") takes its day
    from the register's date when that falls in the same month.
    """
    text = p.clean.text
    dated = find_dated_line(text)
    if dated:
        return DateFinding(dated.iso, (dated.start, dated.end))
    m = DECISION_DATE_RE.search(text)
    if m:
        ds = find_dates(text[m.end():m.end() + 40])
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    head = text[:1500]
    register = _register_date(p, head)
    pairs = [(s.start, s.text) for s in p.sentences[:ACTION_DATE_SENTENCES]]
    in_text = action_dates_in(pairs, final=status != "provisional")
    if in_text:
        found = in_text[0]
        if len(found.iso) == 7 and register and len(register.iso) == 10 and register.iso.startswith(found.iso):
            return register
        return DateFinding(found.iso, (found.start, found.end))
    page_date = find_publication_date(text[:400])
    relative = relative_action_date(pairs, p.published or (page_date.iso if page_date else None))
    if relative:
        return DateFinding(relative.iso, (relative.start, relative.end))
    if register:
        return register
    if p.published:
        return DateFinding(p.published, None)
    # A press page's own date line, right under its title and byline.
    if page_date:
        return DateFinding(page_date.iso, (page_date.start, page_date.end))
    return None


def _register_date(p: Prepared, head: str) -> DateFinding | None:
    """The date the register gives: the listing's date, an ICO page's "Date" line, or the first
    full date in a notice's opening."""
    if p.metadata.get("listed_date"):
        return DateFinding(str(p.metadata["listed_date"]), None)
    m = DATE_LINE_RE.search(head)
    if m:
        ds = find_dates(head[m.end():m.end() + 40])
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    if find_heading(head) or p.kind == "notice":
        ds = [d for d in find_dates(head) if len(d.iso) == 10]
        if ds:
            return DateFinding(ds[0].iso, (ds[0].start, ds[0].end))
    return None
