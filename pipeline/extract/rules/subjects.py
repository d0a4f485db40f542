"""How many people the breach or the unlawful processing affected.

`counts.py` reads the numbers; here a sentence qualifies when it has a digit, a word for people
and a word saying they were affected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.counts import find_counts
from pipeline.extract.rules.document import Prepared, Span

SUBJECT_CUE_RE = re.compile(
    r"affect\w*|impact\w*|compromis\w*|stolen|exposed|taken|breach|data of|belonging to|relat\w+ to|"
    r"accessed|disclosed|leaked|exfiltrat\w+|personal (?:data|information)|records of|victims", re.I)
PEOPLE_WORD_RE = re.compile(r"people|persons|individuals|subjects|users|customers|patients|employees|"
                            r"staff|members|children|pupils|students|residents|claimants|victims|"
                            r"holders|accounts|subscribers|applicants|citizens|clients|donors|voters|"
                            r"households|families|seekers|tenants|recipients|consumers|affected", re.I)
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class SubjectsFinding:
    """The number of people affected and the sentence that gives it."""

    count: int
    span: Span


def find_subjects(p: Prepared) -> SubjectsFinding | None:
    """People affected: the exact figure over a rounded one, the larger among exact ones."""
    found: list[tuple[bool, int, int, Span]] = []
    for s in p.sentences:
        if not _DIGIT_RE.search(s.text) or not PEOPLE_WORD_RE.search(s.text) \
                or not SUBJECT_CUE_RE.search(s.text):
            continue
        for c in find_counts(s.text, allow_bare=True):
            found.append((c.exact, c.value, -s.start, (s.start, s.end)))
    if not found:
        return None
    _, value, _, span = max(found)
    return SubjectsFinding(value, span)
