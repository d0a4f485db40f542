"""How many people the breach or the unlawful processing affected.

`counts.py` reads the numbers; here a sentence qualifies when it has a digit, a word for people
and a word saying they were affected, and is not about another organisation's case (a story often
recalls another fine: "Capita ... 6.6 million people's data"). Among the counts left, the
regulator's own figure ("The ICO said over 155,000 residents...") comes first, then the largest
(the total, not a subset: "339 million guest records ..., of which 30 million"); a rounded figure
gives way to the exact one it rounds ("some 9,500 staff" is "all 9,483 officers and staff").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.extract.counts import find_counts, find_single_subject
from pipeline.extract.money import find_money
from pipeline.extract.rules.document import OrgMention, Prepared, Sentence, Span

SUBJECT_CUE_RE = re.compile(
    r"affect\w*|impact\w*|compromis\w*|stolen|stole|exposed|taken|breach|data of|belonging to|relat\w+ to|"
    r"accessed|disclosed|leaked|exfiltrat\w+|personal (?:data|information)|records of|victims|revealing|"
    r"overdue|unanswered|"
    # the data taken or passed on: "shared 4,948,633 donor records", "the information of over 100 people"
    r"\bshar(?:ed|ing)\b|\b(?:information|details)\s+(?:of|on|about)\b|misus\w+|obtain\w+|"
    # data sold, a document that held people's details, an email sent to people in the open
    r"\bsold\b|\bselling\b|\bcontained\b|\b(?:names|addresses)\b[^.;]{0,60}\bof\s+\d|\be-?mailed\b|"
    # marketing's recipients: "sending 107 million emails to 437,324 individuals"
    r"\b(?:sent|sending|made|making)\b[^.;]{1,80}\bto\s+(?:over\s+|more\s+than\s+|some\s+)?\d", re.I)
# A sentence that tells of one person's data going where it should not.
SINGLE_CUE_RE = re.compile(SUBJECT_CUE_RE.pattern + r"|\b(?:released|releasing|sent|sending|posted|faxed|emailed|"
                           r"shared|sharing|passed|shown|learn\w*|misdirected|wrong|lost|left|published)\b", re.I)
PEOPLE_WORD_RE = re.compile(r"people|persons|individuals|subjects|users|customers|patients|employees|"
                            r"staff|members|children|pupils|students|residents|claimants|victims|"
                            r"holders|subscribers|applicants|citizens|clients|donors|voters|"
                            r"households|families|seekers|tenants|recipients|consumers|affected|guests|"
                            r"officers|nationals|workers|passengers|parents|under[- ]?1\d|records|"
                            r"address|requests|SARs", re.I)
# A digit, or a number written as a word ("one million", "four vulnerable children").
_DIGIT_RE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                       r"twenty|thirty|forty|fifty)\b", re.I)
# The regulator's own figure: "The ICO said over 155,000...", "According to the ICO's investigation".
REGULATOR_SAID_RE = re.compile(
    r"\b(?:ICO|Commissioner|regulator|watchdog)(?:['’]s)?\s+(?:said|says|found|finds|estimated|investigation|"
    r"findings?|concluded)\b|\baccording\s+to\s+the\s+(?:ICO|Commissioner|regulator|watchdog)", re.I)
# Names that are the regulator or the law, never another case's party.
_NOT_A_PARTY_RE = re.compile(r"^(?:the\s+)?(?:ICO|Information\s+Commissioner\w*(?:['’]s)?(?:\s+Office)?|"
                             r"Commissioner|GDPR|UK\s+GDPR|DPA|NHS|EU|UK|PECR|NCSC|Tribunal)$", re.I)
_LEGAL_WORDS = {"the", "ltd", "limited", "plc", "llp", "inc", "group", "uk", "company", "of", "and", "for",
                "services", "service"}
# The action around an organisation's name that makes it a party to a case: "reprimand to X",
# "fined X", "X was fined", "X received a £14 million fine".
_ACTED_BEFORE_RE = re.compile(r"\b(?:fined|fines|reprimand(?:ed)?|penalty|fine|notice|sanction\w*)\s+(?:to|on|against|upon)?"
                              r"\s*(?:the\s+)?$", re.I)
_ACTED_AFTER_RE = re.compile(r"^[^.;]{0,20}?\b(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?(?:fined|reprimanded|"
                             r"penalised|sanctioned)\b|^[^.;]{0,20}?\breceived\s+(?:a|an)\b[^.;]{0,30}\b(?:fine|penalty|"
                             r"reprimand)", re.I)
# A sentence that recalls an earlier case: "The previous announcement was ... a reprimand to a law firm".
_PREVIOUS_CASE_RE = re.compile(r"\b(?:previous|prior|earlier|last)\s+(?:announcement|case|fine|penalty|reprimand|"
                               r"enforcement\s+action)\s+(?:was|came|went|involved|concerned)\b", re.I)
# A rounded figure within this share of an exact one is that figure, rounded.
ROUNDED_WITHIN = 0.1


@dataclass(frozen=True)
class SubjectsFinding:
    """The number of people affected and the sentence that gives it."""

    count: int
    span: Span


def _tokens(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 3 and w not in _LEGAL_WORDS}


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w]*", name) if w.lower() not in _LEGAL_WORDS
                   or w.lower() == "group").upper()


def other_parties(party_names: Iterable[str], orgs: Iterable[OrgMention]) -> set[str]:
    """Organisations the text reports an action against that are not this document's party."""
    names = [n for n in party_names if n]
    if not names:
        return set()
    own = set().union(*(_tokens(n) for n in names))
    initials = {_initials(n) for n in names}
    others: set[str] = set()
    for org in orgs:
        name = org.name.strip()
        if not org.sentence.enforcement or len(name) < 3 or _NOT_A_PARTY_RE.match(name):
            continue
        if _tokens(name) & own or name.upper() in initials or name in names or not _tokens(name):
            continue
        a, b = org.start - org.sentence.start, org.end - org.sentence.start
        text = org.sentence.text
        if _ACTED_BEFORE_RE.search(text[max(0, a - 40):a]) or _ACTED_AFTER_RE.search(text[b:b + 60]):
            others.add(name)
    return others


def _about_other_case(s: Sentence, others: set[str], party_names: list[str], amount: int | None,
                      proposed: int | None = None) -> bool:
    """Whether a sentence is about another organisation's case: it names one the text reports an
    action against, or reports a fine of another amount (neither this penalty nor the figure first
    proposed for it), and does not name this party."""
    own = set().union(*(_tokens(n) for n in party_names)) if party_names else set()
    if _PREVIOUS_CASE_RE.search(s.text):
        return True      # an earlier case, even this party's own
    if own and _tokens(s.text) & own:
        return False
    if others and any(o in s.text for o in others):
        return True
    if amount and s.enforcement:
        ours = [a for a in (amount, proposed) if a]
        figures = [m.amount for m in find_money(s.text) if m.currency == "GBP" and m.amount >= 1000]
        return bool(figures) and all(abs(f - a) > 0.05 * a for f in figures for a in ours)
    return False


def other_case_test(party_names: Iterable[str], orgs: Iterable[OrgMention], amount: int | None,
                    proposed: int | None = None) -> Callable[[Sentence], bool]:
    """A test for sentences about another organisation's case, for rules beyond people affected
    (a failure named in "the fine follows a £400,000 penalty for nuisance calls against X" is X's)."""
    names = [n for n in party_names if n]
    others = other_parties(names, orgs)
    return lambda s: _about_other_case(s, others, names, amount, proposed)


def find_subjects(p: Prepared, party_names: Iterable[str] = (), orgs: Iterable[OrgMention] = (),
                  amount: int | None = None) -> SubjectsFinding | None:
    """People affected (see the module docstring for which count wins).

    `party_names` are this action's party and aliases, `orgs` the organisations NER found, and
    `amount` this action's penalty: they tell sentences about another case apart.
    """
    names = [n for n in party_names if n]
    others = other_parties(names, orgs)
    found: list[tuple[bool, int, bool, int, Span]] = []   # (regulator's, value, exact, -start, span)
    for s in p.sentences:
        if not _DIGIT_RE.search(s.text) or not PEOPLE_WORD_RE.search(s.text) \
                or not SUBJECT_CUE_RE.search(s.text) or _about_other_case(s, others, names, amount):
            continue
        said = bool(REGULATOR_SAID_RE.search(s.text))
        for c in find_counts(s.text, allow_bare=True):
            found.append((said, c.value, c.exact, -s.start, (s.start, s.end)))
    if not found:
        # No count of people: one person whose data the text says was exposed ("details relating
        # to a patient's health", "the address of a witness").
        for s in p.sentences:
            single = find_single_subject(s.text) if SINGLE_CUE_RE.search(s.text) else None
            if single and not _about_other_case(s, others, names, amount):
                return SubjectsFinding(1, (s.start, s.end))
    exact_values = [f[1] for f in found if f[2]]
    found = [f for f in found if f[2] or not any(abs(v - f[1]) <= ROUNDED_WITHIN * f[1] for v in exact_values)]
    if not found:
        return None
    best = max(found, key=lambda f: (f[0], f[1], f[3]))
    return SubjectsFinding(best[1], best[4])
