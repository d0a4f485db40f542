"""Where an action stands: provisional (a notice of intent), final, appealed or upheld.

(`reduced` is decided with the amount, in `amount.py`: it needs both figures.)
"""
from __future__ import annotations

import re

from pipeline.extract.rules.action_type import Heading
from pipeline.extract.rules.document import Prepared
from pipeline.extract.rules.enforcement import TRIBUNAL_RE

PROVISIONAL_RE = re.compile(
    r"intends? to (?:fine|issue|impose)|intention to (?:fine|impose)|provisional\w*|"
    r"(?:wants?|plans?|aims?|seeks?|is\s+set|expected) to (?:fine|impose)|lines? up (?:a )?(?:£|fine|penalty)|"
    r"(?:issued|issues|served|sent) (?:a|an) notice of intent|notice of intent to (?:fine|impose)|"
    r"propos\w+ (?:a )?(?:fine|penalty)|could (?:be fined|face|see)|faces? (?:a )?(?:potential |possible )?"
    r"(?:£|fine)|facing (?:a )?(?:potential |possible )?(?:£|fine)|may be fined|potential fine", re.I)
FINAL_RE = re.compile(
    r"has\s+decided\s+to\s+(?:issue|impose|fine|serve)|has fined|was fined|has been fined|\bfined\b|"
    r"\b(?:issued|imposed|levied)\b[^.]{0,40}\b(?:fine|penalty|reprimand|enforcement notice)|imposes?\b|"
    r"imposed\b|amount of the (?:monetary )?penalty is|penalty notice imposes|issues a reprimand|"
    # Press copy: the money is settled and owed. ("faces", "could pay" stay provisional.)
    r"\b(?:told|ordered|agreed|will|must)\s+(?:to\s+)?pay\b|\b(?:hit|slapped)\s{1,8}(?:[\w&'.,-]{1,60}\s{1,8}){0,6}?with\b|"
    r"\b(?:lands?|landed|settled|set|comes\s+in|came\s+in)\s+at\s+£|\bfinal\s+(?:penalty|fine|figure)\b|"
    r"\b(?:has|have)\s+been\s+(?:reprimanded|prosecuted|convicted|sentenced)\b|"
    # a prosecution's end: the court's order or sentence
    r"\bcourt\s+(?:has\s+)?(?:made|ordered|imposed|sentenced)\b|\bpleaded\s+guilty\b", re.I)
UPHELD_RE = re.compile(r"appeal (?:against [^.]{0,60})?(?:is|was|has been) dismissed|"
                       r"(?:notice|penalty|fine|decision) (?:is|was|has been) (?:upheld|confirmed)|"
                       r"(?:tribunal|court) (?:has )?upheld the (?:[\w']+ ){0,3}(?:notice|penalty|fine|decision)",
                       re.I)
# An appeal that has been made, not the right to make one: every notice ends with "you may appeal
# to the First-tier Tribunal", and a release says the company "will pay without appeal".
APPEALED_RE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?appealed\b|\bappealed\s+(?:against|to)\b|"
                         r"\b(?:lodged|filed|launched|brought|made)\s+an\s+appeal\b|\b(?:is|are)\s+appealing\b|"
                         r"\bappeal\s+(?:is|was|remains)\s+(?:pending|ongoing|under\s+way)", re.I)
# Case-sensitive on purpose ("may" is a modal, "May" a month); sentence-initial forms listed.
APPEAL_RIGHT_RE = re.compile(r"\b(?:may|can|could|might|would|will|shall|should|must|right|entitled|[Ii]f|"
                             r"[Ww]hether|[Uu]nless|not|never|without|[Rr]ather\s+than|[Ii]nstead\s+of|"
                             r"decided\s+against)\b")
# A tribunal's own decision names the parties to the appeal; a notice only mentions the tribunal.
APPEAL_PARTIES_RE = re.compile(r"\bappellants?\b|\brespondents?\b", re.I)


def find_status(p: Prepared, heading: Heading | None) -> str | None:
    """The action's status, or None when nothing in the text says (a register entry then is final)."""
    text = p.clean.text
    upheld = bool(UPHELD_RE.search(text))      # one pass over a long text, not three
    if TRIBUNAL_RE.search(text[:3000]) and APPEAL_PARTIES_RE.search(text[:5000]):
        return "upheld" if upheld else "appealed"
    if heading and heading.status == "provisional":
        return "provisional"
    if upheld:
        return "upheld"
    if any("appeal" in s.text and APPEALED_RE.search(s.text) and not APPEAL_RIGHT_RE.search(s.text)
           for s in p.sentences[:400]):
        return "appealed"
    enforcement = [s.text for s in p.sentences if s.enforcement or PROVISIONAL_RE.search(s.text)]
    if p.title:
        enforcement.append(p.title)
    provisional = sum(1 for s in enforcement if PROVISIONAL_RE.search(s))
    final = sum(1 for s in enforcement if FINAL_RE.search(s) and not PROVISIONAL_RE.search(s))
    if heading and heading.status == "final":
        final += 5   # a final notice recounts its notice of intent; the heading decides
    if provisional > final:
        return "provisional"
    if final:
        return "final"
    return None
