"""Dates as notices and articles write them, normalised to YYYY-MM-DD or YYYY-MM. Pure: no spaCy.

Forms: "7 August 2024", "7th August 2024", "the 5th day of June 2025", "August 7, 2024",
"August 2024", "07/08/2024" (UK order), "2024-08-07", and the signature line "Dated: 5 June 2025"
that fixes a notice's date.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
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


# ---- which date is the action's -------------------------------------------------------------------
# Words that make a sentence report the regulator's action: "fined", "issued a reprimand", "announced".
ACTION_CUE_RE = re.compile(
    r"\b(?:fined|fines|fining|fine|penalt(?:y|ies)|reprimand\w*|enforcement\s+notice|notice\s+of\s+intent|"
    r"impos\w+|issu(?:ed|es|ing)|serv(?:ed|es)|announc\w+|levied|slapped|handed|hit\s+with|settled|"
    r"confirmed|concluded|decided|ordered|intention\s+to)\b", re.I)
# Words for the breach, the investigation or a law: a date next to them is not the action's.
_NOT_ACTION_CUE_RE = re.compile(
    r"\b(?:breach\w*|attack\w*|cyber\w*|hack\w*|ransomware|incident|occurr\w+|happened|took\s+place|"
    r"discover\w+|compromis\w+|accessed|gained\s+access|stole|stolen|leak\w*|suffered|exposed|"
    r"came\s+into\s+(?:force|effect)|in\s+force|implement\w+|introduc\w+|enact\w+|acquir\w+|"
    r"notified|reported|alert\w*|investigat\w+|launched|began|started|opened|"
    # "the data was published online" is the breach; "published details of a reprimand" is the action
    r"(?:published|released)(?!\s+(?:details\s+of\s+)?(?:a|an|the|its)?\s*(?:reprimand|penalty|fine|"
    r"enforcement|monetary))|"
    r"deadline|complaint\w*|act\s+(?:19|20)\d\d|regulations?\s+(?:19|20)\d\d)\b", re.I)
# A date that bounds a period or sets a deadline ("between 2-4 August 2022", "by 6 June 2024").
_PERIOD_BEFORE_RE = re.compile(r"\b(?:since|until|till|from|between|by|before|after|prior\s+to|"
                               r"through|to|and|as\s+of|ending|ended)\s+(?:the\s+)?(?:\d{1,2}\s*[-–]\s*)?$", re.I)
# Words for a proposal; in the story of a final penalty, their date is the notice of intent's.
_PROPOSAL_RE = re.compile(r"\b(?:intend\w*|intention|propos\w+|provisional\w*|notice\s+of\s+intent|"
                          r"initially|originally|preliminary)\b", re.I)
_RELATIVE_RE = re.compile(r"\b(?P<word>yesterday|today|this\s+morning)\b", re.I)
# A page's own date: "Posted 31 July 2024 by", "Last updated 3rd Oct 2024", "Published: 5 May 2025",
# "Written by X | Apr 14, 2025", "date 2016-10-05", "• Date: 14 April 2025".
_PUBLISHED_CUE_RE = re.compile(
    r"(?:\b(?:posted|published|updated|last\s+updated|first\s+published|date)\b\s*(?:on)?\s*:?\s*|"
    r"\bwritten\s+by\s+[^|\n]{1,40}\|\s*)$", re.I)
# How far (characters) an action word may be from a date and still be the date's verb.
_CUE_REACH = 90


def _qualified_by_proposal(text: str, m: re.Match[str]) -> bool:
    """'provisional penalty', 'proposed £17m fine', 'announced a provisional penalty': the action
    word is about a proposal when a proposal word stands right next to it."""
    return _PROPOSAL_RE.search(text[max(0, m.start() - 20):m.end() + 20]) is not None


def _nearest(regex: re.Pattern[str], text: str, start: int, end: int,
             skip: Callable[[str, re.Match[str]], bool] | None = None) -> int | None:
    """Distance from the date [start, end) to the nearest match of `regex` in `text` (matches for
    which `skip` says so do not count)."""
    best: int | None = None
    lo, hi = max(0, start - _CUE_REACH), min(len(text), end + _CUE_REACH)
    # Only the date's own line: a headline's last words do not qualify a date on the next line.
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    lo, hi = max(lo, line_start), min(hi, line_end if line_end >= 0 else hi)
    for m in regex.finditer(text, lo, hi):
        if skip is not None and skip(text, m):
            continue
        d = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
        if best is None or d < best:
            best = d
    return best


def action_dates_in(sentences: list[tuple[int, str]], *, final: bool = True) -> list[DateSpan]:
    """Dates the text gives the action itself, best first: "On 13th November 2020 X was fined",
    "In March 2025, the ICO fined", "announced on June 25, 2025".

    `sentences` are (offset, text) pairs; spans come back in the offsets of the whole text. A date
    counts when an action word is closer to it than any word for the breach, the investigation or
    a law, and it does not bound a period ("between", "until", "by"). In the story of a final
    penalty (`final`), a date nearer a word for a proposal than to the action ("We announced a
    provisional penalty in August 2024", "Nov 2021 | Proposed £17m fine") is the notice of intent's,
    so it is passed over; an action word a proposal qualifies ("provisional penalty") is no action
    word then. Month-only dates count: press often writes only "in May 2022".
    """
    found: list[DateSpan] = []
    for offset, text in sentences:
        if not ACTION_CUE_RE.search(text):
            continue
        for d in find_dates(text):
            if _PERIOD_BEFORE_RE.search(text[max(0, d.start - 25):d.start]):
                continue
            cue = _nearest(ACTION_CUE_RE, text, d.start, d.end,
                           skip=_qualified_by_proposal if final else None)
            if cue is None:
                continue
            other = _nearest(_NOT_ACTION_CUE_RE, text, d.start, d.end)
            if other is not None and other < cue:
                continue
            proposal = _nearest(_PROPOSAL_RE, text, d.start, d.end) if final else None
            if proposal is not None and proposal <= cue:
                continue
            found.append(DateSpan(d.iso, offset + d.start, offset + d.end, d.text))
    return found


def relative_action_date(sentences: list[tuple[int, str]], published: str | None) -> DateSpan | None:
    """"yesterday issuing a notice of intent", read against the page's own date."""
    if not published or len(published) < 10:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    for offset, text in sentences:
        m = _RELATIVE_RE.search(text)
        if not m or not ACTION_CUE_RE.search(text):
            continue
        cue = _nearest(ACTION_CUE_RE, text, m.start(), m.end())
        if cue is None or cue > 60:
            continue
        when = day if m.group("word").lower() != "yesterday" else date.fromordinal(day.toordinal() - 1)
        return DateSpan(when.isoformat(), offset + m.start(), offset + m.end(), m.group(0))
    return None


def find_publication_date(head: str) -> DateSpan | None:
    """A page's own date in its opening: a date line of its own, or one introduced as the posting,
    update or publication date ("Posted 31 July 2024 by", "Last updated 3rd Oct 2024")."""
    for d in find_dates(head):
        before = head[max(0, d.start - 60):d.start]
        line_start = head.rfind("\n", 0, d.start) + 1
        line_end = head.find("\n", d.end)
        line = head[line_start: line_end if line_end >= 0 else len(head)].strip()
        alone = line == d.text.strip() and len(d.iso) == 10
        if alone or _PUBLISHED_CUE_RE.search(before):
            return d
    return None
