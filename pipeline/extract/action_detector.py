"""A trained second opinion on whether a press story reports an enforcement action at all.

The rules in `rules/enforcement.py` decide it from cue sentences, and two kinds of story get past
them. A story about a breach, an investigation or another regulator's fine uses the words of an
action ("fined", "enforcement") and is read as one. A story that tells an action indirectly ("has
committed to ensuring all staff receive training", "featuring in the Enforcement section of the
ICO's website") has no cue the rules know and is read as none. On labelled press pages, about one
in four pages that report no action got an action, and one in thirty that do got none.

`ActionDetector` reads the words of the headline and the story's opening as a whole: a logistic
model over which words and word pairs appear, plus the rules' own answer. It overrules the rules
only when it is sure: it drops the rules' action when its probability is under `drop_below`, and
asks for one when the rules found none and its probability is over `add_above`. In between, the
rules stand. It never reads a notice or a register page, whose structure the rules read.

The weights live in `action_detector.json` beside this module, written by
`benchmarks/fit_action_detector.py` from labelled press pages (see docs/EXTRACTION.md). A word
the file does not name counts zero.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from pipeline.extract.rules.document import Prepared

MODEL_PATH = Path(__file__).with_name("action_detector.json")
# The headline and opening a reader judges a story by: past this, a story recalls other cases.
OPENING_CHARS = 3000
RULES_FEATURE = "rules:action"   # 1 when the rules found an action
BIAS = "bias"

_WORD_RE = re.compile(r"[a-z]+|£")


def story_features(p: Prepared) -> set[str]:
    """The words and adjacent word pairs of the headline and opening, lower-cased.

    (Not the rules' answer: `ActionDetector.probability` adds it.) A "£" counts as a word, so "£
    fine" and "fined £" are features.
    """
    title = p.title or ""
    words = _WORD_RE.findall((title + "\n" + p.clean.text[:OPENING_CHARS]).lower())
    return set(words) | {a + " " + b for a, b in zip(words, words[1:])}


class ActionDetector:
    """Says, where it is sure, whether a press story reports an action; None where the rules decide."""

    def __init__(self, weights: dict[str, float], drop_below: float = 0.0, add_above: float = 1.0) -> None:
        self.weights = weights
        self.drop_below = drop_below    # under this, the rules' action is dropped
        self.add_above = add_above      # over this, a story the rules found none in is read as one

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ActionDetector:
        """The model `benchmarks/fit_action_detector.py` wrote."""
        model = json.loads(path.read_text(encoding="utf-8"))
        return cls({name: float(w) for name, w in model["weights"].items()},
                   float(model["drop_below"]), float(model["add_above"]))

    def probability(self, features: set[str], rules_found_action: bool) -> float:
        """The model's probability that the story reports an action."""
        z = self.weights.get(BIAS, 0.0) + (self.weights.get(RULES_FEATURE, 0.0) if rules_found_action else 0.0)
        z += sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def second_opinion(self, p: Prepared, rules_found_action: bool) -> bool | None:
        """False to drop the rules' action, True to read the story as an action the rules missed,
        None to leave the rules' answer; always None for anything but a press story."""
        if p.kind != "article":
            return None
        chance = self.probability(story_features(p), rules_found_action)
        if rules_found_action and chance < self.drop_below:
            return False
        if not rules_found_action and chance > self.add_above:
            return True
        return None
