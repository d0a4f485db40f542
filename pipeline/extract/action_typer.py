"""A trained second opinion on what kind of action a press story reports, where the rules say "other".

The rules give a story's action its type from a notice heading, a listing, or the words of its
sentences (`rules/action_type.py`). When none of those names a known instrument, the type is
"other". That is right for a finding or an audit, but often a story tells an undertaking, an
enforcement notice or a reprimand in words the rules do not know ("has committed to ensuring all
staff are trained", "the ICO decided to warn the organisation rather than issue an enforcement
notice"). Stories the action detector finds (`action_detector.py`) are mostly of this kind.

`ActionTyper` reads the same words and word pairs of the headline and opening as the detector, with
one logistic model per type (softmax over the types). It only ever replaces "other", and only when
the most likely type's probability is over `min_probability`.

The weights live in `action_typer.json` beside this module, written by
`benchmarks/fit_action_typer.py` from labelled press pages (see docs/EXTRACTION.md).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from pipeline.extract.action_detector import BIAS, story_features
from pipeline.extract.rules.document import Prepared

MODEL_PATH = Path(__file__).with_name("action_typer.json")
OTHER = "other"


class ActionTyper:
    """Gives a type to a press story's action the rules could only call "other", where it is sure."""

    def __init__(self, weights: dict[str, dict[str, float]], min_probability: float = 1.0) -> None:
        self.weights = weights                  # per action type: per feature
        self.min_probability = min_probability

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ActionTyper:
        """The model `benchmarks/fit_action_typer.py` wrote."""
        model = json.loads(path.read_text(encoding="utf-8"))
        weights = {kind: {name: float(w) for name, w in by_feature.items()} for kind, by_feature in model["weights"].items()}
        return cls(weights, float(model["min_probability"]))

    def probabilities(self, features: set[str]) -> dict[str, float]:
        """The model's probability of each action type (softmax over the types it knows)."""
        scores = {kind: w.get(BIAS, 0.0) + sum(w.get(f, 0.0) for f in features) for kind, w in self.weights.items()}
        top = max(scores.values(), default=0.0)
        exps = {kind: math.exp(s - top) for kind, s in scores.items()}
        total = sum(exps.values())
        return {kind: e / total for kind, e in exps.items()}

    def retype(self, p: Prepared, rules_type: str) -> str:
        """The type to give the action: the model's, when the rules said "other" of a press story
        and the model is sure of another type; otherwise the rules' type."""
        if p.kind != "article" or rules_type != OTHER or not self.weights:
            return rules_type
        chances = self.probabilities(story_features(p))
        best = max(chances, key=chances.__getitem__)
        return best if chances[best] > self.min_probability else rules_type
