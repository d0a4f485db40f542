"""What kind of action a text reports: a notice's heading, else what its enforcement sentences say.

Also the second action of a pair: the ICO often serves a penalty and an enforcement notice on the
same day, and a text that says so reports two actions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.counts import SMALL_NUMBERS
from pipeline.extract.money import find_money
from pipeline.extract.rules.amount import penalty_score
from pipeline.extract.rules.document import (
    EARLIER_TIME_RE,
    KIND_OF_PERSON,
    RECALLING_SENTENCE_RE,
    Prepared,
    Span,
    story_year,
)
from pipeline.extract.rules.enforcement import (
    BY_THE_REGULATOR,
    COMPLIANCE_ORDER,
    NEGATED_BEFORE_RE,
    UNDERTAKING_IN_OTHER_WORDS,
    hypothetical,
)


@dataclass(frozen=True)
class Heading:
    """An action heading in a document's opening ("MONETARY PENALTY NOTICE", an ICO page's "Type")."""

    action_type: str
    status: str | None
    start: int
    end: int

    def is_listing(self, head: str) -> bool:
        """Whether this is an ICO page's "Type / Monetary penalties" line, not a notice's title."""
        return head[self.start:self.end].strip().lower().startswith("type")


@dataclass(frozen=True)
class SecondActionFinding:
    """The other half of a penalty + enforcement notice pair, and the sentence that reports it."""

    action_type: str
    span: Span
    amount: int | None      # only for a penalty, read from that sentence alone


# Headings that name the action: whole lines, any case. (Blank runs are bounded: a heading's
# pattern starts at every line, and an open `\s*` there would cost O(N^2) over many blank lines.)
# A register's "Type" field, or a breach log's "Regulator" field ("Regulator Undertaking to comply
# with the sixth data protection principle").
HEADINGS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"^[\s(]{0,8}notice of intent\b", re.I | re.M), "monetary_penalty", "provisional"),
    # OCR splits and misreads this heading: "PENAL TY NOTICE", "PENAL1YNOTICE".
    (re.compile(r"^[\s(]{0,8}(?:monetary\s+)?penal\s?[tl1]\s?y\s{0,8}notice\)?\s{0,8}$", re.I | re.M), "monetary_penalty",
     "final"),
    (re.compile(r"^[\s(]{0,8}enforcement notice\)?\s{0,8}$", re.I | re.M), "enforcement_notice", "final"),
    (re.compile(r"^[\s(]{0,8}reprimand\)?\s{0,8}$", re.I | re.M), "reprimand", "final"),
    (re.compile(r"^[\s(]{0,8}undertaking\)?\s{0,8}$", re.I | re.M), "undertaking", "final"),
    (re.compile(r"^\s{0,8}(?:Type|Regulator)\s{0,8}(Monetary penalt(?:y|ies))\b", re.I | re.M), "monetary_penalty", "final"),
    (re.compile(r"^\s{0,8}(?:Type|Regulator)\s{0,8}(Enforcement notices?)\b", re.I | re.M), "enforcement_notice", "final"),
    (re.compile(r"^\s{0,8}(?:Type|Regulator)\s{0,8}(Reprimands?)\b", re.I | re.M), "reprimand", "final"),
    (re.compile(r"^\s{0,8}(?:Type|Regulator)\s{0,8}(Undertakings?)\b", re.I | re.M), "undertaking", "final"),
    (re.compile(r"^\s{0,8}(?:Type|Regulator)\s{0,8}(Prosecutions?)\b", re.I | re.M), "prosecution", "final"),
]
# A court's words: "has been sentenced for unlawfully accessing records" (beside an enforcement word:
# "the hackers were sentenced" alone is another case's), "admitted 13 breaches of PECR".
SENTENCED = r"\b(?:was|were|been|be|is)\s{1,3}sentenced\b"
COUNTED_CHARGES = (r"(?:\d{1,3}|several|" + "|".join(SMALL_NUMBERS) + r")\s{1,3}(?:breaches|offences|charges|counts)")
PROSE_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("monetary_penalty", re.compile(r"\b(?:fined?|fines|fining|monetary penalt\w*|penalty notice|"
                                    r"penalty of|administrative fine|MPN)\b|"
                                    # the penalty power of the Data Protection Act 1998 (section 55A)
                                    r"\b(?:section|s\.?)\s?55A\b|"
                                    r"\bpay\w*\s+(?:the\s+)?(?:ICO|Information Commissioner's Office|regulator|"
                                    r"watchdog)\b[^.]{0,20}£|\b(?:ICO|regulator|watchdog)\s+bill\b|"
                                    r"\b(?:lands?|landed|settled|comes\s+in|came\s+in)\s+at\s+£", re.I)),
    ("reprimand", re.compile(r"\breprimand\w*", re.I)),
    # press calls the notice an "enforcement order" too
    ("enforcement_notice", re.compile(r"\benforcement (?:notice|order)|" + COMPLIANCE_ORDER, re.I)),
    # "signed undertakings" is one undertaking, signed; so is "signed a legal document saying it will"
    ("undertaking", re.compile(r"\bundertakings?\b|" + UNDERTAKING_IN_OTHER_WORDS, re.I)),
    # (not the body's name: "the Crown Prosecution Service", "the Director of Public Prosecutions")
    ("prosecution", re.compile(r"\b(?<!Crown )(?<!of Public )prosecut\w+(?!\s+Service)|pleaded guilty|\bconvicted\b|magistrates['’]? court|" + SENTENCED + r"|"
                               # the offence of unlawfully obtaining data (s.55 of the 1998 Act, s.170 of 2018)
                               r"\b(?:section|s\.?)\s?(?:55|170)\b(?!A)|conditional discharge|found guilty|"
                               r"admitted\s+(?:unlawfully|an?\s+offence|obtaining|accessing|" + COUNTED_CHARGES + r")|"
                               r"crown court|confiscation orders?|proceeds of crime", re.I)),
    # the regulator's FOI and EIR sanctions, which have no type of their own
    ("other", re.compile(r"\bpractice\s+recommendations?|\binformation\s+notices?", re.I)),
]
# "A fine may be imposed if it does not comply": a threat, not a penalty. Such a sentence does
# not vote for monetary_penalty (an enforcement notice usually ends with one).
CONDITIONAL_PENALTY_RE = re.compile(
    r"\b(?:may|might|could|can)\s+(?:be\s+)?(?:imposed?|issued?|levied|fined?)\b[^.]*\bif\b|"
    r"\bif\b[^.]*\b(?:may|might|could|can)\s+(?:be\s+)?(?:imposed?|issued?|levied|fined?)\b|"
    r"\bfailure\s+to\s+comply\b[^.]*\b(?:may|might|could|can)\b", re.I)
COURT_CASE_RE = re.compile(r"magistrates?['’]?s?(?:\s+court)?\b|crown court|sheriff court|pleaded guilty|\bconvicted\b|"
                           r"found guilty|conditional discharge|victim surcharge|prosecution costs|"
                           r"suspended\s+(?:prison\s+|jail\s+)?sentences?|district\s+judge|"
                           r"admitted\s+(?:unlawfully|an?\s+offence|obtaining|accessing|" + COUNTED_CHARGES + r")|"
                           # "The court held the recruitment manager to be guilty of an offence under section 55"
                           r"guilty\s+of\s+(?:an\s+|the\s+)?offences?", re.I)
# What makes court words this story's court case, not a conviction in some other case ("The defendants
# were eventually convicted in court", of the crime a lost recording was evidence of): a fine, the
# court named, the offence or the law it is under ("convicted under Section 17 of the Act").
COURT_FINE_WORDS_RE = re.compile(r"£|\bfined?\b|\bprosecut\w+|magistrate|crown\s+court|sheriff\s+court|\bsection\b|"
                                 r"\bact\b|\boffences?\b|\bpleaded\b|\bguilty\b|\bsentenc\w+|\bdischarge\b", re.I)

# "also issued X with an enforcement notice", "issued a penalty of £N and an enforcement notice",
# "an enforcement notice was also served": an enforcement notice issued besides the main action.
_EN = r"enforcement\s+notice"
ALSO_EN_RE = re.compile(
    r"\b(?:issued|served|gave|given|imposed)\b[^.]{0,40}\balso\b[^.]{0,60}\b" + _EN + r"|"
    r"\balso\s+(?:issued|served|gave|given|imposed)\b[^.]{0,80}\b" + _EN + r"|"
    r"\b(?:issued|served|gave|imposed)\b[^.]{0,80}\b(?:penalty|fine|MPN)\b[^.]{0,60}\band\s+(?:an|a)\s+" + _EN + r"|"
    r"\b" + _EN + r"\b[^.]{0,40}\b(?:was|has\s+been|were)\s+also\s+(?:issued|served|given)|"
    r"\b(?:as\s+well\s+as|alongside|in\s+addition\s+to)\s+(?:the\s+|a\s+|its\s+)?(?:monetary\s+)?(?:penalty|fine)"
    r"[^.]{0,60}\b(?:issued|served)\b[^.]{0,40}\b" + _EN, re.I)
# The converse, on an enforcement notice's page: "We fined it £50,000 and this enforcement notice
# orders it to stop", "A monetary penalty was issued the same day".
ALSO_PENALTY_RE = re.compile(
    r"\b(?:we|ICO|Commissioner|regulator)\b[^.]{0,30}\b(?:also\s+)?fined\b|\balso\s+fined\b|"
    r"\b(?:monetary\s+penalty|fine|penalty)\b[^.]{0,20}\b(?:was|has\s+been)\s+(?:also\s+)?(?:issued|imposed|served)\b",
    re.I)
# Case-sensitive on purpose: "may" is a modal, "May" a month.
NOT_ISSUED_RE = re.compile(r"\b(?:may|might|could|would|[Ii]f|[Uu]nless|[Ww]hether|not|intends?|intention|"
                           r"proposed|[Pp]reliminary|[Pp]rovisional)\b")


def find_heading(head: str) -> Heading | None:
    """The first action heading in a document's opening."""
    best: Heading | None = None
    for regex, action_type, status in HEADINGS:
        m = regex.search(head)
        if m and (best is None or m.start() < best.start):
            best = Heading(action_type, status, m.start(), m.end())
    return best


OPENING_SENTENCES = 3
OPENING_WEIGHT = 2


# Words a court case shares with press hyperbole ("the force was found guilty of a serious breach"):
# they speak of a court only in a text that names one or a prosecution.
LOOSE_COURT_WORDS_RE = re.compile(r"found guilty", re.I)
COURT_NAMED_RE = re.compile(r"\bcourts?\b|\bprosecut\w+|\bmagistrates\b|\bpleaded\b|\bconvicted\b|\bcharged\b", re.I)


# A person fined, in a story that tells a court case: the court's fine ("A former headteacher has been fined",
# then "Appearing before Ealing Magistrates' Court, the teacher admitted two offences").
PERSON_FINED_RE = re.compile(r"^\W{0,3}(?:A|An|The|Two|Three)\s+(?:former\s+|ex-)?(?:[\w-]{1,20}\s+){0,2}?" + KIND_OF_PERSON
                             + r"s?\s+(?:\w+\s+)?(?:has|have|had|was|were)\s+(?:been\s+)?fined\b", re.I)


# A prosecution threatened is none: "told to stop or face prosecution", "could face possible
# prosecution", "risk prosecution". (Only for a prosecution: a firm that "faces a £6m fine" has a
# notice of intent.)
THREATENED_BEFORE_RE = re.compile(r"\b(?:fac(?:e|es|ed|ing)|risk(?:s|ed|ing)?|threat(?:en(?:s|ed|ing)?)?(?:\s+of|\s+with)?|"
                                  r"(?:lead|leads|result|results)\s+(?:to|in))(?:\s+[\w'’-]{1,20}){0,2}\s+$", re.I)


# A court report's form: a person named with their age, then prosecuted ("Jane Marsh, 27, was
# prosecuted under section 55", "John Smith, 41, of Leeds, was fined £500 by magistrates").
PERSON_WITH_AGE_PROSECUTED_RE = re.compile(
    r"\b[A-Z][a-z'’-]{1,30}(?:[ \t]{1,3}[A-Z][a-z'’-]{1,30}){1,3},[ \t]{1,3}\d{2},(?:[ \t]{1,3}(?:of|from)[^,.]{1,40},)?"
    r"[ \t]{1,3}(?:was|has[ \t]{1,3}been)[ \t]{1,3}(?:prosecuted|convicted|sentenced|charged)\b")


# A court only spoken of as what could happen: "it can lead to prosecution where they could face a
# fine of up to £5,000 in the magistrates court".
HYPOTHETICAL_COURT_RE = re.compile(r"\b(?:if|unless|could|might|would|can)\b[^.]{0,100}"
                                   r"(?:court|prosecut\w+|convicted|guilty)", re.I)


# A question quoted from a form or a speech ("the form asked 'Have you ever been convicted of a
# criminal offence or received a caution, reprimand or warning?'") names no action.
QUOTED_QUESTION_RE = re.compile(r"\"[^\"\n]{1,300}\?\"|(?<!\w)'[^'\n]{1,300}\?'")
# What an organisation agreed to do, in stories of a breach the regulator found, from before
# undertakings were called so in the press: "has agreed to take remedial action", "was ordered to
# sign a pledge", "has now been ordered to ensure that ...".
COMMITMENT_RE = re.compile(r"\b(?:has|have|had)\s{1,3}(?:now\s{1,3}|also\s{1,3})?agreed\s{1,3}to\s{1,3}(?:take|improve|ensure|"
                           r"introduce|implement|encrypt|put|make|review|tighten)\b|"
                           r"\b(?:been|was|were)\s{1,3}(?:now\s{1,3})?ordered\s{1,3}(?:" + BY_THE_REGULATOR + r")?"
                           r"to\s{1,3}(?:sign|ensure|improve|encrypt|review|train)\b", re.I)
# A breach of the 1998 Act the regulator found, with no instrument named: "has been found in breach
# of the Data Protection Act", "broke data protection laws, it has been ruled" (not a published
# ruling "which states that X breached the Act": a finding only). From 2008 until the
# GDPR (May 2018) the regulator's formal answer to such a finding, short of a fine, was an
# undertaking; from then on it is a reprimand, so the rule holds for stories before 2018 that do not
# speak of the GDPR.
BREACH_FOUND_RE = re.compile(r"\b(?:in\s{1,3}breach\s{1,3}of|broke|broken|contravened)\s{1,3}(?:the\s{1,3})?"
                             r"(?:Data\s{1,3}Protection\s{1,3}Act|data\s{1,3}protection\s{1,3}(?:laws?|rules))\b(?!\s{1,3}2018)")
GDPR_RE = re.compile(r"\bGDPR\b|General\s{1,3}Data\s{1,3}Protection\s{1,3}Regulation|Data\s{1,3}Protection\s{1,3}Act\s{1,3}2018")
LAST_YEAR_OF_UNDERTAKINGS = 2017


def _votes(name: str, regex: re.Pattern[str], text: str) -> bool:
    """Whether `text` speaks of an action of type `name`, not denied ("which avoided a fine",
    "not a fine"), only possible ("could face an unlimited fine") nor, for a prosecution, only
    threatened."""
    for m in regex.finditer(text):
        before = text[max(0, m.start() - 90):m.start()]
        if NEGATED_BEFORE_RE.search(before) or hypothetical(text, m):
            continue
        if name == "prosecution" and THREATENED_BEFORE_RE.search(before[-50:]):
            continue
        return True
    return False


# A sentence that recounts another or an earlier action: "This is not the first time Grampian has been
# required to sign an undertaking", "Another firm, Horizon Windows, received an enforcement notice",
# "Five other NHS trusts were reprimanded", "Croydon had previously been fined £100,000".
RECOUNTED_RE = re.compile(r"\bnot\s+the\s+first\s+time\b|\b(?:had|has|was|were)\s+previously\b|"
                          r"\bpreviously\s+(?:been\s+)?(?:fined|issued|served|reprimanded|signed|given|received)\b|"
                          r"^\W{0,3}(?:Another|(?:In\s+)?A\s+separate|"
                          r"One\s+other|(?:The\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|several|\d{1,2})"
                          r"\s+other)\b", re.I)
_YEAR_RE = re.compile(r"\b((?:199|20[0-3])\d)\b")
_IN_YEAR_RE = re.compile(r"^\W{0,3}(?:In|By|Back\s+in)\s+(?:[A-Z][a-z]{2,8}\s+)?(?P<year>(?:19|20)\d\d)\b")


def _recounts(text: str, year: int | None, in_opening: bool) -> bool:
    """Whether a sentence tells another case or an earlier one ("In September 2009, X had signed an
    undertaking", below the opening of a 2015 story): it says nothing of this story's action type.
    (An opening's "In September 2017 the Commissioner served a penalty" may be the story's own
    action, told in a later year.)"""
    if RECOUNTED_RE.search(text) or RECALLING_SENTENCE_RE.search(text):
        return True
    if not in_opening and EARLIER_TIME_RE.search(text):
        return True     # "The company pleaded guilty and last November was fined £650": an earlier case
    m = None if in_opening else _IN_YEAR_RE.match(text)
    return bool(m and year and int(m.group("year")) < year)


def _says_also_fined(sentence: str) -> bool:
    """Whether a sentence says a fine was served besides (not one that might be, up to the cue:
    the reason after it may say "had not consented")."""
    m = ALSO_PENALTY_RE.search(sentence)
    return m is not None and not NOT_ISSUED_RE.search(sentence[:m.end()])


def prose_type(p: Prepared) -> str:
    """The action type most sentences (and the title) speak of."""
    counts = {name: 0.0 for name, _ in PROSE_TYPES}
    # Undated, the story is at least as late as the latest year its opening names.
    year = story_year(p) or max((int(y) for y in _YEAR_RE.findall(p.clean.text[:5000])), default=None)
    first_seen: dict[str, int] = {}
    court_named = bool(COURT_NAMED_RE.search(p.clean.text[:20000]))
    # (a court's own words, not only "court" or "charged": a person's fine is then the court's)
    court_case = bool(COURT_CASE_RE.search(p.clean.text[:20000]))
    for s in p.sentences:
        # The opening says what the story is about; later sentences recount earlier actions.
        weight = OPENING_WEIGHT if s.index < OPENING_SENTENCES else 1
        text = QUOTED_QUESTION_RE.sub(" ", s.text)
        text = text if court_named else LOOSE_COURT_WORDS_RE.sub(" ", text)
        if not s.enforcement:
            # A court's words make a prosecution even where no enforcement word stands beside them:
            # "X admitted unlawfully accessing data when she appeared at Cwmbran Magistrates' Court".
            if COURT_CASE_RE.search(text) and not HYPOTHETICAL_COURT_RE.search(text):
                counts["prosecution"] += weight
                first_seen.setdefault("prosecution", s.index)
            continue
        if _recounts(text, year, s.index < OPENING_SENTENCES):
            continue
        # A court's fine in a prosecution: "was prosecuted and fined £300 at the magistrates' court".
        # It outweighs a headline's "fined" (a title counts 3).
        court_fine = bool(PERSON_WITH_AGE_PROSECUTED_RE.search(text)
                          or (COURT_CASE_RE.search(text) and COURT_FINE_WORDS_RE.search(text))) \
            and not HYPOTHETICAL_COURT_RE.search(text)
        if court_case and PERSON_FINED_RE.search(text):
            # ("A Health Care Assistant has been fined £1,715 by Fenland Magistrates' Court")
            counts["prosecution"] += weight + (4 if court_fine else 0)
            first_seen.setdefault("prosecution", s.index)
            continue
        conditional = bool(CONDITIONAL_PENALTY_RE.search(text))
        for name, regex in PROSE_TYPES:
            if name == "monetary_penalty" and conditional:
                continue
            if _votes(name, regex, text):
                counts[name] += weight
                first_seen.setdefault(name, s.index)
        if court_fine:
            counts["prosecution"] += 4
    if p.title:
        for name, regex in PROSE_TYPES:
            if _votes(name, regex, p.title):
                counts[name] += 3
                first_seen[name] = -1
    # A tie goes to the type named first: the story opens with its own action. A fine and a notice
    # told as often, where the text says the party was also fined ("As well as the notice, Our Vault
    # was also fined £70,000"), were served together: the fine is the story's action.
    fined_too = counts["monetary_penalty"] == counts["enforcement_notice"] > 0 and any(
        _says_also_fined(s.text) for s in p.sentences[:400])
    best = max(counts, key=lambda k: (counts[k], fined_too and k == "monetary_penalty",
                                      -first_seen.get(k, len(p.sentences) + 1)))
    if counts[best] > 0:
        return best
    if any(COMMITMENT_RE.search(s.text) for s in p.sentences[:400]):
        return "undertaking"    # the regulator found a breach, and the party agreed to put it right
    if (year is None or year <= LAST_YEAR_OF_UNDERTAKINGS) and not GDPR_RE.search(p.clean.text) \
            and any(BREACH_FOUND_RE.search(s.text) for s in p.sentences[:400]):
        return "undertaking"
    return "other"


def find_second_action(p: Prepared, main_type: str | None) -> SecondActionFinding | None:
    """The other half of a penalty + enforcement notice pair, when the text says both were issued.

    The ICO often serves a penalty and an enforcement notice on the same day ("The ICO also
    issued X with an enforcement notice", "issued a penalty of £N and an enforcement notice";
    on an EN's page, "we fined it £50,000 and this enforcement notice..."). They are two
    actions, and the linker attaches the document to each action's case. Only a sentence that
    says the other action WAS issued counts: "a fine may be imposed if the enforcement notice is
    not complied with" and a "preliminary enforcement notice" are not one.
    """
    if main_type == "enforcement_notice":
        second_type, cue = "monetary_penalty", ALSO_PENALTY_RE
    elif main_type == "monetary_penalty":
        second_type, cue = "enforcement_notice", ALSO_EN_RE
    else:
        return None
    for s in p.sentences[:400]:
        if not cue.search(s.text) or NOT_ISSUED_RE.search(s.text):
            continue
        amount = None
        if second_type == "monetary_penalty":
            # The penalty's amount only from the sentence that reports it: on an EN's page any
            # other figure may be some other case's.
            scored = [(score, m.amount) for m in find_money(s.text)
                      if m.currency == "GBP" and (score := penalty_score(s.text, m)) is not None]
            if scored:
                amount = max(scored)[1]
        return SecondActionFinding(second_type, (s.start, s.end), amount)
    return None
