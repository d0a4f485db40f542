"""The action's date, from the most trusted place a text states it.

In order of trust: a notice's "Dated:" signature line, a tribunal's "Decision given on" (when it
upholds a penalty, the notice's own date first), the date the text gives the action itself ("On 13th November 2020 X was fined", "In March 2025, the ICO
fined", "yesterday issued a notice of intent" read against the page's date), the listing's date,
an ICO page's "Date" line, the first full date in a notice's opening, the document's published
date, a press page's own date line ("Posted 31 July 2024 by"). A breach's date or a law's is never
the action's. (`dates.py` reads the dates and says which are the action's.)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.extract.dates import (
    action_dates_in,
    find_dated_line,
    find_dates,
    find_logged_date,
    find_publication_date,
    find_url_date,
    relative_action_date,
    yearless_month_action_date,
)
from pipeline.extract.rules.action_type import find_heading
from pipeline.extract.rules.document import LOG_FIELDS_CHARS, Prepared, Sentence, Span
from pipeline.extract.text import STORED_DATELINE

DECISION_DATE_RE = re.compile(r"(?:decision given on|promulgated|date of decision|decision date)\s{0,8}:?\s{0,8}", re.I)
# bounded: it is tried at every line
DATE_LINE_RE = re.compile(r"^[\s•*-]{0,8}Date\s{0,8}:?\s{0,8}", re.M)
# Past this many sentences a press page is into background and other cases.
ACTION_DATE_SENTENCES = 60
# A page's own date line sits under its title, byline and, on some pages, a cookie or survey banner.
PAGE_DATE_CHARS = 1000
# ... and a date said to be the page's ("Published: 9th December 2014") may sit below the story.
PUBLISHED_CUE_CHARS = 20_000
# A listing's fields: "Action Enforcement Notice" then "When 04 June 2013" on the next line (the
# breach's own "When" line follows the breach's fields, not an "Action" line).
# The action's line may run on over a few lines ("Enforcement notice issued to ensure that...").
ACTION_WHEN_RE = re.compile(r"^[ \t•*-]{0,8}Action\b[^\n]{0,120}\n(?:(?![ \t•*-]{0,8}(?:When|Why|What)\b)[^\n]{0,300}\n){0,3}"
                            r"[ \t•*-]{0,8}When\s{0,8}:?\s{0,8}", re.M)


# A stored page's own date, a line of its own before its first words (see `text.split_sentences`).
_DATELINE_ONLY_RE = re.compile(STORED_DATELINE)


@dataclass(frozen=True)
class DateFinding:
    """The action's date (YYYY-MM-DD or YYYY-MM) and, when the text states it, where."""

    iso: str
    span: Span | None


def find_action_date(p: Prepared, status: str | None = None,
                     about_other_case: Callable[[Sentence], bool] | None = None,
                     party_names: Sequence[str] = ()) -> DateFinding | None:
    """The action's date; see the module docstring for the order of trust.

    `status` is the action's: in the story of a final penalty, the date of its notice of intent
    is not the action's. `about_other_case` tells sentences about another organisation's case
    (their dates are that case's: "after the £20m fine issued to another firm in October 2020");
    `party_names` are this action's party and aliases. A month the text gives ("In March 2025, the
    ICO fined") takes its day from another action sentence of that month, or from the register's
    date when that falls in the same month.
    """
    text = p.clean.text
    dated = find_dated_line(text)
    if dated:
        return DateFinding(dated.iso, (dated.start, dated.end))
    page_date = find_publication_date(text[:PAGE_DATE_CHARS]) or find_publication_date(text[:PUBLISHED_CUE_CHARS],
                                                                                      cue_only=True)
    reference = p.published or (page_date.iso if page_date else None)
    sentences = [s for s in p.sentences[:ACTION_DATE_SENTENCES] if about_other_case is None or not about_other_case(s)]
    pairs = [(s.start, s.text) for s in sentences]
    if len(pairs) >= 2 and _DATELINE_ONLY_RE.fullmatch(pairs[0][1]):
        # A stored page's "date 2022-11-03" line dates the news its first sentence tells.
        pairs[:2] = [(pairs[0][0], text[pairs[0][0]:sentences[1].end])]
    every = action_dates_in(pairs, final=status != "provisional", reference=reference)
    # Where several actions are dated, the one the sentence gives this party ("a reprimand to
    # North Yorkshire Police in November 2022") beats the regulator's other news of the day.
    named = [pair for pair in pairs if _names_party(pair[1], party_names)]
    in_text = action_dates_in(named, final=status != "provisional", reference=reference) or every
    m = DECISION_DATE_RE.search(text)
    if m:
        ds = find_dates(text[m.end():m.end() + 40])
        # A tribunal that upholds a penalty leaves the action as it was: the notice's own date
        # ("appeals against the Monetary Penalty Notice dated 22 September 2020") when the
        # decision gives it, else the decision's.
        if status == "upheld" and in_text:
            return DateFinding(in_text[0].iso, (in_text[0].start, in_text[0].end))
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    head = text[:1500]
    register = _register_date(p, head)
    if in_text:
        found = in_text[0]
        if len(found.iso) == 7:
            # "In August 2025, the ICO fined X ... The ICO issued the penalty on 28 August 2025."
            day = next((d for d in every if len(d.iso) == 10 and d.iso.startswith(found.iso)), None)
            if day:
                return DateFinding(day.iso, (day.start, day.end))
            if register and len(register.iso) == 10 and register.iso.startswith(found.iso):
                return register
            # "In March 2025, the ICO fined" on a page dated 27 March 2025: the page's day.
            if page_date and not p.published and len(page_date.iso) == 10 and page_date.iso.startswith(found.iso):
                return DateFinding(page_date.iso, (page_date.start, page_date.end))
        return DateFinding(found.iso, (found.start, found.end))
    logged = find_logged_date(text[:LOG_FIELDS_CHARS])
    if logged:
        return DateFinding(logged.iso, (logged.start, logged.end))
    relative = relative_action_date(pairs, reference) or yearless_month_action_date(pairs, text)
    if relative:
        return DateFinding(relative.iso, (relative.start, relative.end))
    if register:
        return register
    if p.published:
        return DateFinding(p.published, None)
    # A press page's own date line, right under its title and byline.
    if page_date:
        return DateFinding(page_date.iso, (page_date.start, page_date.end))
    # Last, the date in the address of the page when the excerpt prints it.
    url = find_url_date(text[:PAGE_DATE_CHARS])
    if url:
        return DateFinding(url.iso, (url.start, url.end))
    return None


def _register_date(p: Prepared, head: str) -> DateFinding | None:
    """The date the register gives: the listing's date, an ICO page's "Date" line, or the first
    full date in a notice's opening."""
    if p.metadata.get("listed_date"):
        return DateFinding(str(p.metadata["listed_date"]), None)
    m = DATE_LINE_RE.search(head) or ACTION_WHEN_RE.search(head)
    if m:
        ds = find_dates(head[m.end():m.end() + 40])
        if ds:
            return DateFinding(ds[0].iso, (m.end() + ds[0].start, m.end() + ds[0].end))
    if find_heading(head) or p.kind == "notice":
        ds = [d for d in find_dates(head) if len(d.iso) == 10]
        if ds:
            return DateFinding(ds[0].iso, (ds[0].start, ds[0].end))
    return None


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).lower()


def _names_party(sentence: str, party_names: Sequence[str]) -> bool:
    """Whether the sentence names the party by its name or an alias (whole words)."""
    plain = _plain(sentence)
    return any(re.search(r"(?<!\w)" + re.escape(_plain(n)) + r"(?!\w)", plain) for n in party_names if len(n) >= 3)
