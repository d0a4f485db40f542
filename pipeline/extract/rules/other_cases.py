"""The other cases a page reports besides its main one: round-ups, listing pages, "two firms fined".

A round-up ("the ICO's recent enforcement action"), a category page that recaps the year's fines,
or a story about two companies fined together reports several actions. Each is its own action
with its own organisation, and none of their figures is the main action's. The main action stays
what the headline and opening are about (`party.py`, `amount.py`); this module only adds the rest.

How a round-up item is recognised: one sentence that plainly states an action WAS taken against a
named organisation, in one of these shapes:

- the organisation as the subject of a passive or a receipt: "X has been fined £N", "X was
  reprimanded", "X and the Y were both fined £N" (two items, the verb being plural), "X, a genetic testing company, was fined £2.31m", "X has been hit with / handed a
  £N penalty", "X received a £14m fine", "X also didn't ... and received a fine of £30,000";
- the regulator as the subject: "the ICO (has) fined X £N", "the ICO reprimanded X";
- the action as the object: "issued a reprimand to X", "imposed a fine of £N on X", "issued X with
  an enforcement notice";
- a list item that names an organisation and its action: "• X – £50,000 fine", "2. X: reprimand".

An item is not an action when its sentence speaks of enforcement only negated or hypothetically
(`enforcement.speaks_of_enforcement`), when a negation, a modal or a threat governs its verb
("could have been fined", "was not fined", "threatened to fine"), when it is a proposal that
nothing in the sentence says was superseded (a notice of intent mentioned for context: "a proposed
£183m fine on British Airways"), or when another regulator took it ("fined by the FCA", "by the
Irish regulator", a fine only in euros or dollars).

The organisation is cleaned like the main party (`party.captured_name`, `party.tidy_name`,
`roles.clean_name`) and must be an organisation: a name with an organisation's form ("Ltd",
"Council", "Department", "NHS Trust"...), an ORG entity or a known name (gazetteer) at that
place, one word written like a company ("23andMe", "LastPass", "DfE"), or a name a description
introduces ("outsourcing company Capita", "Mermaids, the transgender support charity,"). A
person's name, the regulator, an outlet, the byline, a hacker ("the hacker group X"), the main
party itself and a name that shares its first word (its parent or sister: "Kestrel Group" beside
"Kestrel Homes Ltd", whose figure would be mixed with the main case's) never make an item. When a round-up's
heading line names the organisation in full ("October 2023 - University Hospital of Derby and
Burton NHS Trust") and the item's sentence names it shorter or cut off, the heading's name is used.

The item's amount is read from its own sentence only (a penalty figure `amount.penalty_score`
accepts, not a proposal, not given to another organisation; the figure it was "reduced to", else
the nearest to the name), and so is
its date (`dates.action_dates_in`). An "also issued an enforcement notice" sentence in an item's
paragraph ("The ICO has also issued an enforcement notice, ordering the company to stop...") is
that item's organisation's second action, not the main party's.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.extract.dates import action_dates_in
from pipeline.extract.money import find_money
from pipeline.extract.roles import LEGAL_SUFFIX_RE, is_blocked, norm_name, same_party
from pipeline.extract.rules.action_type import ALSO_EN_RE, NOT_ISSUED_RE
from pipeline.extract.rules.amount import (
    PROPOSED_AFTER,
    PROPOSED_BEFORE,
    other_case_amount,
    penalty_score,
)
from pipeline.extract.rules.document import OrgMention, Prepared, Sentence, Span
from pipeline.extract.rules.enforcement import NEGATED_BEFORE_RE, speaks_of_enforcement
from pipeline.extract.rules.party import (
    _APPOSITIVE,
    _KIND_OF_ORGANISATION,
    NAME,
    blocked_names,
    captured_name,
    tidy_name,
)
from pipeline.extract.rules.status import PROVISIONAL_RE, SUPERSEDED_RE

# Past this many sentences a page is into its footer and "related news" links.
MAX_SENTENCES = 400
# At most this many other cases per page: a longer list is an index, not a report.
MAX_ITEMS = 12

_ACTION_OBJECT = (r"(?P<object>(?:monetary\s+)?penalty(?:\s+notice)?|fine|reprimand|enforcement\s+notice)")
_MONEY = r"£[\d.,]{1,20}(?:\s?(?:m|mn|million|bn|billion|k))?"
_WHICH = r"(?:,[ \t]{1,8}which)?"        # "TalkTalk, which was fined £400,000 in 2016"
# Each pattern captures the organisation (`name`) and the words that say what was done (`verb`,
# or `object` for "a £N fine"). Words and blanks are bounded, so each costs linear time.
ITEM_PATTERNS: dict[str, re.Pattern[str]] = {
    # "X has been fined £N", "X, a US genetic testing company, was fined", "X was reprimanded"
    "passive": re.compile(
        NAME + _APPOSITIVE + _WHICH + r"\s{1,8}(?i:(?:has|have|had)\s{1,8}(?:also\s{1,8})?been|(?:was|were)(?:\s{1,8}(?:also|both|each))?)"
        r"\s{1,8}(?P<verb>(?i:fined|reprimanded|prosecuted))\b"),
    # "X has been hit with a £N penalty", "X was handed a £N fine", "X was issued with a reprimand"
    "passive_object": re.compile(
        NAME + _APPOSITIVE + _WHICH + r"\s{1,8}(?i:(?:has|have|had)\s{1,8}(?:also\s{1,8})?been|(?:was|were)(?:\s{1,8}also)?)"
        r"\s{1,8}(?P<verb>(?i:hit|slapped|handed|given|issued|served))(?:\s{1,8}(?i:with))?"
        r"\s{1,8}(?i:a|an|the)\s{1,8}(?:[\w£.,-]{1,30}\s{1,8}){0,3}?(?i:" + _ACTION_OBJECT + r")\b"),
    # "X received a £14 million fine"
    "received": re.compile(
        NAME + _APPOSITIVE + r"\s{1,8}(?:(?i:also|then|later)\s{1,8})?(?P<verb>(?i:received|receives|got))"
        r"\s{1,8}(?i:a|an)\s{1,8}(?:[\w£.,-]{1,30}\s{1,8}){0,3}?(?i:" + _ACTION_OBJECT + r")\b"),
    # The subject of the sentence, after a clause: "X also didn't check consent and received a fine of £30,000"
    "and_received": re.compile(
        r"^(?:The\s{1,8})?" + NAME + r"\s{1,8}[^.;£]{0,100}?\s(?i:and)\s{1,8}(?P<verb>(?i:received|got|was\s{1,8}"
        r"(?:fined|reprimanded|handed|given)))\b(?:\s{1,8}(?i:a|an)\s{1,8}(?:[\w£.,-]{1,30}\s{1,8}){0,3}?"
        r"(?i:" + _ACTION_OBJECT + r")\b)?"),
    # "the ICO (has) fined X £N", "the regulator reprimanded X"
    "regulator_fined": re.compile(
        r"\b(?:ICO|Commissioner|Commissioner['’]s\s+Office|regulator|watchdog|[Ii]t|[Ww]e)\b[^.;£]{0,40}?"
        r"\b(?P<verb>(?i:fined|reprimanded|prosecuted))\s{1,8}(?:the\s{1,8})?" + NAME),
    # "issued a reprimand to X", "imposed a fine of £N on X", "a £60,000 fine was issued to X"
    "issued_to": re.compile(
        r"\b(?P<verb>(?i:issued|served|imposed|gave|given))\s{1,8}(?i:(?:a|an|the)\s{1,8})?"
        r"(?:" + _MONEY + r"\s{1,8})?(?i:" + _ACTION_OBJECT + r")(?:\s{1,8}(?i:of)\s{1,8}" + _MONEY
        + r"(?:\s{0,3}\([^)]{0,60}\))?)?\s{1,8}(?i:to|on|upon|against)\s{1,8}(?:the\s{1,8})?" + NAME),
    "object_issued_to": re.compile(
        r"\b(?i:" + _ACTION_OBJECT + r")\s{1,8}(?i:was|has\s{1,8}been|were)\s{1,8}(?P<verb>(?i:issued|served|imposed|given))"
        r"\s{1,8}(?i:to|on|upon|against)\s{1,8}(?:the\s{1,8})?" + NAME),
    # "issued X with an enforcement notice"
    "issued_with": re.compile(
        r"\b(?P<verb>(?i:issued|served))\s{1,8}(?:the\s{1,8})?" + NAME + r"\s{1,8}(?i:with)\s{1,8}(?i:a|an)\s{1,8}"
        r"(?:[\w£.,-]{1,30}\s{1,8}){0,2}?(?i:" + _ACTION_OBJECT + r")\b"),
    # A list item that names an organisation and its action: "• Acme Ltd – £50,000 fine for
    # nuisance calls", "2. Beta Council: reprimand". (The verb group is empty: the object says it.)
    "list_item": re.compile(
        r"(?m:^)[ \t]{0,8}(?:[•*\u2013\u2014-]|\d{1,2}[.)])[ \t]{1,8}" + NAME + r"[ \t]{0,3}[\u2013\u2014:-][ \t]{1,8}"
        r"(?P<verb>)(?:(?i:a|an)[ \t]{1,8})?(?:" + _MONEY + r"[ \t]{1,8})?(?i:monetary[ \t]{1,8})?(?i:" + _ACTION_OBJECT
        + r")\b"),
}
# Every item pattern has one of these verbs: sentences without one are not read further.
_ITEM_VERB_RE = re.compile(r"\b(?:fined|reprimanded|prosecuted|hit|slapped|handed|given|issued|served|received|"
                           r"receives|got|imposed|gave)\b|^[ \t]{0,8}(?:[•*\u2013\u2014-]|\d{1,2}[.)])[ \t]", re.I | re.M)
# A modal, a negation, a plan or a threat governing the verb: "could have been fined", "was not
# fined", "intends to fine", "threatened to fine", "faces a fine".
NOT_TAKEN_BEFORE_RE = re.compile(
    r"\b(?:could|would|might|may|can|should|must|shall|will|to|intends?|plans?|propos\w+|wants?|"
    r"threaten\w*|faces?|facing|risk\w*|avoid\w*|escap\w*|if|unless|whether)\b(?:[ \t]{1,3}[\w'’-]{1,30}){0,3}"
    r"[ \t]{0,3}$", re.I)
# Another regulator's action is not an ICO case: "fined by the FCA", "the CNIL fined X".
OTHER_REGULATOR_RE = re.compile(r"\b(?:FCA|Financial Conduct Authority|Ofcom|Ofgem|Ofwat|CMA|CNIL|FTC|SEC|"
                                r"Data Protection Commission|DPC|Gambling Commission|Charity Commission|"
                                r"European Commission|Garante|AEPD)\b|"
                                r"\b(?:Irish|EU|European|French|Italian|Spanish|German|Dutch|Norwegian|Swedish|Danish|"
                                r"Belgian|Austrian|Polish|Greek|Luxembourg|US|American|Canadian|Australian|Korean|"
                                r"Turkish|Brazilian)\s{1,8}(?:data\s{1,8}protection\s{1,8})?(?:regulators?|watchdogs?|"
                                r"authorit\w+|commission|DPA|supervisory|court|prosecutors?)\b|\bin\s{1,8}the\s{1,8}US\b")
# A fine in another currency only is another regulator's ("€1.2bn", "$25m"): the ICO fines in pounds.
FOREIGN_MONEY_RE = re.compile(r"[€$]\s?\d|\b\d[\d.,]{0,20}\s?(?:m|bn|million|billion)?\s{1,8}(?:euros?|dollars)\b", re.I)
# A hacker is never a party: "the hacker group LockBit", "ransomware gang Medusa".
HACKER_BEFORE_RE = re.compile(r"\b(?:hack\w*|ransomware|criminal\w*|cyber-?criminal\w*|gang|threat\s{1,8}actors?|"
                              r"attackers?)\b[^.;]{0,30}$", re.I)
# Words that make a name an organisation's even without a legal form.
_ORG_WORD_RE = re.compile(r"\b(?:NHS|Hospitals?|Police|Constabulary|Council|Borough|County|Ministry|Department|"
                          r"Office|Agency|Bank|Airways|Airlines?|Bureau|Institute|Academy|Clinic|Surgery|"
                          r"Practice|Foundation|Solicitors|Insurance|Finance|Holdings|Media|Energy|Labs?|"
                          r"Systems|Software|Technologies|Tech|Telecom|Communications|Networks|Capital|"
                          r"Partners|Associates|Health|Care|Healthcare|AI|Inc)\b")
# One word written like a company: a capital or a digit inside it ("23andMe", "LastPass", "DfE").
_COMPANY_WORD_RE = re.compile(r"^(?=[\w&'.-]{2,40}$)(?:\w*\d\w*[A-Za-z]\w*|[A-Z][a-z]+[A-Z]\w*)$")
# A description between the verb and the name: "fined DNA testing company 23andMe", "fined
# Liverpool law firm DPP Law Ltd" (the run before the description is a place or a trade, not the name).
_DESCRIBED_RE = re.compile(r"[ \t]{1,8}(?:[a-z][\w-]{0,30}[ \t]{1,8}){0,3}" + _KIND_OF_ORGANISATION + r",?[ \t]{1,8}(?=[A-Z0-9])")
_NAME_RE = re.compile(NAME)
# "outsourcing services company Capita": a name a description introduces is an organisation's.
_KIND_BEFORE_RE = re.compile(r"\b" + _KIND_OF_ORGANISATION + r",?[ \t]{1,8}$")
# "Mermaids, the transgender support charity, has been fined": an appositive saying what it is.
_KIND_APPOSITIVE_RE = re.compile(r",[ \t]{1,8}(?:a|an|the)[ \t]{1,8}[^,.;£\n]{0,80}?\b" + _KIND_OF_ORGANISATION + r"\b[^,.;£\n]{0,40},")
# A sentence's opening word caught in front of a name: "Compare Acme Ltd, which was fined...".
_OPENER_RE = re.compile(r"^(?:Compare|Like|Unlike|Meanwhile|Separately|Similarly|Elsewhere|Previously|Earlier|"
                        r"Recently|Also|And|But|Yet|So|Then|Both|Notably|Including|Besides|Plus|Indeed)[ \t]{1,8}(?=[A-Z0-9])")
# "later reduced to £250,000", "cut to £18.4m": the figure that stands.
_CUT_TO_RE = re.compile(r"\b(?:reduced|cut|lowered|slashed)\s{1,8}(?:[\w']{1,20}\s{1,8}){0,3}?to\s{0,3}$", re.I)
# A heading line of a round-up: short, no full stop at its end ("October 2023 – NHS Fife").
_HEADING_LINE_RE = re.compile(r"^[^\n.]{3,140}$")
# A plural verb right after a name with "and" in it: two parties ("A and B were both fined").
_PLURAL_VERB_RE = re.compile(r"[ \t]{1,8}(?:were|have[ \t]{1,8}(?:both[ \t]{1,8})?been)\b", re.I)


@dataclass(frozen=True)
class OtherCaseFinding:
    """One action the page reports against an organisation other than its main party."""

    name: str
    action_type: str
    span: Span                      # the sentence that states the action (clean text)
    amount: int | None = None
    amount_span: Span | None = None
    date: str | None = None
    date_span: Span | None = None


def find_other_cases(p: Prepared, orgs: list[OrgMention], main_names: list[str],
                     main_amount: int | None = None) -> list[OtherCaseFinding]:
    """The actions `p` reports against organisations other than `main_names`, in text order.

    One finding per organisation and action type (the first sentence that states it; a later one
    may give the amount the first did not). See the module docstring for what counts.
    """
    main = [n for n in main_names if n]
    if not main:
        return []
    # The byline's and the outlet's names, read only once a sentence names someone: it scans the text.
    blocked = functools.cache(lambda: blocked_names(p))
    found: list[OtherCaseFinding] = []
    for s in p.sentences[:MAX_SENTENCES]:
        if not s.enforcement or not _ITEM_VERB_RE.search(s.text) or OTHER_REGULATOR_RE.search(s.text):
            continue
        if "£" not in s.text and FOREIGN_MONEY_RE.search(s.text):
            continue
        if not speaks_of_enforcement(s.text) or PROVISIONAL_RE.search(s.lower) and not SUPERSEDED_RE.search(s.text):
            continue
        for item in _items_in(p, s, orgs, main, blocked):
            _add(found, item)
        if len(found) >= MAX_ITEMS:
            break
    if any(f.action_type == "monetary_penalty" for f in found):
        found.extend(_also_notices(p, found, main))
    return sorted(found, key=lambda f: f.span[0])


def _items_in(p: Prepared, s: Sentence, orgs: list[OrgMention], main: list[str],
              blocked: Callable[[], set[str]]) -> list[OtherCaseFinding]:
    """The items one sentence states (usually none or one)."""
    out: list[OtherCaseFinding] = []
    for rule, pattern in ITEM_PATTERNS.items():
        for m in pattern.finditer(s.text):
            verb_at = m.start("verb") if rule not in ("passive", "passive_object", "received", "and_received",
                                                      "list_item") else m.start("name")
            if _not_taken(s.text, verb_at, m.start("verb")):
                continue
            action_type = _action_type(m)
            if HACKER_BEFORE_RE.search(s.text[max(0, m.start("name") - 50):m.start("name")]):
                continue
            for name in _names(p, s, m, orgs, blocked):
                if any(same_party(name, n) or _same_group(name, n) for n in main):
                    continue
                amount, amount_span = None, None
                if action_type in ("monetary_penalty", "prosecution"):
                    amount, amount_span = _amount(s, m, name)
                # The fullest date ("On 30 October 2023" over the heading's "October 2023").
                dates = sorted(action_dates_in([(s.start, s.text)]), key=lambda d: -len(d.iso))
                out.append(OtherCaseFinding(name, action_type, (s.start, s.end), amount, amount_span,
                                            dates[0].iso if dates else None,
                                            (dates[0].start, dates[0].end) if dates else None))
    return out


def _same_group(name: str, main: str) -> bool:
    """Whether two names share their first word ("Kestrel Group" and "Kestrel Homes Ltd"): a parent
    or a sister of the main party, whose figures a reader (and the linker) would mix with its own."""
    a, b = norm_name(name).split(), norm_name(main).split()
    return bool(a and b and a[0] == b[0] and len(a[0]) >= 3)


def _not_taken(text: str, clause_start: int, verb_start: int) -> bool:
    """Whether a negation, a modal or a threat governs the verb of an item."""
    before = text[max(0, clause_start - 90):verb_start]
    if NEGATED_BEFORE_RE.search(before):
        return True
    return bool(NOT_TAKEN_BEFORE_RE.search(text[max(0, verb_start - 60):verb_start]))


def _action_type(m: re.Match[str]) -> str:
    verb = m.group("verb").lower()
    what = (m.groupdict().get("object") or "").lower()
    if verb == "reprimanded" or what == "reprimand":
        return "reprimand"
    if verb == "prosecuted":
        return "prosecution"
    if what.startswith("enforcement"):
        return "enforcement_notice"
    return "monetary_penalty"


def _names(p: Prepared, s: Sentence, m: re.Match[str], orgs: list[OrgMention],
           blocked: Callable[[], set[str]]) -> list[str]:
    """The organisation(s) a match names, cleaned like the main party; [] when none is one."""
    raw = captured_name(s.text, m)
    name_start = m.start("name")
    described = _DESCRIBED_RE.match(s.text, m.end("name"))
    if described:
        following = _NAME_RE.match(s.text, described.end())
        if following is None:
            return []
        raw, name_start = captured_name(s.text, following), following.start("name")
    # "A Ltd and B Ltd" names two parties; so does "A and the B were both fined", whose verb is plural;
    # any other "and" is part of one name ("Battersea Dogs and Cats Home was fined").
    parts = re.split(r"(?<=\b(?:Ltd|LLP|PLC|plc|Inc))\.?,?\s+(?:and|&)\s+|(?<=\bLimited),?\s+(?:and|&)\s+", raw)
    if len(parts) == 1 and _PLURAL_VERB_RE.match(s.text, m.end("name")):
        parts = re.split(r",?\s+and\s+(?:the\s+)?", raw)
    names = []
    for part in parts:
        name = tidy_name(_OPENER_RE.sub("", part))
        if not name or is_blocked(name, blocked()) or norm_name(name) in blocked():
            continue
        start = s.start + name_start + max(0, s.text.find(name, name_start) - name_start)
        name = _heading_name(p, start, name)
        described_as_organisation = bool(
            _KIND_BEFORE_RE.search(s.text[max(0, name_start - 40):name_start])
            or (not described and _KIND_APPOSITIVE_RE.match(s.text, m.end("name"), m.start("verb"))))
        if described_as_organisation or _is_organisation(name, start, orgs):
            names.append(name)
    return names


def _is_organisation(name: str, start: int, orgs: list[OrgMention]) -> bool:
    """An organisation's name, not a person's: its form, an entity at its place, or a company word."""
    if LEGAL_SUFFIX_RE.search(name) or _ORG_WORD_RE.search(name):
        return True
    if len(name.split()) == 1 and _COMPANY_WORD_RE.match(name):
        return True
    end = start + len(name)
    return any(o.start < end and start < o.end and same_party(o.name, name) for o in orgs)


def _heading_name(p: Prepared, start: int, name: str) -> str:
    """The full name a round-up item's heading line gives, when the sentence names it shorter."""
    text = p.clean.text
    before = text[max(0, start - 400):start]
    lines = [line.strip() for line in before.split("\n")[:-1] if line.strip()]
    for line in reversed(lines[-3:]):
        if not _HEADING_LINE_RE.match(line):
            continue
        at = line.find(name)
        if at < 0:
            continue
        m = re.compile(NAME).match(line, at)
        full = tidy_name(captured_name(line, m)) if m else ""
        if full and len(full) > len(name) and full.startswith(name):
            return full
    return name


def _amount(s: Sentence, m: re.Match[str], name: str) -> tuple[int | None, Span | None]:
    """The item's penalty from its own sentence: the accepted figure nearest to its name."""
    best: tuple[int, int] | None = None
    for money in find_money(s.text):
        if money.currency != "GBP" or money.amount < 100 or penalty_score(s.text, money) is None:
            continue
        if PROPOSED_BEFORE.search(s.text[max(0, money.start - 60):money.start]) and not re.search(
                r"\bto\s*$", s.text[max(0, money.start - 60):money.start]):
            continue
        if PROPOSED_AFTER.search(s.text[money.end:money.end + 40]) or other_case_amount(s.text, money, [name]):
            continue
        distance = min(abs(money.start - m.start("name")), abs(money.start - m.end("name")))
        if _CUT_TO_RE.search(s.text[max(0, money.start - 40):money.start]):
            distance = -1          # "fined X £1.35m, later reduced to £250,000": the figure that stands
        if best is None or distance < best[0]:
            best = (distance, money.amount)
    if best is None:
        return None, None
    return best[1], (s.start, s.end)


def _add(found: list[OtherCaseFinding], item: OtherCaseFinding) -> None:
    """Keep one finding per organisation and action type; a later sentence may add the amount."""
    for i, f in enumerate(found):
        if f.action_type == item.action_type and same_party(f.name, item.name):
            if f.amount is None and item.amount is not None:
                found[i] = OtherCaseFinding(f.name, f.action_type, f.span, item.amount, item.amount_span,
                                            f.date or item.date, f.date_span or item.date_span)
            return
    found.append(item)


def _also_notices(p: Prepared, found: list[OtherCaseFinding], main: list[str]) -> list[OtherCaseFinding]:
    """"The ICO has also issued an enforcement notice" in an item's paragraph: that item's too.

    The sentence belongs to the last case named before it: an item, or the main party (whose
    paired notice `action_type.find_second_action` reads).
    """
    penalties = [f for f in found if f.action_type == "monetary_penalty"]
    out: list[OtherCaseFinding] = []
    for s in p.sentences[:MAX_SENTENCES]:
        if not ALSO_EN_RE.search(s.text) or NOT_ISSUED_RE.search(s.text):
            continue
        owner = owner_of(p, s, found, main)
        if owner is None or owner not in penalties:
            continue
        if any(f.action_type == "enforcement_notice" and same_party(f.name, owner.name) for f in [*found, *out]):
            continue
        out.append(OtherCaseFinding(owner.name, "enforcement_notice", (s.start, s.end),
                                    date=owner.date, date_span=owner.date_span))
    return out


def owner_of(p: Prepared, s: Sentence, found: list[OtherCaseFinding], main: list[str]) -> OtherCaseFinding | None:
    """The other case whose paragraph a sentence is in: the last item stated at or before it,
    unless the main party is named after that item. None: the main case's."""
    before = [f for f in found if f.span[0] <= s.start]
    if not before:
        return None
    last = max(before, key=lambda f: f.span[0])
    between = p.clean.text[last.span[1]:s.end].lower()
    if any(n and len(n) >= 3 and n.lower() in between for n in main):
        return None
    return last
