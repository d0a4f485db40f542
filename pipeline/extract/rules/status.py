"""Where an action stands: provisional (a notice of intent), final, appealed or upheld, and why.

(`reduced` is decided with the amount, in `amount.py`: it needs both figures.) A final penalty is
final also when the story recounts its notice of intent: the headline and opening say what the
story is about, so they weigh more, and a sentence that tells of the proposal as superseded
("reduced from the £6.09m initially proposed") votes final. `find_status_reason` reads why a
figure or a status is what it is from the sentence that says so: the company's representations,
COVID-19, its ability to pay, a settlement, an appeal, the public-sector approach.
"""
from __future__ import annotations

import re

from pipeline.extract.rules.action_type import Heading
from pipeline.extract.rules.document import Prepared, Sentence
from pipeline.extract.rules.enforcement import TRIBUNAL_RE

# PROVISIONAL_RE and UPHELD_RE are tried on every sentence or the whole text: written in lower
# case, they read lower-cased text (see `Sentence.lower`).
PROVISIONAL_RE = re.compile(
    r"intends? to (?:fine|issue|impose|levy)|intention to (?:fine|impose|levy)|provisional\w*|"
    r"(?:wants?|plans?|planning|preparing|intending|aims?|seeks?|is\s+set|expected) to (?:fine|impose)|lines? up (?:a )?(?:£|fine|penalty)|"
    # ("issued a “notice of intent” to fine the company")
    r"(?:issued|issues|served|sent) (?:a|an) [\"“‘']?notice of intent|notice of intent[\"”’']? to (?:fine|impose)|"
    r"propos\w+ (?:a )?(?:£[\d.,]{1,20}\s?(?:m|million|k|bn)?\s+)?(?:fine|penalty)|could (?:be fined|face|see|fine)|"
    # "has issued TikTok and TikTok UK Ltd with a 'notice of intent'"
    r"\bwith\s+(?:a|an)\s+[\"“']?notice\s+of\s+intent|faces? (?:a )?(?:potential |possible )?"
    r"(?:£|fine)|facing (?:a )?(?:potential |possible )?(?:£|fine)|may be fined|potential fine")
FINAL_RE = re.compile(
    r"has\s+decided\s+to\s+(?:issue|impose|fine|serve)|has fined|was fined|has been fined|\bfined\b|"
    r"\b(?:issued|imposed|levied|served)\b(?:[^.]|\.(?=\d)){0,60}\b(?:fine|penalty|reprimand|enforcement notice)|imposes?\b|"
    # "a fine levied on it", "the fine handed to the trust"
    r"\b(?:fine|penalty)\s+(?:was\s+|has\s+been\s+)?(?:levied|imposed|issued|handed|given)\s+(?:to|on|upon)\b|"
    r"imposed\b|amount of the (?:monetary )?penalty is|penalty notice imposes|issues a reprimand|"
    # Press copy: the money is settled and owed. ("faces", "could pay" stay provisional.)
    r"\b(?:told|ordered|agreed|will|must)\s+(?:to\s+)?pay\b|"
    # (a figure's decimal point is no sentence's end: "received a £12.7m fine")
    r"\b(?:handed|given|received|receives|issued\s+with|served\s+with)\b(?:[^.]|\.(?=\d)){0,40}\b(?:fine|penalty|"
    r"reprimand)|"
    # A figure decided: "settled the matter for £3.09m", "reduced to £18.4m", "slashed its fine".
    r"\bsettled\s+(?:the\s+(?:matter|case|fine|penalty)\s+)?(?:for|at)\s+£|"
    r"\b(?:reduced|cut|lowered|slashed)\s+(?:[\w']+\s+){0,3}?(?:to\s+£|fine|penalty)|\b(?:hit|slapped)\s{1,8}(?:[\w&'.,-]{1,60}\s{1,8}){0,6}?with\b|"
    r"\b(?:lands?|landed|settled|set|comes\s+in|came\s+in)\s+at\s+£|\bfinal\s+(?:penalty|fine|figure)\b|"
    r"\b(?:has|have)\s+been\s+(?:reprimanded|prosecuted|convicted|sentenced)\b|"
    # a prosecution's end: the court's order or sentence
    r"\bcourt\s+(?:has\s+)?(?:made|ordered|imposed|sentenced)\b|\bpleaded\s+guilty\b", re.I)
UPHELD_RE = re.compile(r"appeal (?:against [^.]{0,60})?(?:is|was|has been) dismissed|"
                       # "The Tribunal dismiss the appeal" (a decision), not "the Tribunal may dismiss..."
                       r"\b(?:tribunal|court|ftt|judge) (?:has )?dismiss(?:es|ed)? (?:the|their|its|his|her) appeal\b|"
                       r"(?:notice|penalty|fine|decision) (?:is|was|has been) (?:upheld|confirmed)|"
                       # "the tribunal upheld the notice", "FTT upheld £50,000 penalty" (not "upheld an ICO
                       # decision", which a story recalls of another case)
                       r"(?:tribunal|court|ftt) (?:has )?upheld (?!an? )(?:the |its )?(?:£[\d,.]+(?: ?(?:m|k|million))? )?"
                       r"(?:[\w']+ ){0,2}(?:notice|penalty|fine|decision)")
# An appeal that has been made, not the right to make one: every notice ends with "you may appeal
# to the First-tier Tribunal", and a release says the company "will pay without appeal".
APPEALED_RE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?appealed\b|\bappealed\s+(?:against|to)\b|"
                         r"\b(?:lodged|filed|launched|brought|made|commence[ds]?|commencing)\s+an\s+appeal\b|"
                         r"\b(?:is|are|was|were)\s+appealing\b|\binstruct\w{0,3}\s+(?:its\s+|our\s+|their\s+)?(?:lawyers|solicitors)\s+to\s+"
                         r"(?:challenge|appeal|commence)|"
                         r"\bappeal\s+(?:is|was|remains)\s+(?:pending|ongoing|under\s+way)|"
                         # "spent £18,500 to fight its £250,000 fine appeal", "lodge the appeal"
                         r"\b(?:fight|fighting|fought|pursue|pursuing|lodge|lodged|lodging)\s+(?:its|the|their|his|her)\s+"
                         r"(?:[\w£,.]+\s+){0,3}appeal\b", re.I)
# An appeal made and lost: the penalty stands ("IT Protect appealed against the fine ... and lost").
APPEAL_LOST_RE = re.compile(r"\band\s+lost\b|\blost\s+(?:its|their|his|her|the|an)\s+appeal\b|"
                            r"\bappeal\s+(?:was|has\s+been|had\s+been)\s+(?:rejected|refused|thrown\s+out|unsuccessful)\b", re.I)
# Case-sensitive on purpose ("may" is a modal, "May" a month); sentence-initial forms listed.
APPEAL_RIGHT_RE = re.compile(r"\b(?:may|can|could|might|would|will|shall|should|must|right|entitled|[Ii]f|"
                             r"[Ww]hether|[Uu]nless|not|never|without|[Rr]ather\s+than|[Ii]nstead\s+of|"
                             r"decided\s+against)\b")
# A tribunal's own decision names the parties to the appeal; a notice only mentions the tribunal.
APPEAL_PARTIES_RE = re.compile(r"\bappellants?\b|\brespondents?\b", re.I)


# A proposal told as superseded, in the story of the final penalty.
SUPERSEDED_RE = re.compile(r"\b(?:reduc\w+|lower\w*|cut|slash\w*|down\s+from|settled|final|instead\s+of|originally|"
                           r"initially|previously|had\s+(?:proposed|intended|planned))\b", re.I)
# A proposal told as an earlier report: "In 2024 we reported that...", "As previously reported".
RETROSPECTIVE_RE = re.compile(r"\b(?:we|it\s+was|was|were|had\s+been)\s+(?:previously\s+|first\s+)?reported\b|"
                              r"\bas\s+(?:previously\s+)?reported\b|\blast\s+(?:year|summer|autumn|spring|winter)\b|"
                              r"\bpreviously\b|\bearlier\s+(?:this|that|last)\s+year\b", re.I)
# How much the title and the first sentences weigh in the vote: they say what the story is about.
OPENING_SENTENCES = 3
OPENING_WEIGHT = 2


# "The Trust told us it has appealed", in a story about a Health Board: another organisation's appeal.
_INSTITUTION_RE = re.compile(r"\b[Tt]he\s+(Trust|Council|Board|Force|Authority|Ministry|Department|Company)\b")


def _about_another_party(sentence: str, party_names: list[str] | None) -> bool:
    """Whether a sentence speaks of an institution ("The Trust") that the party's name is not."""
    if not party_names:
        return False
    words = {w.lower() for name in party_names for w in name.split()}
    return any(m.group(1).lower() not in words for m in _INSTITUTION_RE.finditer(sentence))


def find_status(p: Prepared, heading: Heading | None, party_names: list[str] | None = None) -> str | None:
    """The action's status, or None when nothing in the text says (a register entry then is final).

    An appeal counts only when it is this party's (`party_names`), not another institution's.
    """
    text = p.clean.text
    upheld = bool(UPHELD_RE.search(text.lower()))      # one pass over a long text, not three
    if TRIBUNAL_RE.search(text[:3000]) and APPEAL_PARTIES_RE.search(text[:5000]):
        return "upheld" if upheld else "appealed"
    if heading and heading.status == "provisional":
        return "provisional"
    if upheld:
        return "upheld"
    if any(("appeal" in s.text or "challenge" in s.text) and APPEALED_RE.search(s.text)
           and not APPEAL_RIGHT_RE.search(s.text) and not APPEAL_LOST_RE.search(s.text)
           and not _about_another_party(s.text, party_names)
           for s in p.sentences[:400]):
        return "appealed"
    enforcement = [(s.text, s.lower, OPENING_WEIGHT if s.index < OPENING_SENTENCES else 1) for s in p.sentences
                   if s.enforcement or PROVISIONAL_RE.search(s.lower)]
    if p.title:
        enforcement.append((p.title, p.title.lower(), OPENING_WEIGHT))
    provisional = final = 0
    for text, lower, weight in enforcement:
        proposal = PROVISIONAL_RE.search(lower)
        if FINAL_RE.search(text) and (not proposal or SUPERSEDED_RE.search(text)):
            final += weight
        elif proposal:
            # "In 2024 we reported that the ICO provisionally decided...": the story's background,
            # not what it is about, even in its opening.
            provisional += 1 if RETROSPECTIVE_RE.search(text) else weight
    if heading and heading.status == "final":
        final += 5   # a final notice recounts its notice of intent; the heading decides
    if provisional > final:
        return "provisional"
    if final:
        return "final"
    return None


# Why a figure or status is what it is. Each reason: its label and the words that give it.
REASONS: list[tuple[str, re.Pattern[str]]] = [
    ("COVID-19", re.compile(r"\bcovid(?:-?19)?\b|\bcoronavirus\b|\bpandemic\b", re.I)),
    ("ability to pay", re.compile(r"\b(?:ability|capacity|able)\s+to\s+pay\b|financial\s+(?:position|hardship|"
                                  r"situation|circumstances|constraints|difficult\w*)|\bimpecunio\w+|"
                                  r"\bunable\s+to\s+pay\b", re.I)),
    ("settlement", re.compile(r"\bsettle(?:d|ment)\b|\bagreed\s+(?:to\s+pay|a\s+(?:reduced|final))", re.I)),
    ("appeal", re.compile(r"\bappeal\w*\b|\btribunal\b", re.I)),
    ("representations", re.compile(r"\brepresentations?\b|\bsubmissions?\b|\bmitigat\w+|\bremedial\s+(?:steps|"
                                   r"action|measures)|\bsteps\s+(?:it|the\s+\w+)\s+(?:had\s+)?taken\b|"
                                   r"\bengagement\s+with\b|\bcooperat\w+", re.I)),
    ("public sector approach", re.compile(r"\bpublic\s+sector\s+approach\b|\bapproach\s+to\s+(?:the\s+)?public\s+"
                                          r"sector\b", re.I)),
]
# A sentence that explains a figure or a status: a change, a decision, or the reason word "after".
_EXPLAINS_RE = re.compile(r"\b(?:reduc\w+|lower\w*|cut|down\s+from|decreas\w+|settle\w*|agreed|instead|"
                          r"rather\s+than|decided|because|due\s+to|owing\s+to|in\s+(?:light|view)\s+of|"
                          r"after\s+(?:considering|taking|receiving|review\w*)|took\s+into\s+account|"
                          r"tak(?:en|ing)\s+into\s+account|considered|appeal\w*|notice\s+of\s+intent)\b", re.I)


# A penalty cut after it was issued, as a headline or opening says it without both figures: "First Tier
# Tribunal reduces Penalty Notice", "Monetary Penalty Notice Reduction on Appeal", "has reduced a fine
# imposed on the Cabinet Office last year". (Not a proposal cut to the final figure: "reduced from the
# £6.09m initially proposed" is a final penalty.)
_CUT_PENALTY_RE = re.compile(r"\b(?:reduc\w+|cut|lower\w*|slash\w*)\b[^.;]{0,40}\b(?:penalt\w+|fines?)\b|"
                             r"\b(?:penalt\w+|fines?)\b[^.;]{0,40}\b(?:reduc\w+|cut|lowered|slashed)\b", re.I)
_AFTER_ISSUE_RE = re.compile(r"\bappeal\w*|\btribunal\b|\bFTT\b|\b(?:imposed|issued)\b[^.;]{0,40}\blast\s+year\b", re.I)
_PROPOSAL_RE = re.compile(r"\bpropos\w+|provisional\w*|initially|originally|notice\s+of\s+intent|intended", re.I)


def reported_as_reduced(p: Prepared) -> bool:
    """Whether the headline or opening tells of the penalty cut after it was issued (on appeal)."""
    opening = ([p.title] if p.title else []) + [s.text for s in p.sentences[:OPENING_SENTENCES]]
    return any(_CUT_PENALTY_RE.search(t) and _AFTER_ISSUE_RE.search(t) and not _PROPOSAL_RE.search(t)
               for t in opening)


def find_status_reason(p: Prepared, status: str | None) -> tuple[str, Sentence] | None:
    """Why the action's figure or status is what it is, and the sentence that says so.

    Only sentences about a change of figure or a decision count ("We reduced it after considering
    the company's representations", "...took into account the impact of COVID-19"); reasons in
    their order of specificity (COVID-19 before representations: a sentence may cite both, and
    "representations" is the general word). A provisional action's reason is its notice of intent.
    """
    for s in p.sentences[:400]:
        if not _EXPLAINS_RE.search(s.text):
            continue
        for label, regex in REASONS:
            if regex.search(s.text):
                if label == "appeal" and status not in ("appealed", "reduced", "upheld"):
                    continue     # "may appeal", "going to appeal": no appeal decided the figure
                return label, s
    if status == "provisional":
        for s in p.sentences[:400]:
            if re.search(r"\bnotice\s+of\s+intent\b|\bintends?\s+to\b|\bintention\s+to\b|\bprovisional\w*", s.text,
                         re.I):
                return "notice of intent", s
    return None
