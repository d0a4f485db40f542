"""Whether a sentence speaks of enforcement, and whether a whole text reports an action at all.

`ENFORCEMENT_CUE_RE` tags sentences (only tagged sentences feed the party patterns, the status
vote and the NER beyond the opening). `is_enforcement` turns away FOI decision notices, court
cases between private parties and guidance.
"""
from __future__ import annotations

import re

from pipeline.extract.rules.document import Prepared

# Document-level cues (FOI, court) are judged on the opening: enough to tell what a text is.
SCAN_CHARS = 60_000

# What an enforcement notice orders, when a text does not name it: "the ICO requires that EML
# complies with the following within three months".
# Words and blanks are bounded ({1,60}, {1,8}) so that no pattern costs more than linear time.
COMPLIANCE_ORDER = (r"\brequires?\s{1,8}(?:that\s{1,8})?[\w&'().,-]{1,60}(?:\s{1,8}[\w&'().,-]{1,60}){0,5}?"
                    r"\s{1,8}(?:to\s{1,8})?compl(?:y|ies)\s{1,8}with\b")

ENFORCEMENT_CUE_RE = re.compile(
    COMPLIANCE_ORDER + r"|"
    r"\b(?:fined?|fines|fining|monetary penalt|penalty notice|penalty of|reprimand\w*|"
    r"enforcement notice|undertaking|prosecut\w*|impos\w+ (?:a|an) (?:\w+ )?(?:fine|penalty)|"
    r"notice of intent|MPN|pleaded guilty|convicted|confiscation orders?|"
    # Press copy about money paid to the regulator: "will pay the ICO £3m", "bill lands at £3m".
    r"pay\w*\s+(?:the\s+)?(?:ICO|Information Commissioner's Office|regulator|watchdog)\b|"
    r"(?:lands?|landed|settled|comes\s+in|came\s+in|set)\s+at\s+£|(?:told|ordered|agreed)\s+to\s+pay\s+(?:a\s+)?£)|"
    # "faces a £6.09m data penalty", "a £2m fine from the regulator"
    r"£[\d.,]{1,30}\s{0,8}(?:m|mn|million|bn|k)?\s{1,8}(?:[\w-]{1,60}\s{1,8}){0,2}(?:fine|penalty)\b",
    re.IGNORECASE,
)
BREACH_RE = re.compile(r"\b(?:breach\w*|contraven\w+|infring\w+|failed|failure|failing|did not|"
                       r"lack\w*|vulnerab\w+|attack\w*|hack\w*|unsolicited|complain\w*)", re.I)
REGULATOR_FINDING_RE = re.compile(
    r"\b(?:ICO|Commissioner|regulator|DPA)\b[^.]{0,60}\b(?:held|holds|found|finds|concluded|concludes|"
    r"considered|considers|decided|decides|determined)\b[^.]{0,150}\b(?:breach\w*|contraven\w+|infring\w+|fail\w*|liable|unlawful\w*|"
    r"violat\w+)")
FOI_RE = re.compile(r"freedom of information|\bFOIA?\b|environmental information regulations|\bEIR\b|"
                    r"public authority|the complainant|withheld information|requested information|"
                    r"information request|section 40\s?\(2\)|\bvexatious\b", re.I)
COURT_RE = re.compile(r"\bclaimants?\b|\bdefendants?\b|high court|court of appeal|\bEWHC\b|\bEWCA\b|"
                      r"\bjustice \w+|\bKC\b|\bQC\b|claim form", re.I)
TRIBUNAL_RE = re.compile(r"first-tier tribunal|upper tribunal|\bUKFTT\b|\bUKUT\b|general regulatory chamber",
                         re.I)
_REGULATOR_NAMED_RE = re.compile(r"\b(?:ICO|Commissioner)\b")


def is_enforcement(p: Prepared, has_heading: bool, listed: str | None) -> bool:
    """False for FOI decision notices, court cases between private parties, guidance."""
    if listed or has_heading:
        return True
    text = p.clean.text
    cue_sentences = sum(1 for s in p.sentences if s.enforcement)
    if p.title and ENFORCEMENT_CUE_RE.search(p.title):
        cue_sentences += 2
    foi = len(FOI_RE.findall(text[:SCAN_CHARS]))
    if foi >= 3 and foi > cue_sentences:
        return False
    if foi < 3:
        # A regulator's finding against an organisation is an action even when the text does
        # not name the sanction ("The ICO held that the airline had failed to comply...").
        cue_sentences += sum(1 for s in p.sentences[:400] if REGULATOR_FINDING_RE.search(s.text))
    if not TRIBUNAL_RE.search(text[:3000]) and len(COURT_RE.findall(text[:SCAN_CHARS])) >= 5:
        # A court case: an action only if it reports the regulator's own sanction.
        regulator_action = sum(1 for s in p.sentences if s.enforcement
                               and _REGULATOR_NAMED_RE.search(s.text))
        if regulator_action < 3:
            return False
    return cue_sentences > 0
