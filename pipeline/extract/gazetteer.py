"""Organisation names the database already knows, found in a text with a spaCy `PhraseMatcher`.

spaCy's small model tags some companies as places ("TalkTalk", "Interserve") and misses names in
capitals ("FACEBOOK"). Names the pipeline has already seen (register page titles, aliases) are
a better guide: the matcher finds them case-insensitively in the sentences NER reads, and each
match counts as an ORG entity would. A match written all in lower case ("advanced techniques")
is a common word, not the name, and is ignored.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.extract.roles import clean_name, is_blocked
from pipeline.extract.rules.party import tidy_name
from pipeline.names import is_meaningful

logger = logging.getLogger(__name__)

# A known name shorter than this (in letters) is too likely to be an ordinary word or initials
# of something else ("BA", "EE"): NER and the party patterns find those in context instead.
MIN_NAME_LETTERS = 4
MAX_NAMES = 50_000      # bounds the matcher's memory; far more than the register will ever hold


class Gazetteer:
    """A PhraseMatcher over known organisation names; `find(doc)` gives (name, start, end)."""

    def __init__(self, nlp: Language, names: Iterable[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.strings = nlp.vocab.strings
        self.names: dict[str, str] = {}          # match key -> the name as the database spells it
        for raw in names:
            name = tidy_name(clean_name(str(raw or "")))
            if (not name or sum(c.isalpha() for c in name) < MIN_NAME_LETTERS or is_blocked(name)
                    or not is_meaningful(name)):
                continue
            key = name.lower()
            if key in self.names:
                if self.names[key].isupper() and not name.isupper():
                    self.names[key] = name      # "Facebook" over "FACEBOOK": as a person writes it
                continue
            self.names[key] = name
            self.matcher.add(key, [nlp.make_doc(name)])
            if len(self.names) >= MAX_NAMES:
                break
        logger.info("gazetteer of %d known organisation names", len(self.names))

    def __len__(self) -> int:
        return len(self.names)

    def find(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Known names in `doc`: (the name as known, start char, end char), longest first where they overlap."""
        if not self.names:
            return []
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        found: list[tuple[str, int, int]] = []
        taken_to = -1
        for key_id, a, b in matches:
            span = doc[a:b]
            if a < taken_to or span.text.islower():
                continue
            found.append((self.names[self.strings[key_id]], span.start_char, span.end_char))
            taken_to = b
        return found
