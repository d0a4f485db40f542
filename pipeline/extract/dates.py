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
# The full month names, capitalised as prose writes them (the name rules read "1 February Jane Marsh" with them).
MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year ends at a word boundary, or runs into a blog's reading time ("March 22, 20262 min read").
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\b|(?=\d{1,2}\s*min(?:ute)?s?\s+read))"
# A day before its month: "7 August", "7th August", "9thMay" (the space lost after an ordinal).
_DAY_FIRST = r"\b(?P<day>[0-3]?\d)(?:(?:st|nd|rd|th)\s*|\s+)"
# A notice's signature as OCR leaves it: "the 4 thday of", "the 28day of", "the 17hday of",
# "the 30° day of", "the 22 nd day of".
_DAY_OF = r"\b(?P<day>[0-3]?\d)\s?(?:st|nd|rd|th|h|t|°)?\s*day\s+of\s+"

_PATTERNS = [
    re.compile(_DAY_OF + _MONTH + r",?\s+" + _YEAR, re.I),
    re.compile(_DAY_FIRST + r"(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),      # "12th of March 2019"
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)(?:\b|(?=T\d))"),  # also "2019-03-12T10:00"
    re.compile(r"\b(?P<dnum>[0-3]?\d)([/.])(?P<mnum>[01]?\d)\2" + _YEAR + r"\b"),     # "12/03/2019", "12.03.2019"
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR, re.I),
    # a database's or a feed's form: "27/Mar/2020", "28-Mar-2019"
    re.compile(r"\b(?P<day>[0-3]?\d)([-/])" + _MONTH + r"\2" + _YEAR, re.I),
    # a two-digit year, only as a date line of its own ("04/05/16" under a headline)
    re.compile(r"^[ \t]{0,8}(?P<dnum>[0-3]?\d)/(?P<mnum>[01]?\d)/(?P<yy>[0-3]\d)[ \t]{0,8}$", re.M),
]
# A signature line starts its line ("Dated the 5th day of June 2025", "Dated: 5 June 2025"; OCR may
# glue a page number to it: "20Dated the..."); "a letter dated 10 May 2023" inside a line is a
# reference to another paper, not the notice's own date.
_DATED_RE = re.compile(r"^[ \t\xa0]*\d{0,3}Dated\b[ \t]*(?::|the|on)?[ \t]*", re.M)


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text: ISO form ("2024-08-07" or "2024-08") and where it was written."""

    iso: str
    start: int
    end: int
    text: str


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["yy"])
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


# A day and month with no year: "on 12 March", "On 13th November", "on March 12". The month is
# capitalised ("may" is also a verb) and no year follows.
_CAP_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEARLESS_PATTERNS = [
    re.compile(r"\b[Oo]n\s+(?:the\s+)?(?P<day>[0-3]?\d)(?:(?:st|nd|rd|th)\s*|\s+)(?:of\s+)?" + _CAP_MONTH
               + r"\b(?!,?\s*(?:19|20)\d\d)"),
    re.compile(r"\b[Oo]n\s+" + _CAP_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)?\d\d)"),
]


def find_yearless_dates(text: str, reference: str) -> list[DateSpan]:
    """Days written without their year ("on 12 March", "On 13th November"), given the year that
    puts them on or before `reference` (the page's own date, YYYY-MM-DD): a report tells of what
    has happened, so "on 12 December" on a page of 3 January is last year's."""
    try:
        ref = date.fromisoformat(reference[:10])
    except ValueError:
        return []
    found: list[DateSpan] = []
    for pattern in _YEARLESS_PATTERNS:
        for m in pattern.finditer(text):
            month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
            start = min(m.start("day"), m.start("month"))
            for year in (ref.year, ref.year - 1):
                try:
                    when = date(year, month, day)
                except ValueError:
                    continue
                if when <= ref:
                    found.append(DateSpan(when.isoformat(), start, m.end(), text[start:m.end()]))
                    break
    found.sort(key=lambda d: d.start)
    return found


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
    r"\b(?:fined|fines|fining|fine|penalt(?:y|ies)|reprimand\w*|enforcement\s+(?:notice|action)|notice\s+of\s+intent|"
    r"undertakings?|"
    r"impos\w+|penalis\w+|penaliz\w+|sanction\w*|issu(?:ed|es|ing)|serv(?:ed|es)|announc\w+|levied|slapped|"
    r"handed|hit\s+with|settled|"
    r"concluded|decided|ordered|ruling|intention\s+to|"
    # the regulator confirming is its action; a company confirming a fact is not
    r"(?:ICO|regulator|commissioner|watchdog|office)\s+(?:has\s+|had\s+|also\s+)?confirmed|"
    # a prosecution: "was prosecuted", "pleaded guilty", "appeared at Coventry Magistrates' Court"
    r"prosecut\w+|pleaded\s+guilty|found\s+guilty|convicted|sentenced|(?:magistrates|crown)['’]?\s+court|"
    # a court appearance: "appeared before magistrates in Bootle on 24 September 2018"
    r"appeared\s+(?:before|at))\b",
    re.I)
# Words for the breach, the investigation or a law: a date next to them is not the action's.
_NOT_ACTION_CUE_RE = re.compile(
    r"\b(?:breach\w*|attack\w*|cyber\w*|hack\w*|ransomware|incident|occurr\w+|happened|"
    r"(?<!hearing that )(?<!hearing )took\s+place|"     # a breach took place; a court hearing is the action
    r"discover\w+|compromis\w+|accessed|gained\s+access|stole|stolen|leak\w*|suffered|exposed|"
    r"came\s+into\s+(?:force|effect)|in\s+force|powers?|licen[cs]e[ds]?|implement\w+|introduc\w+|enact\w+|acquir\w+|"
    r"notified|reported|alert\w*|investigat\w+|launched|began|started|opened|contacted|wrote\s+to|appeal\w*|"
    # "the data was published online" is the breach; "published details of a reprimand" is the action
    r"(?:published|released)(?!\s+(?:details\s+of\s+)?(?:a|an|the|its)?\s*(?:reprimand|penalty|fine|"
    r"enforcement|monetary))|"
    r"deadline|complaint\w*|act\s+(?:19|20)\d\d|regulations?\s+(?:19|20)\d\d)\b", re.I)
# A date that bounds a period or sets a deadline ("between 2-4 August 2022", "by 6 June 2024").
_PERIOD_BEFORE_RE = re.compile(r"\b(?:since|until|till|from|between|by|before|after|prior\s+to|"
                               r"through|to|and|as\s+of|ending|ended)\s+(?:the\s+)?(?:\d{1,2}\s*[-–]\s*)?$", re.I)
# A date that opens a sentence or a reported clause ("On 14 August 2022, an attacker gained access",
# "... states that on 14 August 2022, ..."): the clause after it says what happened that day, so
# only cue words after it count.
_CLAUSE_OPENER_RE = re.compile(r"(?:^|\bthat|\bwhen)\s*(?:on|in)\s+(?:the\s+)?$", re.I)
# Words for a proposal; in the story of a final penalty, their date is the notice of intent's.
_PROPOSAL_RE = re.compile(r"\b(?:intend\w*|intention|propos\w+|provisional\w*|notice\s+of\s+intent|"
                          r"initially|originally|preliminary)\b", re.I)
_RELATIVE_RE = re.compile(r"\b(?P<word>yesterday|today|this\s+morning)\b", re.I)
# A page's own date: "Posted 31 July 2024 by", "Last updated 3rd Oct 2024", "Published: 5 May 2025",
# "Written by X | Apr 14, 2025", "date 2016-10-05", "• Date: 14 April 2025".
# Also a byline that starts its line ("By Jo Bloggs | 12 March 2019", "Posted by Jo Bloggs on 12
# March 2019") and a time before the date ("Updated: 12:05, 12 Mar 2019").
_PUBLISHED_CUE_RE = re.compile(
    # "Published: Tuesday 9th December 2014", "Article added: 30/08/2017", "Posted in Security, 1st March 2012"
    # "News release: 17 December 2013", "Page last updated at 17:24 GMT, Saturday, 24 January 2009"
    r"(?:\b(?:posted|published|updated|last\s+updated|first\s+published|date|added|(?:news|press)\s+release)\b"
    r"\s*(?:on)?\s*[:\-–—]?\s*(?:at\s+\d{1,2}[:.]\d{2}\s*(?:GMT|BST|UTC)?\s*,?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?|"
    r"\bposted\s+in\s+[^,\n]{1,40},\s*|"
    r"\bwritten\s+by\s+[^|\n]{1,40}\|\s*|"
    r"(?:^|\n)[ \t]*(?:posted\s+|published\s+|written\s+)?by\s+[^|,\n]{1,40}?\s*(?:[|,–—]|\bon\b)\s*)"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*,?\s*)?$", re.I)
# A date line of its own may carry a weekday or a bullet before it ("Tuesday, March 19, 2019",
# "- 18 July 2018") and a time, a reading time or a section's name after it ("9 Mar 2015 03:52 PM",
# "Wed 18 Jul 2018 20.02 EDT", "March 22, 2026 2 min read", "05 Apr 2017 News", "12 March 2019 by
# Jo Bloggs").
# An author's name may come first on the line, even run into the weekday ("Jo BloggsThursday 21 June
# 2012", "Jo Bloggs 30 October 2013"), but not a field's label ("When 14 December 2011").
_BYLINE_NAME = (r"(?:(?-i:(?!(?:When|On|In|From|Since|Until|Before|After|Between|Date|Dated|Updated|Posted|"
                r"Published)\b)[A-Z][A-Za-z'’.-]+(?:[ \t]+[A-Z][A-Za-z'’.-]+){0,2})[ \t,|–—-]*)?")
# A site's name may come first, set off by a bar ("Out-Law News | 11 Feb 2019 | 12:07 pm"), and a
# time may come before the weekday ("10:30am Tuesday 24th April 2012 in Oxford By Jo Bloggs").
_DATELINE_BEFORE_RE = re.compile(
    r"^[\s•*|\-–—]*(?:[^\n|.]{1,40}\|[ \t]*)?" + _BYLINE_NAME
    + r"(?:\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?)?[ \t]+)?"
    + r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?$", re.I)
_NAVIGATION_RE = re.compile(r"[^\n]{0,80}(?:>|»|\|)|(?:Home|Menu|Skip to|Search|Log ?in|Sign ?in|Subscribe)\b", re.I)
_TIME_AFTER_RE = re.compile(r"^[ \t,|•\-–—]{0,4}\d{1,2}[:.]\d{2}\b")
_WEEKDAY_RE = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b", re.I)
_DATELINE_AFTER_RE = re.compile(
    r"^[ \t]*[|,•\-–—]?[ \t]*(?:$|(?:at[ \t]+|\()?\d{1,2}[:.]\d{2}(?:[ \t]?[AaPp][Mm])?\b|\d{1,2}[ \t]*(?:min(?:ute)?s?|MIN(?:UTE)?S?)[ \t]+(?:read|READ)|"
    r"[Rr]ead(?:ing)?[ \t]+[Tt]ime\b|"
    r"[A-Z][A-Za-z]*(?:[ \t]+[A-Za-z]+)?[ \t]*$|(?:in[ \t]+[A-Z][\w'’-]*[ \t]+)?[Bb]y[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}[ \t]*$)")
# What an action verb may announce that is no action: "announced three investigations", "issued
# guidance", "published a statement".
_NO_ACTION_OBJECT_RE = re.compile(r"\W{1,5}(?:\w{1,20}\W{1,5}){0,2}?(?:investigations?|inquir(?:y|ies)|probes?|"
                                  r"consultations?|guidance|statements?)\b", re.I)
# "The penalty comes after the director was prosecuted on 8 October 2013": past this connector the
# sentence tells an earlier event.
_EARLIER_EVENT_RE = re.compile(r"\b(?:comes?\s+after|came\s+after|follows|followed|in\s+the\s+wake\s+of)\b", re.I)
# How far (characters) an action word may be from a date and still be the date's verb.
_CUE_REACH = 90


def _qualified_by_proposal(text: str, m: re.Match[str]) -> bool:
    """'provisional penalty', 'proposed £17m fine', 'announced a provisional penalty': the action
    word is about a proposal when a proposal word stands right next to it."""
    return _PROPOSAL_RE.search(text[max(0, m.start() - 20):m.end() + 20]) is not None


def _names_no_action(text: str, m: re.Match[str]) -> bool:
    """'announced three investigations', 'issued guidance': the verb's object is no action."""
    return _NO_ACTION_OBJECT_RE.match(text, m.end()) is not None


def _proposal_or_no_action(text: str, m: re.Match[str]) -> bool:
    return _qualified_by_proposal(text, m) or _names_no_action(text, m)


def _nearest(regex: re.Pattern[str], text: str, start: int, end: int,
             skip: Callable[[str, re.Match[str]], bool] | None = None, after_only: bool = False) -> int | None:
    """Distance from the date [start, end) to the nearest match of `regex` in `text` (matches for
    which `skip` says so do not count; with `after_only`, only matches after the date)."""
    best: int | None = None
    lo, hi = (end if after_only else max(0, start - _CUE_REACH)), min(len(text), end + _CUE_REACH)
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


def action_dates_in(sentences: list[tuple[int, str]], *, final: bool = True,
                    reference: str | None = None) -> list[DateSpan]:
    """Dates the text gives the action itself, best first: "On 13th November 2020 X was fined",
    "In March 2025, the ICO fined", "announced on June 25, 2025".

    `sentences` are (offset, text) pairs; spans come back in the offsets of the whole text. A date
    counts when an action word is closer to it than any word for the breach, the investigation or
    a law, and it does not bound a period ("between", "until", "by"). In the story of a final
    penalty (`final`), a date nearer a word for a proposal than to the action ("We announced a
    provisional penalty in August 2024", "Nov 2021 | Proposed £17m fine") is the notice of intent's,
    so it is passed over; an action word a proposal qualifies ("provisional penalty") is no action
    word then. Month-only dates count: press often writes only "in May 2022". With a `reference`
    (the page's own date), a day written without its year ("on 12 March") counts too, in the year
    that puts it on or before the page's date.
    """
    found: list[DateSpan] = []
    for offset, text in sentences:
        if not ACTION_CUE_RE.search(text):
            continue
        dates = find_dates(text)
        if reference and len(reference) >= 10:
            dates += [y for y in find_yearless_dates(text, reference)
                      if not any(d.start < y.end and y.start < d.end for d in dates)]
            dates.sort(key=lambda d: d.start)
        for d in dates:
            if _PERIOD_BEFORE_RE.search(text[max(0, d.start - 25):d.start]):
                continue
            opens = (_CLAUSE_OPENER_RE.search(text[max(0, d.start - 30):d.start]) is not None
                     and text[d.end:d.end + 1] == ",")
            cue = _nearest(ACTION_CUE_RE, text, d.start, d.end,
                           skip=_proposal_or_no_action if final else _names_no_action, after_only=opens)
            if cue is None or _after_earlier_event(text, d.start):
                continue
            other = _nearest(_NOT_ACTION_CUE_RE, text, d.start, d.end, after_only=opens)
            if other is not None and other < cue:
                continue
            proposal = _nearest(_PROPOSAL_RE, text, d.start, d.end, after_only=opens) if final else None
            if proposal is not None and proposal <= cue:
                continue
            found.append(DateSpan(d.iso, offset + d.start, offset + d.end, d.text))
    return found


def _after_earlier_event(text: str, start: int) -> bool:
    """Whether the date sits past "comes after" / "follows" that itself follows an action word:
    "The fine comes after its director was prosecuted on 8 October 2013"."""
    link = None
    for link in _EARLIER_EVENT_RE.finditer(text, 0, start):
        pass
    return link is not None and ACTION_CUE_RE.search(text, 0, link.start()) is not None


# A month named without its year: "In January, we concluded", "At the end of June, the ICO took".
_YEARLESS_MONTH_RE = re.compile(r"\b(?:[Ii]n|[Oo]f|[Dd]uring)\s+(?:early\s+|late\s+|mid-)?" + _CAP_MONTH
                                + r"\b(?!\s*\d)")


def yearless_month_action_date(sentences: list[tuple[int, str]], text: str) -> DateSpan | None:
    """A month without its year in an action sentence ("In January, we concluded the cases
    below"), given the year the page writes with that same month elsewhere ("June 2018" as a
    heading, "to the end of January 2019"), when it writes only one."""
    for offset, sentence in sentences:
        if not ACTION_CUE_RE.search(sentence):
            continue
        for m in _YEARLESS_MONTH_RE.finditer(sentence):
            cue = _nearest(ACTION_CUE_RE, sentence, m.start("month"), m.end(), skip=_names_no_action)
            other = _nearest(_NOT_ACTION_CUE_RE, sentence, m.start("month"), m.end())
            if cue is None or (other is not None and other < cue):
                continue
            month = MONTHS[m.group("month").lower().rstrip(".")]
            years = {d.iso[:4] for d in find_dates(text) if int(d.iso[5:7]) == month}
            if len(years) == 1:
                return DateSpan(f"{years.pop()}-{month:02d}", offset + m.start("month"), offset + m.end(),
                                m.group("month"))
    return None


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


# A dated address: "https://news.example.org/2019/03/12/firm-fined" or ".../news-and-blogs/2019/03/...".
_URL_DATE_RE = re.compile(r"https?://[^\s/]+/(?:[^\s]*?/)?(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/"
                          r"(?:(?P<dnum>[0-3]?\d)/)?")


def find_url_date(head: str) -> DateSpan | None:
    """The date in the address of a page the excerpt prints ("URL: https://site/2019/03/12/story"):
    the day when the address gives one, else the month. The last resort for a page's date."""
    for m in _URL_DATE_RE.finditer(head):
        iso = _iso(m)
        if iso:
            return DateSpan(iso, m.start("year"), m.end(), m.group(0)[m.start("year") - m.start():])
    return None


def find_publication_date(head: str, cue_only: bool = False) -> DateSpan | None:
    """A page's own date in its opening: a date line of its own (with at most a weekday, a time or
    a section's name beside it), or one introduced as the posting, update or publication date
    ("Posted 31 July 2024 by", "Last updated 3rd Oct 2024"). With `cue_only`, only the latter: a
    page may print "Published: 9th December 2014" below its story."""
    for d in find_dates(head):
        if cue_only:
            if _PUBLISHED_CUE_RE.search(head[max(0, d.start - 60):d.start]):
                return d
            continue
        before = head[max(0, d.start - 60):d.start]
        line_start = head.rfind("\n", 0, d.start) + 1
        line_end = head.find("\n", d.end)
        line_end = line_end if line_end >= 0 else len(head)
        before_on_line = head[line_start:d.start]
        alone = (len(d.iso) == 10 and _DATELINE_BEFORE_RE.match(before_on_line) is not None
                 and _DATELINE_AFTER_RE.match(head[d.end:line_end]) is not None)
        # "Friday, April 26, 2024" as a page's very first line, above its title, is the site
        # header's date of today, not the story's.
        # A time beside it makes it the story's stamp ("Monday 24 June 2019 1:57 pm"), and so does a
        # headline under it; a site's navigation under it ("Home > News > ...") makes it the header's.
        if alone and not head[:line_start].strip() and _WEEKDAY_RE.search(before_on_line) \
                and not _TIME_AFTER_RE.match(head[d.end:line_end]) \
                and _NAVIGATION_RE.match(head[line_end:line_end + 200].strip()):
            continue
        if alone or _PUBLISHED_CUE_RE.search(before):
            return d
    return None


# A breach log's fields ("Regulatory action / Undertaking issued ...", "When / 17 March 2010"): the
# date on a line of its own after the first entry's regulatory action (labelled "When" or not) is the
# date of that action.
_LOG_ACTION_FIELD_RE = re.compile(r"^[ \t]{0,8}Regulatory action[ \t]{0,8}:?[ \t]{0,8}$", re.M)
_LOG_DATE_LINE_RE = re.compile(r"^[ \t]{0,8}(?:When[ \t]{0,8}:?[ \t]{0,8}\n[ \t]{0,8})?(?P<date>[^\n]{6,30}?)[ \t.]*$", re.M)
LOG_ENTRY_CHARS = 2500


def find_logged_date(text: str) -> DateSpan | None:
    """The date line after a breach log's first "Regulatory action" field."""
    action = _LOG_ACTION_FIELD_RE.search(text)
    if not action:
        return None
    for m in _LOG_DATE_LINE_RE.finditer(text, action.end(), action.end() + LOG_ENTRY_CHARS):
        line = m.group("date").strip()
        dates = find_dates(line)
        if dates and len(dates[0].text) >= len(line) - 2:
            d = dates[0]
            return DateSpan(d.iso, m.start("date") + d.start, m.start("date") + d.end, d.text)
    return None
