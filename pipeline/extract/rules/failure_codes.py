"""Which failures of the taxonomy a text names, each with the first sentence that names it.

The patterns themselves are `extract/failures.py` (one `pattern_<code>()` per code); here they run
over the sentences that pass its keyword pre-filters. The provisions a sentence cites as breached
("violated Articles 5(1)(f) and 32", "contravened regulation 22 of PECR") give their codes too, and
the generic codes give way to specific ones.
"""
from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokenizer import Tokenizer

from pipeline.extract.failures import (
    FINDING_RE,
    PREFILTER_RE,
    SUPPRESSES_GENERIC_SECURITY,
    TAXONOMY,
    cited_failures,
    find_failures,
)
from pipeline.extract.rules.document import Prepared, Span

# A notice states its findings early (summary, then reasons); past this many candidate sentences
# a long notice only repeats them, and matching would cost more than the rest together.
MAX_FAILURE_SENTENCES = 200
# Cheap test for a sentence that may cite a provision.
CITATION_RE = re.compile(r"\b(?:Art(?:icle)?s?\.?\s*\d|regs?\.?\s*\d|regulations?\s+\d)", re.I)


def find_failure_codes(p: Prepared, tokenizer: Tokenizer, matcher: Matcher) -> dict[str, Span]:
    """Failure code -> the first sentence that names it (after the generic-security rule)."""
    found: dict[str, Span] = {}
    candidates = [s for s in p.sentences if PREFILTER_RE.search(s.text) and FINDING_RE.search(s.text)]
    candidates = candidates[:MAX_FAILURE_SENTENCES]
    for s, doc in zip(candidates, tokenizer.pipe(s.text for s in candidates)):
        for code, _, _ in find_failures(matcher, doc):
            found.setdefault(code, (s.start, s.end))
    cited: set[str] = set()
    for s in p.sentences:
        if CITATION_RE.search(s.text):
            for code, _, _ in cited_failures(s.text):
                found.setdefault(code, (s.start, s.end))
                cited.add(code)
    if "inadequate_security" in found and SUPPRESSES_GENERIC_SECURITY & found.keys():
        del found["inadequate_security"]
    if "children_data" in found and len(found) == 1 and "children_data" not in cited:
        del found["children_data"]     # children's data qualifies a failure; alone it is none
    return {code: found[code] for code in TAXONOMY if code in found}
