"""A trained second look at a press story's party: which of the candidate parties is the story's own.

The rules in `rules/party.py` find candidate parties and weigh each mention by a hand-set table
(`PARTY_WEIGHTS`). Refitting that table to labelled stories moves nothing on stories kept out of
the fit. Looking at each candidate as a whole moves them a little: how often and how early the
story names it, whether its name has an organisation's form or a person's shape, and which rules
found it. `PartyRanker` scores every candidate by a linear model over those features.

The model overrules the rules' choice only when its best candidate outscores that choice by a
margin. Below the margin the rules' deliberate readings stand, such as "Gareth Price, of Price
Lettings" (the business). It never looks at a notice, whose structure names its addressee, nor at a
round-up (`find_party` leaves those to the rules).

The weights live in `party_ranker.json` beside this module, written by
`benchmarks/fit_party_ranker.py` from labelled press pages (see docs/EXTRACTION.md). Features are
named, and a feature the file does not name counts zero, so the file reads as what each feature
is worth.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from pathlib import Path

from pipeline.extract.roles import LEGAL_SUFFIX_RE, Candidate
from pipeline.extract.rules.document import Prepared

MODEL_PATH = Path(__file__).with_name("party_ranker.json")
OPENING_CHARS = 600        # the headline and first paragraph of a story
MONEY_BEFORE_CHARS = 120   # a figure this close to a mention is told of it ("X was fined £...")
MONEY_AFTER_CHARS = 160

_PERSON_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t])?[A-Z][a-z'’-]+[ \t][A-Z][a-z'’-]+")


def candidate_features(p: Prepared, candidates: Sequence[Candidate], rules_choice: Candidate) -> list[dict[str, float]]:
    """What the ranker knows of each candidate, by feature name, in the order of `candidates`.

    `rules_choice` is the candidate `PartyTally.best` picked: the model starts from it and learns
    when to overrule it.
    """
    text = p.clean.text
    length = max(len(text), 1)
    title = p.title or text.split("\n", 1)[0]
    opening = text[:OPENING_CHARS]
    heaviest = max(c.score for c in candidates)
    earliest = min(c.first_start for c in candidates)
    rows = []
    for candidate in candidates:
        names = list(candidate.names)
        # whole words: "Commission" is not named by "Information Commissioner"
        mentions = [m.start() for n in names for m in re.finditer(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)]
        near_money = sum(1 for at in mentions if "£" in text[max(0, at - MONEY_BEFORE_CHARS):at + MONEY_AFTER_CHARS])
        legal_form = any(LEGAL_SUFFIX_RE.search(n) for n in names)
        features = {
            "log_score": math.log1p(candidate.score),
            "share_of_heaviest": candidate.score / heaviest if heaviest > 0 else 0.0,
            "is_heaviest": float(candidate.score == heaviest),
            "rules_choice": float(candidate is rules_choice),
            "named_first": float(candidate.first_start == earliest),
            "first_position": min(candidate.first_start, length) / length,
            "in_title": float(any(n in title for n in names)),
            "in_opening": float(any(n in opening for n in names)),
            "log_mentions": math.log1p(len(mentions)),
            "log_mentions_near_money": math.log1p(near_money),
            "legal_form": float(legal_form),
            "person_shaped": float(bool(names) and not legal_form and all(_PERSON_RE.fullmatch(n) for n in names)),
        }
        for rule, count in candidate.rule_counts.items():
            features["rule:" + rule] = math.log1p(count)
        rows.append(features)
    return rows


class PartyRanker:
    """Scores candidate parties with the weights of a fitted model."""

    def __init__(self, weights: dict[str, float], margin: float = 0.0) -> None:
        self.weights = weights
        self.margin = margin    # how far another candidate must outscore the rules' choice to win

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PartyRanker:
        """The model `benchmarks/fit_party_ranker.py` wrote."""
        model = json.loads(path.read_text(encoding="utf-8"))
        return cls({name: float(w) for name, w in model["weights"].items()}, float(model.get("margin", 0.0)))

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, p: Prepared, candidates: Sequence[Candidate], rules_choice: Candidate) -> Candidate:
        """The candidate the model scores highest, unless the rules' choice scores within `margin` of
        it; the rules' choice when there is nothing to rank."""
        if p.kind != "article" or len(candidates) < 2:
            return rules_choice
        scores = [self.score(features) for features in candidate_features(p, candidates, rules_choice)]
        best = max(range(len(candidates)), key=scores.__getitem__)
        rules_score = next(s for s, c in zip(scores, candidates) if c is rules_choice)
        return rules_choice if rules_score >= scores[best] - self.margin else candidates[best]
