"""How many people the breach or the unlawful processing affected.

`counts.py` reads the numbers; here a sentence qualifies when it has a digit, a word for people
and a word saying they were affected, and is not about another organisation's case (a story often
recalls another fine: "Capita ... 6.6 million people's data"). Among the counts left, a UK figure
the regulator or the action's sentence gives ("The ICO said over 155,000 U.K. residents...") sets
aside the figures not marked UK (the breach's worldwide total); then the largest (the total, not a
subset: "339 million guest records ..., of which 30 million") wins, a system's size ("which holds
records relating to 1.5 million people") only when nothing else is given; a rounded figure gives
way to the exact one it rounds ("some 9,500 staff" is "all 9,483 officers and staff") or to a finer
rounding of itself ("almost 10,000" / "about 9,900").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.extract.counts import find_counts, find_logged_record_count, find_single_subject
from pipeline.extract.money import find_money, significant_digits
from pipeline.extract.rules.document import LOG_FIELDS_CHARS, SEVERAL_CASES_RE, OrgMention, Prepared, Sentence, Span
from pipeline.names import has_legal_suffix

# SUBJECT_CUE_RE, SINGLE_CUE_RE and PEOPLE_WORD_RE are tried on every sentence: they are written in
# lower case and read `Sentence.lower` (see there).
SUBJECT_CUE_RE = re.compile(
    r"affect\w*|impact\w*|compromis\w*|stolen|stole|exposed|taken|breach|data of|belonging to|relat\w+ to|"
    r"accessed|disclosed|leaked|exfiltrat\w+|personal (?:data|information)|records of|victims|revealing|"
    r"overdue|unanswered|"
    # people spammed: "spamming the 270,000-plus people"
    r"\bspamm(?:ed|ing)\b|"
    # the data taken or passed on: "shared 4,948,633 donor records", "the information of over 100 people"
    r"\bshar(?:ed|ing)\b|\b(?:information|details)\s+(?:of|on|about)\b|misus\w+|obtain\w+|"
    # data sold, a document that held people's details, an email sent to people in the open
    r"\bsold\b|\bselling\b|\bcontain(?:ed|ing|s)?\b|\b(?:names|addresses)\b[^.;]{0,60}\bof\s+\d|\be-?mail(?:ed|ing)\b|"
    # ("took this opportunity to email 498,179 former customers")
    r"\be-?mail\s+(?:over\s+|more\s+than\s+|some\s+)?\d|"
    # data revealed, people identified, reached or processed without consent; access gained to data
    r"\breveal\w*|\b(?:unlawfully|wrongly|wrongfully|inadvertently|be|been)\s+identif(?:y|ied|ying)\b|\btarget(?:ed|ing|s)?\b|\bpick(?:ing|ed)\s+up\b|\bconsent\b|"
    # (the regulator's words may be quoted: 'to "access 669 unencrypted cardholder details')
    r"\b(?:gained|gain|gaining|could|to)\s+[\"']?(?:unauthorised\s+|unlawful\s+)?access\b|"
    # marketing's recipients: "sending 107 million emails to 437,324 individuals"
    r"\b(?:sent|sending|made|making)\b[^.;]{1,80}\bto\s+(?:over\s+|more\s+than\s+|some\s+)?\d")
# A sentence that tells of one person's data going where it should not.
SINGLE_CUE_RE = re.compile(SUBJECT_CUE_RE.pattern + r"|\b(?:released|releasing|sent|sending|posted|faxed|emailed|"
                           r"shared|sharing|passed|shown|learn\w*|misdirected|wrong|lost|left|published|viewed|seen|"
                           r"visible)\b")
PEOPLE_WORD_RE = re.compile(r"people|persons|individuals|subjects|users|customers|patients|employees|"
                            r"staff|members|children|pupils|students|residents|claimants|victims|"
                            r"holders|subscribers|applicants|citizens|clients|donors|voters|"
                            r"households|families|seekers|tenants|recipients|consumers|affected|guests|"
                            r"officers|nationals|workers|passengers|parents|under[- ]?1\d|records|offenders|suspects|"
                            r"address|requests|sars|supporters|participants|britons|cardholder|card\s?holders|"
                            r"details|adults|pensioners|borrowers|investors|shoppers|travellers|motorists|"
                            r"candidates|prisoners|inmates|detainees|migrants|refugees|defendants|witnesses|"
                            r"beneficiaries|learners|fans|readers|viewers|listeners|players|gamblers|"
                            r"homeowners|householders|landlords|taxpayers|nurses|doctors|teachers|soldiers|"
                            r"personnel|veterans|troops|interpreters|relatives|carers|volunteers|teenagers|"
                            r"babies|mothers|women|\bmen\b|girls|boys|survivors|visitors|attendees|followers|"
                            r"shareholders|retirees|drivers|riders|diners|cvs")
# A digit, or a number written as a word ("one million", "four vulnerable children").
_DIGIT_RE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                       r"twenty|thirty|forty|fifty)\b", re.I)
# The regulator's own figure: "The ICO said over 155,000...", "According to the ICO's investigation".
REGULATOR_SAID_RE = re.compile(
    r"\b(?:ICO|Commissioner|regulator|watchdog)(?:['’]s)?\)?\s+(?:said|says|found|finds|estimated|investigation|"
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


# A company's name by its legal form. (NER reads only the opening and enforcement sentences, and
# takes common nouns for names.)
_COMPANY_NAME_RE = re.compile(r"\b[A-Z][\w&'’.-]{0,40}(?:[ \t]{1,3}[A-Z][\w&'’.-]{0,40}){0,5}[ \t]{1,3}(?:Ltd|Limited|plc|PLC|LLP)\b")


def other_case_test(party_names: Iterable[str], orgs: Iterable[OrgMention], amount: int | None,
                    proposed: int | None = None, sentences: Sequence[Sentence] = ()) -> Callable[[Sentence], bool]:
    """A test for sentences about another organisation's case, for rules beyond people affected
    (a failure named in "the fine follows a £400,000 penalty for nuisance calls against X" is X's).

    A sentence that goes on with that case is its too: one right after it (in `sentences`, the
    text's) that names another company by its legal form, and not this party ("The ICO has also
    fined a London debt firm £40,000. It said Vincent Bond Ltd sent 346,162 texts ...").
    """
    names = [n for n in party_names if n]
    others = other_parties(names, orgs)
    own = set().union(*(_tokens(n) for n in names)) if names else set()
    about_other: dict[int, bool] = {}

    def goes_on(s: Sentence) -> bool:
        """Whether `s` may go on with the sentence before it: it names another company, not this party."""
        return bool(own) and 0 < s.index <= len(sentences) and sentences[s.index - 1].index == s.index - 1 \
            and not _tokens(s.text) & own \
            and any(not _tokens(m.group(0)) & own for m in _COMPANY_NAME_RE.finditer(s.text))

    def test(s: Sentence) -> bool:
        if s.index not in about_other:
            # the run of sentences that may go on from one another, read from its first (a loop, not
            # recursion: a long notice may name companies in thousands of sentences in a row)
            run = [s]
            while goes_on(run[-1]) and run[-1].index - 1 not in about_other:
                run.append(sentences[run[-1].index - 1])
            for sentence in reversed(run):
                about_other[sentence.index] = _about_other_case(sentence, others, names, amount, proposed) or (
                    goes_on(sentence) and about_other.get(sentence.index - 1, False))
        return about_other[s.index]
    return test


# A sentence about people anywhere in the world ("146 million people around the world") does not
# say the action is about the UK's share of them.
_GLOBAL_RE = re.compile(r"\b(?:around|across|throughout|all\s+over)\s+the\s+(?:world|globe)\b|\bworld-?wide\b|"
                        r"\bglobally\b|\binternationally\b", re.I)
_UK_RE = re.compile(r"\bUK\b|\bU\.K\b|\bBritish\b|\bBritons\b|\bin\s+Britain\b")
# A system's size rather than the people whose data went astray: "SWAN, which holds records relating
# to 1.5 million people" beside "the personal information of 547,000 customers" obtained from it.
# (Present tense only: "a database which held the details of 500,000 customers" is what was reached.)
_CAPACITY_BEFORE_RE = re.compile(r"\b(?:holds|holding)\b[^.;]{0,50}$", re.I)


# How far into a sentence its subject may start, and what may come before it: a linking word and
# a description ("Meanwhile, the second organisation - ").
_SUBJECT_WITHIN = 60
# The regulator, a court or the law, however NER cuts its name ("The Information Commissioner's
# Office (ICO", "UK Information"): never another case's party.
# Nor is a law, or a common noun NER took for a name ("The Data Breach", "• Date").
_REGULATOR_NAME_RE = re.compile(r"^\W|\b(?:ICO|Information|Commissioner\w*|Tribunal|Court|GDPR|DPA|PECR|NCSC|Act|"
                                r"Regulations?|Data|Breach|Notice|Privacy|Protection|Password|Date)\b", re.I)
_LEAD_IN_RE = re.compile(r"\s*(?:(?:meanwhile|however|separately|similarly|elsewhere|also|and|but|while)\b,?\s*)?"
                         r"(?:the\s+(?:second|other|third|latter|last)\s+(?:organisation|body|firm|company|case)\s*"
                         r"(?:[-–—:,]|was|is)\s*)?", re.I)


# A round-up's subheading: "Example Services fined £200,000", "Example Ltd (EX) fined £80,000".
# (A headline's form: a name in capitals straight before "fined", not "The company was fined".)
_SECTION_HEADING_RE = re.compile(r"^\s*(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|&|and|of|for|the)){0,8})\s+"
                                 r"(?:\([^)]{1,20}\)\s+)?(?:fined|handed|hit\s+with)\s+(?:an?\s+)?£\s?\d")


# A sentence that recalls an earlier incident: its count is that incident's ("The incident followed a
# similar case in October 2011, when ... 16,000 prisoners").
RECALLED_INCIDENT_RE = re.compile(r"\b(?:similar|separate|previous|earlier|prior)\s+(?:case|incident|breach|loss|"
                                  r"security\s+breach|data\s+breach)\b|\bin\s+(?:a|an)\s+(?:separate|earlier|"
                                  r"previous)\b", re.I)


@dataclass(frozen=True)
class _Candidate:
    value: int
    exact: bool
    start: int
    span: Span
    cued: bool          # its sentence says the people's data was affected, taken, shared...
    uk: bool            # people in the UK ("15 million Britons", "155,000 U.K. residents")
    said: bool          # in the regulator's words or the sentence reporting the action, not about the world
    capacity: bool      # what a system holds, not what was affected
    recalled: bool = False   # in a sentence recalling an earlier incident ("followed a similar case in 2011")
    planned: bool = False    # whom something was meant for ("intended to send a bulk email to 5,000 patients")


# How close an exact count must be to the rounded one it replaces ("451,000" for 451,217).
EXACT_OF_ROUNDED_WITHIN = 0.01


# What was meant to happen, not what did: "The Trust intended to send a bulk email to approximately 5,000
# patients" (it went to 1,781).
_PLANNED_BEFORE_RE = re.compile(r"\b(?:intended|intending|planned|planning|meant|supposed)\s+to\b[^.;]{0,100}$", re.I)


def _without_names(text: str, names: list[str]) -> str:
    """The text without the party's own names: "UK" in "Ticketmaster UK" says nothing of where people are."""
    # ... with or without its legal form: "Ticketmaster UK Limited" is written "Ticketmaster UK"
    spelt = {n for name in names for n in (name, name.rsplit(None, 1)[0] if has_legal_suffix(name) else name)}
    for name in sorted(spelt, key=len, reverse=True):
        if len(name) > 2:
            text = text.replace(name, " ")
    return text


def _finer_figure(value: int, rounded: int, within: float) -> bool:
    """Whether `value` is `rounded` told more exactly: near it, with more significant digits."""
    return abs(value - rounded) <= within * rounded and significant_digits(value) > significant_digits(rounded)


def _other_subject_starts(names: list[str], orgs: Iterable[OrgMention]) -> list[int]:
    """Where a sentence opens on another organisation as its subject ("The Example Office, set up
    after the inquiry, sent a newsletter to 251 subscribers"; "Meanwhile, the second organisation -
    the Example Office - ..."): the count it gives is that organisation's, on a page that reports
    several. Positions of such organisation names in the clean text."""
    if not names:
        return []
    own = set().union(*(_tokens(n) for n in names))
    initials = {_initials(n) for n in names}
    starts: list[int] = []
    for org in orgs:
        name = org.name.strip()
        if org.start - org.sentence.start > _SUBJECT_WITHIN or _REGULATOR_NAME_RE.search(name) \
                or not _tokens(name) or _tokens(name) & own or name.upper() in initials:
            continue
        lead = org.sentence.text[:org.start - org.sentence.start]
        if _LEAD_IN_RE.fullmatch(lead):
            starts.append(org.start)
    return starts


def _other_sections(p: Prepared, names: list[str]) -> set[int]:
    """Sentences (by index) in another case's section of a round-up: from a subheading that names
    another organisation's action ("Example Services fined £200,000") up to the next one."""
    own = set().union(*(_tokens(n) for n in names)) if names else set()
    inside: set[int] = set()
    other = False
    for s in p.sentences:
        m = _SECTION_HEADING_RE.match(s.text)
        if m:
            other = bool(own) and not _tokens(m.group("name")) & own
        if other:
            inside.add(s.index)
    return inside


def _clause(text: str, start: int, end: int) -> str:
    """The words around a count up to the nearest punctuation either side."""
    before = re.split(r"[;,:()]|\.(?!\w)", text[max(0, start - 40):start])[-1]
    after = re.split(r"[;,:()]|\.(?!\w)", text[end:end + 40])[0]
    return before + " " + after


# "910,283 records", "148 personal data records" (not "between 150 and 200 records": a guess).
_RECORDS_RE = re.compile(r"(?<![\w£$€.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d{2,9})\s+(?:(?:personal|data|paper|"
                         r"electronic|digital)\s+){0,2}records\b(?!\s+(?:of|on)\s+(?:calls?|texts?|messages?))")
_RANGE_OPENING_RE = re.compile(r"\bbetween\s+[\d,]+\s+and\s+$")
# Records handed to the investigators are a sample of the evidence: "EML provided the ICO enforcement
# team with 7000 records of personal data".
_GIVEN_TO_REGULATOR_RE = re.compile(r"\b(?:provided|gave|given|sent|supplied|submitted|handed)\b[^.;]{0,40}?"
                                    r"\b(?:ICO|regulator|Commissioner|investigators?|enforcement\s+team)\b")


def _record_count(p: Prepared, others: set[str], names: list[str], amount: int | None) -> SubjectsFinding | None:
    """The largest count of records a sentence that says what happened to them gives."""
    best: tuple[int, Span] | None = None
    for s in p.sentences:
        if "records" not in s.text or not SUBJECT_CUE_RE.search(s.lower) or _about_other_case(s, others, names, amount) \
                or _GIVEN_TO_REGULATOR_RE.search(s.text):
            continue
        for m in _RECORDS_RE.finditer(s.text):
            if _RANGE_OPENING_RE.search(s.text[max(0, m.start() - 30):m.start()]):
                continue
            value = int(m.group("num").replace(",", ""))
            if best is None or value > best[0]:
                best = (value, (s.start, s.end))
    return SubjectsFinding(*best) if best else None


def find_subjects(p: Prepared, party_names: Iterable[str] = (), orgs: Iterable[OrgMention] = (),
                  amount: int | None = None) -> SubjectsFinding | None:
    """People affected (see the module docstring for which count wins).

    `party_names` are this action's party and aliases, `orgs` the organisations NER found, and
    `amount` this action's penalty: they tell sentences about another case apart.
    """
    logged = find_logged_record_count(p.clean.text[:LOG_FIELDS_CHARS])
    if logged:
        return SubjectsFinding(logged.value, (logged.start, logged.end))    # a breach log's own field
    names = [n for n in party_names if n]
    orgs = list(orgs)
    others = other_parties(names, orgs)
    several = bool(others) or any(SEVERAL_CASES_RE.search(s.text) for s in p.sentences)
    other_subjects = _other_subject_starts(names, orgs) if several else []
    other_sections = _other_sections(p, names) if several else set()
    found: list[_Candidate] = []
    exact_elsewhere: list[tuple[int, Span]] = []    # exact counts in sentences that say nothing of the data
    for s in p.sentences:
        if not _DIGIT_RE.search(s.text) or not PEOPLE_WORD_RE.search(s.lower) \
                or _about_other_case(s, others, names, amount) \
                or any(s.start <= o < s.start + _SUBJECT_WITHIN for o in other_subjects) \
                or s.index in other_sections:
            continue
        cued = bool(SUBJECT_CUE_RE.search(s.lower))
        said = bool(REGULATOR_SAID_RE.search(s.text))
        for c in find_counts(s.text, allow_bare=True):
            # "3,284 customers' loan accounts": people whose data it is, whatever the verb (but a
            # sentence that says what happened to people's data comes first)
            if not cued and not (c.noun and s.text[c.end:c.end + 1] in ("'", "’")):
                if c.exact and c.noun:
                    exact_elsewhere.append((c.value, (s.start, s.end)))
                continue
            clause = _clause(s.text, c.start, c.end)
            found.append(_Candidate(c.value, c.exact, s.start + c.start, (s.start, s.end), cued,
                                    bool(_UK_RE.search(_without_names(c.text + " " + clause, names))),
                                    (s.enforcement or said) and not _GLOBAL_RE.search(s.text),
                                    bool(_CAPACITY_BEFORE_RE.search(s.text[max(0, c.start - 60):c.start])),
                                    bool(RECALLED_INCIDENT_RE.search(s.text)),
                                    bool(_PLANNED_BEFORE_RE.search(s.text[max(0, c.start - 120):c.start]))))
    if not found:
        # No count of people: records stand for them where the text says what happened to them
        # ("shared 910,283 records", "148 records were inappropriately accessed").
        records = _record_count(p, others, names, amount)
        if records:
            return records
        # No count of people: one person whose data the text says was exposed ("details relating
        # to a patient's health", "the address of a witness").
        for s in p.sentences:
            single = find_single_subject(s.text) if SINGLE_CUE_RE.search(s.lower) else None
            if single and not _about_other_case(s, others, names, amount):
                return SubjectsFinding(1, (s.start, s.end))
    # When the regulator, or the sentence reporting the action, counts the people in the UK, the
    # action is about them: a total for the whole breach ("146 million people around the world",
    # "more than 6.9 million users") gives way.
    if any(f.uk and f.said for f in found):
        found = [f for f in found if f.uk]
    # A rounded figure gives way to the exact one it rounds ("some 9,500 staff" / "all 9,483
    # officers"), and to a finer rounding of itself ("almost 10,000 people" / "about 9,900 people").
    exact_values = [f.value for f in found if f.exact]
    found = [f for f in found if f.exact or not any(
        abs(v - f.value) <= ROUNDED_WITHIN * f.value for v in exact_values) and not any(
        _finer_figure(g.value, f.value, ROUNDED_WITHIN) for g in found)]
    if not found:
        return None
    best = max(found, key=lambda f: (f.cued, not f.recalled, not f.planned, not f.capacity, f.value, -f.start))
    if not best.exact:
        # The exact figure the rounded one stands for, told elsewhere ("spamming 451,000 who didn't want
        # marketing emails" / "the unfortunate 451,217 recipients").
        finer = [(v, span) for v, span in exact_elsewhere if _finer_figure(v, best.value, EXACT_OF_ROUNDED_WITHIN)]
        if finer:
            return SubjectsFinding(*finer[0])
    return SubjectsFinding(best.value, best.span)
