"""Which failures of the taxonomy a text names, each with the first sentence that names it.

The patterns themselves are `extract/failures.py` (one `pattern_<code>()` per code); here they run
over the sentences that pass its keyword pre-filters, and the generic codes give way to specific
ones.
"""
from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokenizer import Tokenizer

from pipeline.extract.failures import (
    FINDING_RE,
    PREFILTER_RE,
    SPECIFIC_SECURITY,
    TAXONOMY,
    find_failures,
)
from pipeline.extract.rules.document import Prepared, Span

# A notice states its findings early (summary, then reasons); past this many candidate sentences
# a long notice only repeats them, and matching would cost more than the rest together.
MAX_FAILURE_SENTENCES = 200


def find_failure_codes(p: Prepared, tokenizer: Tokenizer, matcher: Matcher) -> dict[str, Span]:
    """Failure code -> the first sentence that names it (after the generic-security rule)."""
    found: dict[str, Span] = {}
    candidates = [s for s in p.sentences if PREFILTER_RE.search(s.text) and FINDING_RE.search(s.text)]
    candidates = candidates[:MAX_FAILURE_SENTENCES]
    for s, doc in zip(candidates, tokenizer.pipe(s.text for s in candidates)):
        for code, _, _ in find_failures(matcher, doc):
            found.setdefault(code, (s.start, s.end))
    if "inadequate_security" in found and SPECIFIC_SECURITY & found.keys():
        del found["inadequate_security"]
    if "children_data" in found and len(found) == 1:
        del found["children_data"]     # children's data qualifies a failure; alone it is none
    return {code: found[code] for code in TAXONOMY if code in found}
