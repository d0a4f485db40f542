"""The action's date, from the most trusted place a text states it.

In order: a notice's "Dated:" signature line, a tribunal's "Decision given on", the listing's
date, an ICO page's "Date" line, the first full date in a notice's opening, the document's
published date, a press page's own date line. (`dates.py` reads the dates themselves.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.dates import find_dated_line, find_dates
from pipeline.extract.rules.action_type import find_heading
from pipeline.extract.rules.document import Prepared, Span

DECISION_DATE_RE = re.compile(r"(?:decision given on|promulgated|date of decision|decision date)\s{0,8}:?\s{0,8}", re.I)
DATE_LINE_RE = re.compile(r"^\s{0,8}Date\s{0,8}", re.M)   # bounded: it is tried at every line


@dataclass(frozen=True)
class DateFinding:
    """The action's date (YYYY-MM-DD or YYYY-MM) and, when the text states it, where."""

    iso: str
    span: Span | None


def find_action_date(p: Prepared) -> DateFinding | None:
    """The action's date; see the module docstring for the order of trust."""
    text = p.clean.text
    dated = find_dated_line(text)
    if dated:
        return DateFinding(dated.iso, (dated.start, dated.end))
    m = DECISION_DATE_RE.search(text)
    if m:
        ds = find_dates(text[m.end():m.end() + 40])
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    if p.metadata.get("listed_date"):
        return DateFinding(str(p.metadata["listed_date"]), None)
    head = text[:1500]
    m = DATE_LINE_RE.search(head)
    if m:
        ds = find_dates(head[m.end():m.end() + 40])
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    if find_heading(head) or p.kind == "notice":
        ds = [d for d in find_dates(head) if len(d.iso) == 10]
        if ds:
            return DateFinding(ds[0].iso, (ds[0].start, ds[0].end))
    if p.published:
        return DateFinding(p.published, None)
    # A press page's own date line, right under its title and byline.
    for d in find_dates(text[:400]):
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
        if line == d.text.strip() and len(d.iso) == 10:
            return DateFinding(d.iso, (d.start, d.end))
    return None
