"""Which failures of the taxonomy a text names, each with the first sentence that names it.

The patterns themselves are `extract/failures.py` (one `pattern_<code>()` per code); here they run
over the sentences that pass its keyword pre-filters. The provisions a sentence cites as breached
("violated Articles 5(1)(f) and 32", "contravened regulation 22 of PECR") give their codes too, and
the generic codes give way to specific ones. A sentence about another organisation's case (a
story recalls another fine: "a record penalty for nuisance calls issued last week against X")
names that case's failures, not this one's. Calls and texts named together ("bombarded with
nuisance calls and text messages", "nuisance calls, texts or emails"), and "marketing
communications", are what a speaker says of marketing in general: they count only when the text
names neither medium on its own.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokenizer import Tokenizer

from pipeline.extract.failures import (
    FINDING_RE,
    PREFILTER_RE,
    SUPPRESSES_GENERIC_SECURITY,
    TAXONOMY,
    FailureMatcher,
    cited_failures,
    find_failures,
)
from pipeline.extract.rules.document import Prepared, Sentence, Span

# A notice states its findings early (summary, then reasons); past this many candidate sentences
# a long notice only repeats them, and matching would cost more than the rest together.
MAX_FAILURE_SENTENCES = 200
# Cheap test for a sentence that may cite a provision.
CITATION_RE = re.compile(r"\b(?:Art(?:icle)?s?\.?\s*\d|regs?\.?\s*\d|regulations?\s+\d|principle)", re.I)
# A sentence that ties children's data to the finding itself: a fine, a breach, unlawful use.
CHILDREN_FINDING_RE = re.compile(r"\b(?:fined|fine|penalt\w*|breach(?:ed|es|ing)?|infring\w*|contraven\w*|"
                                 r"unlawful\w*|reprimand\w*|enforcement)\b", re.I)
# The two marketing media, and a sentence naming both together: "calls and texts", "unsolicited
# texts or automated marketing calls", "nuisance calls and text messages".
MEDIA: tuple[str, str] = ("unlawful_marketing_calls", "unlawful_marketing_messages")
_MESSAGE_WORDS = r"(?:texts?|text\s+messages|messages|e-?mails|sms|spam)"
_JOINT = r"(?:\s*,\s*|\s+(?:and|or|&|and/or)\s+)"      # "calls and texts", "calls, texts or emails"
BOTH_MEDIA_RE = re.compile(
    r"\bcalls?" + _JOINT + r"(?:[\w-]+\s+){0,2}?" + _MESSAGE_WORDS + r"\b|"
    r"\b" + _MESSAGE_WORDS + _JOINT + r"(?:[\w-]+\s+){0,2}?calls?\b", re.I)


# What any text about unlawful marketing says somewhere.
MARKETING_RE = re.compile(r"\bmarket\w*|unsolicited|nuisance|\bspam\w*|\bPECR\b|Privacy and Electronic Communications|"
                          r"cold[- ]call\w*|\bpromot\w+|\bautomated\b|\bTPS\b|telephone preference|\bopt(?:ed)?[- ]?out|"
                          r"\bsales\b|\bsell\w*|\badvertis\w+|\bconsent\b", re.I)


def find_failure_codes(p: Prepared, tokenizer: Tokenizer, matcher: FailureMatcher,
                       about_other_case: Callable[[Sentence], bool] | None = None) -> dict[str, Span]:
    """Failure code -> the first sentence that names it (after the generic-security rule).

    `about_other_case` tells a sentence about another organisation's case (see
    `rules.subjects.other_case_test`); its failures are not this action's.
    """
    def other(s: Sentence) -> bool:
        return about_other_case is not None and about_other_case(s)

    found: dict[str, Span] = {}
    together: dict[str, Span] = {}     # a medium named only beside the other one
    candidates = [s for s in p.sentences if PREFILTER_RE.search(s.lower) and FINDING_RE.search(s.lower)]
    candidates = candidates[:MAX_FAILURE_SENTENCES]
    # (Whitespace made one space: an OCR'd line break is a token of its own, and would part the words
    # of a pattern: "not fair, lawful, or\n8 transparent".)
    for s, doc in zip(candidates, tokenizer.pipe(" ".join(s.text.split()) for s in candidates)):
        matches = find_failures(matcher, doc)
        if not matches or other(s):
            continue
        both = BOTH_MEDIA_RE.search(s.text) is not None
        for code, _, end in matches:
            # "unsolicited marketing communications" may be calls as well as messages: like both
            # media named together, it counts only when no sentence names a medium on its own.
            generic = code == MEDIA[1] and doc[end - 1].lower_ == "communications"
            (together if (both or generic) and code in MEDIA else found).setdefault(code, (s.start, s.end))
    cited: set[str] = set()
    for s in p.sentences:
        if CITATION_RE.search(s.text) and not other(s):
            for code, _, _ in cited_failures(s.text):
                found.setdefault(code, (s.start, s.end))
                cited.add(code)
    if not any(code in found for code in MEDIA):
        found.update(together)
    if not MARKETING_RE.search(p.clean.text):
        # "of the 56 emails sent, all but one was delivered": a bulk email sent in error, in a text
        # that never speaks of marketing, is a disclosure, not unlawful marketing.
        for code in MEDIA:
            found.pop(code, None)
    if "inadequate_security" in found and SUPPRESSES_GENERIC_SECURITY & found.keys():
        del found["inadequate_security"]
    if "children_data" in found and len(found) == 1 and "children_data" not in cited:
        start, end = found["children_data"]
        if not CHILDREN_FINDING_RE.search(p.clean.text[start:end]):
            # children's data qualifies a failure; alone it is none, unless the sentence says the
            # penalty is about it ("fined for processing children's data in ways that breached")
            del found["children_data"]
    return {code: found[code] for code in TAXONOMY if code in found}


# A prosecution tries an offence: a person's unlawful obtaining of records (section 55 of the 1998
# Act, section 170 of the 2018 Act), a business's trading unregistered, a record altered to keep it
# from a requester. The taxonomy describes how a controller handles data, which is not what the
# court tried: "she accessed the records without consent" is the offence's own wording, not a
# consent failure. What a prosecution's story can show of the taxonomy:
OFFENCE_CODES: frozenset[str] = frozenset({"subject_access_failure", "unlawful_marketing_calls",
                                          "unlawful_marketing_messages", "children_data"})


def failures_of_an_offence(found: dict[str, Span]) -> dict[str, Span]:
    """The codes of `found` that a prosecution's story can name (see OFFENCE_CODES)."""
    return {code: span for code, span in found.items() if code in OFFENCE_CODES}

