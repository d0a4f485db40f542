"""How many people a breach or a contravention affected. Pure: no spaCy.

Forms: "82,946 people", "more than 80,000", "approximately 40,000,000 data subjects", "up to 1.6
million UK users", "80,000+ people", "all 9,483 serving officers and staff", "339 million guest
records" (records of a kind of person are those people), "265 email addresses", "an estimated one
million under 13s". Calls, emails, texts and messages sent are not people, nor are systems or
accounts ("283 systems and 16 accounts"), and a count only counts when a noun for people follows
it (or, for a bare "more than 80,000", when the sentence is about people affected). A count that
is the base of a share ("four percent of its 4 million customers", "166 out of 270 recipients") is
not the number affected, nor is a range ("between 25,000 and 50,000"), nor people who acted rather
than had their data affected ("793 people complained", "two employees were convicted").
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pipeline.extract.money import number_value

logger = logging.getLogger(__name__)

_QUALIFIER = (r"(?P<qual>more than|over|approximately|approx\.?|around|about|almost|nearly|some|"
              r"up to|at least|in excess of|roughly|an estimated|estimated|c\.|circa)\s+")
# Numbers written as words, with a multiplier ("one million", "seven million"): press style.
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "a": 1, "half a": 0.5, "a quarter of a": 0.25}
_WORD_NUM = r"(?P<word>" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\s+(?P<wmult>million|thousand)"
# ("437, 324 individuals": a stray space after a thousands comma is still one number.)
_NUM = (r"(?:(?P<num>\d{1,3}(?:, ?\d{3})+(?!\d)|\d+(?:\.\d+)?)(?:\s?(?P<mult>million|m|thousand|k)\b)?(?P<plus>\+|-plus)?|"
        + _WORD_NUM + r")")
# A small count written as a word, only before a noun for people: "four vulnerable children".
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
_SMALL = r"(?P<small>" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r")"
_PERSON = (r"(?:people|persons|individuals|data subjects|subjects|users|customers|patients|"
           r"employees|staff|members|children|pupils|students|residents|claimants|victims|"
           r"account holders|policy ?holders|subscribers|applicants|citizens|"
           r"service users|clients|donors|voters|households|families|job ?seekers|tenants|"
           r"recipients|consumers|guests|officers|nationals|workers|passengers|parents|"
           r"supporters|participants|Britons|cardholders|card\s?holders|adults|pensioners|borrowers|"
           r"investors|shoppers|travellers|motorists|candidates|prisoners|inmates|detainees|migrants|"
           r"refugees|asylum\s+seekers|defendants|witnesses|beneficiaries|learners|fans|readers|viewers|"
           r"listeners|players|gamblers|homeowners|householders|landlords|taxpayers|nurses|doctors|teachers|"
           r"soldiers|personnel|veterans|troops|interpreters|relatives|carers|volunteers|teenagers|babies|offenders|suspects|"
           r"mothers|women|men|girls|boys|survivors|visitors|attendees|followers|shareholders|retirees|"
           r"drivers|riders|diners|under[- ]?1[0-8]s|(?:young\s+)?people)")
# Records or addresses of people stand for them; subject access requests for their requesters.
# ("26,331 customer details", "669 cardholder details": the details of that many people.)
_PEOPLE = (r"(?:" + _PERSON + r"(?:'s?|’s?)?(?:\s+records)?|(?:guest|customer|patient|personnel|staff|"
           r"employee|user|client|member|donor|supporter|voter|pupil|student|cardholder)\s+(?:records|details)|"
           r"e-?mail\s+address(?:es)?|subject\s+access\s+requests|SARs|"
           # a CV is one applicant's: "26 CVs of job applicants"
           r"CVs|CV['’]s)")
# Up to four adjectives between the number and the noun: "1.6 million UK users",
# "82,946 affected data subjects", "437,324 distinct individuals", "547,000 Acme Global health
# insurance customers".
_COUNT_RE = re.compile(
    # (an adjective may be a name: "20,000 Pharmacy2U customers"; or "of the firm's": "59,592 of the firm's customers",
    # "9.4 million of Ticketmaster's customers")
    r"(?:" + _QUALIFIER + r")?(?<![\w£$€.,/-])(?:" + _NUM + r"|\b" + _SMALL + r")\s+"
    r"(?:of\s+(?:(?:the|its|their)\s+(?:[A-Za-z'’\-]+['’]s?\s+)?|[A-Za-z0-9][\w&.\-]{0,30}['’]s\s+))?(?P<adj>(?:(?:U\.K\.|[A-Za-z0-9\-'&]+)\s+){0,4}?)"
    r"(?P<noun>" + _PEOPLE + r")\b",
    re.IGNORECASE,
)
_BARE_RE = re.compile(r"(?:" + _QUALIFIER + r")(?<![\w£$€.,/-])" + _NUM + r"(?![\w%£])", re.IGNORECASE)
_THE_BEFORE_RE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
# "all 9,483 serving officers": every one of a known number, so the figure is exact.
_ALL_BEFORE_RE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+)?$", re.I)
# The base of a share: "around four percent of the company's 4 million customers", "461 of 6000 staff".
_SHARE_BEFORE_RE = re.compile(r"(?:(?:per\s?cent|%|proportion|fraction|half|third|quarter|share)\s+of|"
                              r"\bout\s+of|\bof\s+a\s+total\s+of|"
                              # "only 461 of approximately 6000 staff"
                              r"(?<![£$€\d,.])\b\d[\d,]{0,12}\s+of)\s+"
                              r"(?:(?:the|its|their)\s+)?(?:[\w'’]+['’]s\s+)?$", re.I)
# A sentence that opens on a group and goes on to part of it: "Of the 245,850 potential recipients,
# 30,648 had consented" (the group is the base, not the people affected).
_GROUP_OPENING_RE = re.compile(r"^\W*(?:of|out\s+of)\s+(?:the|these|those|its|their)\s+$", re.I)
# A range is no count: "between 25,000 and 50,000 customers" says the number is not known.
_RANGE_BEFORE_RE = re.compile(r"\bbetween\s+(?:some\s+|about\s+|around\s+)?[\d,.]+\s*(?:million|m|thousand|k)?\s+"
                              r"(?:and|to)\s+$", re.I)
# People who did something rather than had something done to their data: "793 people complained"
# (complaints, not the people affected), "two employees were convicted" (the offenders), "1,015 staff
# members downloaded the app" (the organisation's own staff at work).
_NOT_AFFECTED_AFTER_RE = re.compile(
    r"^\s*(?:have\s+|had\s+|has\s+)?(?:complained|(?:made|lodged|submitted|raised)\s+(?:a\s+)?complaints?)\b"
    r"|^\s*(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:convicted|prosecuted|fined|charged|"
    r"sentenced|arrested|dismissed|disciplined|sacked|cautioned)\b"
    # ... told after a description of them: "Two former workers at Acme were this week given suspended
    # sentences", "Four men behind the hack were sentenced" (plural verbs only: "which was fined" is the firm)
    r"|^[^.;,]{0,60}?\b(?:(?:were|have\s+been|had\s+been)\s+(?:\w+\s+){0,2}(?:convicted|prosecuted|fined|charged|"
    r"sentenced|jailed|arrested|cautioned|given\s+(?:a\s+)?(?:suspended\s+)?(?:prison\s+)?sentences?)|(?:have|had)\s+"
    r"received\s+(?:suspended\s+)?(?:prison\s+)?sentences?)\b"
    # ... or who did it: "two former employees of RAC, who unlawfully copied and sold personal data"
    r"|^[^.;]{0,60}?\bwho\s+(?:had\s+)?(?:\w{2,20}ly\s+)?(?:copied|took|stole|sold|obtained|harvested|leaked)\b"
    # people in a role: "Those same two people were also the directors of the lead generator"
    r"|^\s*(?:were|are)\s+(?:also\s+)?(?:the\s+)?(?:directors|owners|founders|managers|officers|partners)\b"
    # "eight individuals have taken information relating to thousands of people": the offenders
    r"|^\s*(?:have\s+|had\s+)?(?:unlawfully\s+)?(?:taken|took|obtained|stole|stolen|sold|harvested)\s+"
    r"(?:\w+\s+){0,2}?(?:information|data|details|records)\b", re.I)
# ... and the people a case is brought against: "criminal proceedings against eight individuals".
_DEFENDANTS_BEFORE_RE = re.compile(r"\b(?:proceedings|charges|prosecutions?|cases?)\s+against\s+(?:the\s+)?$|"
                                   # ... and staff taken on to fix things: "seconding two members of staff"
                                   r"\b(?:second\w*|employ\w*|hir\w*|recruit\w*|appoint\w*)\s+(?:an?\s+)?"
                                   r"(?:additional\s+|extra\s+|new\s+)?$", re.I)
_STAFF_NOUNS = frozenset({"staff", "employees", "officers", "workers", "members"})
# Staff gathered in a group are its members, not people the breach touched: "a WhatsApp group of 26 staff
# members was created in which staff shared patient data".
_STAFF_GROUP_BEFORE_RE = re.compile(r"\b(?:group|team|chat)\s+(?:of|with|(?:has\s+|had\s+)?(?:included|includes|including|"
                                    r"contained|contains|had|has))\s+(?:in\s+total\s+)?(?:around\s+|about\s+|some\s+)?$", re.I)
_STAFF_ACTED_RE = re.compile(r"^\s*(?:members\s+)?(?:had\s+)?(?:downloaded|installed|accessed|viewed|looked\s+at|"
                             r"searched|used|opened|snooped|browsed)\b", re.I)
# Things sent or made, never people: "73,217 calls", "191.4 million emails".
_NOT_PEOPLE_RE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:calls?|e-?mails?|texts?|messages?|sms|letters|complaints|records|"
    r"files|documents|pages|requests|days|months|years|hours|times|pounds|ip addresses|systems|"
    r"accounts|devices|servers|computers|laptops|recordings|conversations|photo(?:graph)?s|images|videos|"
    r"properties|vehicles|cards?|transactions|enquiries|queries|cases|incidents|searches|visits|occasions|"
    r"lines|rows|entries|fields|items)\b",
    re.IGNORECASE,
)
# A backlog is the organisation's workload on a day, not the people it failed: "a backlog of 170
# overdue SARs" (while "there were 7,753 overdue SARs" counts the people still waiting).
_REQUEST_NOUNS = frozenset({"subject access requests", "sars"})
_BACKLOG_BEFORE_RE = re.compile(r"\b(?:backlog|peak\w*)\s+(?:of|at)\s+(?:about\s+|around\s+|some\s+)?$", re.I)
# Words that end a noun phrase, so what follows is not the number's noun: "Recital 38 GDPR explains
# that children", "3 prompted customers to" (a verb that takes people as its object), "on 12 March
# customers were told" (a date), "28 days unless people" (a duration). ("Covid-19 patients", "2/3
# staff": a number after a hyphen or a slash is part of a name or a ratio.)
_ADJ_STOP = re.compile(r"\b(?:calls?|e-?mails?|texts?|messages?|sms|of|and|or|to|from|the|in|percent|"
                       r"systems|accounts|devices|that|which|who|whom|whose|where|when|is|are|was|were|been|has|have|had|"
                       r"with|for|by|than|explains?|says?|prompted|asked|invited|encouraged|urged|told|"
                       r"reminded|required|january|february|march|april|may|june|july|august|september|"
                       r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
                       # a duration: "registered with the TPS for more than 28 days unless people consented"
                       r"seconds|minutes|hours|days|weeks|months|years|decades)\b|%", re.I)
# An age, not a count: "people aged over 60", "homeowners aged 60 and over", "over the age of 65".
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|age\s+of|ages\s+of)\s+(?:over\s+|under\s+|between\s+|from\s+)?$", re.I)
# Whom misdirected data reached, not whose it was: "emailed information about vulnerable people to 23
# unintended recipients". (The recipients of an email sent without BCC are its people affected.)
_WRONG_RECIPIENTS_RE = re.compile(r"\b(?:unintended|wrong|incorrect|unauthori[sz]ed)\s+$", re.I)
# A number that names a provision or a place in a document, not a count: "Recital 38", "paragraph 12".
_REFERENCE_BEFORE_RE = re.compile(r"\b(?:recitals?|articles?|art\.|sections?|s\.|paragraphs?|paras?\.?|regulations?|"
                                  r"rules?|pages?|p\.|clauses?|schedules?|chapters?|footnotes?|principles?|annex|"
                                  r"appendix|part|item|no\.|number)\s*$", re.I)


@dataclass(frozen=True)
class CountSpan:
    """A number of people, with where it was written and whether it is a rounded figure."""

    value: int
    start: int
    end: int
    text: str
    exact: bool        # False for "more than 80,000", "approximately 40 million", "80,000+"
    noun: str | None   # "people", "data subjects"... None for a bare qualified number


def _is_exact(num: str, mult: str | None, qualifier: str | None, plus: str | None) -> bool:
    if qualifier or plus or mult:
        return False
    digits = re.sub(r"\D", "", num)
    return not (len(digits) >= 4 and digits.endswith("000"))


def find_counts(text: str, *, allow_bare: bool = False) -> list[CountSpan]:
    """Every count of people in `text`, in order.

    `allow_bare` also accepts a qualified number with no noun after it ("more than 80,000"): only
    safe in a sentence already known to be about people affected.
    """
    found: list[CountSpan] = []
    taken: list[tuple[int, int]] = []
    for m in _COUNT_RE.finditer(text):
        if m.group("adj") and _ADJ_STOP.search(m.group("adj")):
            continue
        if m.group("small") and _THE_BEFORE_RE.search(text[max(0, m.start() - 5):m.start()]):
            continue     # "the four largest recipients": some already named, not a count of people
        if _SHARE_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]) \
                or _REFERENCE_BEFORE_RE.search(text[max(0, m.start() - 15):m.start()]) \
                or _GROUP_OPENING_RE.match(text[:m.start()]):
            continue
        if m.group("noun").lower() in _REQUEST_NOUNS \
                and _BACKLOG_BEFORE_RE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if _AGE_BEFORE_RE.search(text[max(0, m.start() - 15):m.start()]) \
                or (m.group("noun").lower() == "recipients" and _WRONG_RECIPIENTS_RE.search(m.group("adj"))):
            taken.append((m.start(), m.end()))    # nor is its number a bare count
            continue
        if _RANGE_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]) \
                or _DEFENDANTS_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]) \
                or _NOT_AFFECTED_AFTER_RE.match(text[m.end():m.end() + 120]) \
                or (m.group("noun").lower() in _STAFF_NOUNS and (_STAFF_ACTED_RE.match(text[m.end():m.end() + 40])
                                                                   or _STAFF_GROUP_BEFORE_RE.search(text[max(0, m.start() - 20):m.start()]))):
            taken.append((m.start(), m.end()))    # nor is its number a bare count
            continue
        value = _value(m)
        if value is None or value < 1:
            continue
        exact = m.group("small") is not None or m.group("num") is not None and (
            _is_exact(m.group("num"), m.group("mult"), m.group("qual"), m.group("plus"))
            or (m.group("qual") is None and _ALL_BEFORE_RE.search(text[max(0, m.start() - 12):m.start()]) is not None
                and m.group("mult") is None))
        found.append(CountSpan(int(round(value)), m.start(), m.end(), m.group(0), exact, m.group("noun").lower()))
        taken.append((m.start(), m.end()))
    if allow_bare:
        for m in _BARE_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken) or _NOT_PEOPLE_RE.match(text[m.end():m.end() + 40]):
                continue
            if _SHARE_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]) \
                    or _REFERENCE_BEFORE_RE.search(text[max(0, m.start() - 15):m.start()]) \
                    or _AGE_BEFORE_RE.search(text[max(0, m.start() - 15):m.start()]) \
                    or _GROUP_OPENING_RE.match(text[:m.start()]) \
                    or _RANGE_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]) \
                    or _NOT_AFFECTED_AFTER_RE.match(text[m.end():m.end() + 120]):
                continue
            value = _value(m)
            if value is None or value < 1:
                continue
            found.append(CountSpan(int(round(value)), m.start(), m.end(), m.group(0), False, None))
        found.sort(key=lambda c: c.start)
    return found


def _value(m: re.Match[str]) -> float | None:
    """The number a count match wrote, None for a year ("in 2022 people complained")."""
    if "small" in m.re.groupindex and m.group("small") is not None:
        return SMALL_NUMBERS[m.group("small").lower()]
    if m.group("num") is None:
        return _WORD_NUMBERS[m.group("word").lower()] * (1_000_000 if m.group("wmult").lower() == "million"
                                                         else 1_000)
    if _looks_like_year(m.group("num"), m.group("mult")):
        return None
    mult = {"m": "m", "million": "million", "thousand": "thousand", "k": "k"}.get((m.group("mult") or "").lower())
    return number_value(m.group("num").replace(",", ""), mult)


# One person whose data it was, when the text counts them: "one person's records", "the address of a
# single witness". ("A patient's details" says whose data it was, not how many people: no count is
# stated, and the labels' convention leaves it empty.) Counted only when no number of people is
# given (see rules/subjects.py).
_ONE = (r"(?:patient|witness|person|individual|customer|child|pupil|student|employee|member\s+of\s+staff|"
        r"member\s+of\s+the\s+public|client|tenant|resident|victim|service\s+user|claimant|applicant|"
        r"complainant|parent|teenager|girl|boy|woman|man|baby|mother|father|prisoner|offender|suspect)")
_DATA_OF = (r"(?:details|data|information|address|name|identity|records?|reports?|files?|health|diagnosis|"
            r"history|assessment|statement|letter)")
# The person ends the phrase ("of a child to ...", "of a witness.", "of a patient's"): "details of a child protection
# case" are a case's; "a natural person" is the law's wording, nobody in particular.
_NP_END = (r"(?=['’]s\b|(?:\s*[,.;:!?)\"”’]|\s*$|\s+(?:to|in|was|who|and|or|had|has|have|with|at|from|for|"
           r"by|whose|which|that|is|were|being|after|before|on|remains?|moved|ended)\b))")
_ADJ = r"(?:(?!natural\b)[a-z-]+\s+)"
_SINGLE_RE = re.compile(
    # (a list of the data may stand between: "the name, address and date of birth of one customer")
    r"\b" + _DATA_OF + r"(?:[ \t,]{1,3}[\w-]{1,30}){0,8}?\s+(?:of|about|relating\s+to|concerning|regarding|belonging\s+to|on)\s+"
    r"(?:one|a\s+single)\s+" + _ADJ + r"{0,2}?" + _ONE + r"\b" + _NP_END +
    r"|\b(?:one|a\s+single)\s+" + _ADJ + r"?" + _ONE + r"(?:'s|’s)\s+(?:[a-z-]+\s+){0,2}?" + _DATA_OF + r"\b"
    r"|\bone\s+(?:person|individual|data\s+subject)\b"
    # a complaint's one complainant: "keep the complainant's personal data safe", "provide the complainant
    # with their personal data"
    r"|\bthe\s+complainant(?:['’]s\s+(?:[a-z-]+\s+){0,2}?" + _DATA_OF + r"\b|\s+with\s+(?:their|his|her)\s+"
    r"(?:own\s+)?(?:personal\s+)?(?:data|information)\b)", re.I)


# A breach log's "How much" field ("How much\n1,754 records.", "How much Approximately 4,500 records
# held on eight laptops."): the count the log gives for the incident.
_LOGGED_RECORDS_RE = re.compile(r"^[ \t]{0,8}How much[ \t]{0,8}:?[ \t]{0,8}\n?[ \t]{0,8}(?:" + _QUALIFIER + r")?(?:"
                                + _NUM + r"|" + _SMALL + r")[ \t]{1,8}(?:[a-z-]{1,30}[ \t]{1,8})?records?\b", re.M | re.I)


def find_logged_record_count(text: str) -> CountSpan | None:
    """The first "How much ... N records" field of a breach log in `text`."""
    m = _LOGGED_RECORDS_RE.search(text)
    value = _value(m) if m else None
    if m is None or value is None or value < 1:
        return None
    return CountSpan(int(round(value)), m.start(), m.end(), m.group(0), m.group("qual") is None, None)


def find_single_subject(text: str) -> CountSpan | None:
    """One person whose data a sentence counts ("one patient's details", "the address of a single witness")."""
    m = _SINGLE_RE.search(text)
    return CountSpan(1, m.start(), m.end(), m.group(0), True, None) if m else None


def parse_count(text: str) -> int | None:
    """The first count of people in `text` (bare qualified numbers allowed), or None."""
    counts = find_counts(text, allow_bare=True)
    return counts[0].value if counts else None


def _looks_like_year(num: str, mult: str | None) -> bool:
    return mult is None and re.fullmatch(r"(?:19|20)\d\d", num) is not None
