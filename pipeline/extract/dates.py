"""Dates as notices and articles write them, normalised to YYYY-MM-DD or YYYY-MM. Pure: no spaCy.

Forms: "7 August 2024", "7th August 2024", "the 5th day of June 2025", "August 7, 2024",
"August 2024", "07/08/2024" (UK order), "2024-08-07", and the signature line "Dated: 5 June 2025"
that fixes a notice's date.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

logger = logging.getLogger(__name__)

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(r"\b" + _DAY + r"\s+(?:day\s+of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b"),
    re.compile(r"\b(?P<dnum>[0-3]?\d)/(?P<mnum>[01]?\d)/" + _YEAR + r"\b"),
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
]
_DATED_RE = re.compile(r"\bDated\s*(?::|the|on)?\s*", re.I)


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text: ISO form ("2024-08-07" or "2024-08") and where it was written."""

    iso: str
    start: int
    end: int
    text: str


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
    else:
        month = int(groups["mnum"])
    day_text = groups.get("day") or groups.get("dnum")
    if not 1 <= month <= 12:
        return None
    if day_text is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(day_text)).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateSpan]:
    """Every date in `text`, in order, the most specific reading of each place."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:   # most specific first; later patterns skip places already read
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            iso = _iso(m)
            if iso:
                found.append(DateSpan(iso, m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD (or YYYY-MM when no day is given), else None."""
    dates = find_dates(text)
    return dates[0].iso if dates else None


def find_dated_line(text: str) -> DateSpan | None:
    """The date of a notice's signature line ("Dated: 5 June 2025", "Dated the 5th day of...").

    The last one wins: a notice quotes earlier letters' dates, but it is signed at the end.
    """
    best: DateSpan | None = None
    for m in _DATED_RE.finditer(text):
        window = text[m.end():m.end() + 40]
        dates = find_dates(window)
        if dates and dates[0].start <= 3:
            d = dates[0]
            best = DateSpan(d.iso, m.end() + d.start, m.end() + d.end, d.text)
    return best
