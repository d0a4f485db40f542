"""Ordinary English words, as the spaCy model's own lemmatizer knows them.

A capital letter is weak evidence of a name at the start of a sentence or in a headline: there the
grammar puts it on any word ("Back in March, ...", "One of the groups ...", "Unanswered calls ...").
Telling such a word from a name needs a dictionary. The small English model already carries one:
its rule lemmatizer's `lemma_index` (WordNet's nouns, verbs, adjectives and adverbs, about 83,000
words) with the suffix rules and exceptions that turn "issued" into "issue". Function words
("those", "from") come from spaCy's stop-word list. No extra download or package is needed.

WordNet also lists some proper nouns in lower case ("london", "amazon"), so being in this
vocabulary never rules a name out on its own: see `party.capitalised_only_by_grammar`.
"""
from __future__ import annotations

import logging

from spacy.language import Language

logger = logging.getLogger(__name__)

PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")


class OrdinaryWords:
    """`word in OrdinaryWords(nlp)`: whether a word (any case) is a common English word or a form of one."""

    def __init__(self, nlp: Language) -> None:
        self.stop_words: frozenset[str] = frozenset(nlp.Defaults.stop_words)
        self.lemmas: dict[str, frozenset[str]] = {}
        self.suffix_rules: dict[str, list[tuple[str, str]]] = {}
        self.exceptions: dict[str, frozenset[str]] = {}
        if "lemmatizer" not in nlp.pipe_names:
            logger.warning("the spaCy model has no lemmatizer: ordinary words are its stop words only")
            return
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index, rules, exceptions = (lookups.get_table(name, {}) for name in ("lemma_index", "lemma_rules", "lemma_exc"))
        for pos in PARTS_OF_SPEECH:
            self.lemmas[pos] = frozenset(index.get(pos, ()))
            self.suffix_rules[pos] = [(old, new) for old, new in rules.get(pos, ())]
            self.exceptions[pos] = frozenset(exceptions.get(pos, {}))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        w = word.lower()
        if w in self.stop_words:
            return True
        for pos, lemmas in self.lemmas.items():
            if w in lemmas or w in self.exceptions[pos]:
                return True
            # an inflected form: "issued" (issue), "calls" (call), "fewer" is an exception above
            if any(w.endswith(old) and w[:len(w) - len(old)] + new in lemmas
                   for old, new in self.suffix_rules[pos] if old):
                return True
        return False
