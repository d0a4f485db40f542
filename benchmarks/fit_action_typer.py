"""Fit the action typer (pipeline/extract/action_typer.py) on labelled press pages.

    python benchmarks/fit_action_typer.py LABELS.jsonl [...] [--folds 4] [--test LABELS.jsonl ...] [--write]

Each LABELS file is a `labels/` file of a corpus laid out like ../shared/corpus. Every press page
labelled with an action trains the model: a softmax regression with an L2 penalty over the words
and word pairs of the headline and opening (`action_detector.story_features`) seen on at least
MIN_PAGES pages, one class per action type.

The extractor runs once per page as shipped (the action detector included) but with a typer that
never acts, so the counts are of what the typer would change: pages whose main action the rules
typed "other", retyped rightly (the label's type) or wrongly (the rules had it right). With
--folds K it prints these for pages kept out of the fit (K folds by label file) at several
thresholds; with --test it fits on the LABELS pages and prints them for the --test files only (a
group nobody has read, without showing which pages). With --write it fits on everything and
writes pipeline/extract/action_typer.json with the threshold MIN_PROBABILITY.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fitting import fit_argument_parser, fit_softmax, labelled_press_pages, word_matrix, write_model  # noqa: E402  (a sibling script)

from pipeline.extract import Extractor  # noqa: E402
from pipeline.extract.action_detector import BIAS, ActionDetector, story_features  # noqa: E402
from pipeline.extract.action_typer import MODEL_PATH, OTHER, ActionTyper  # noqa: E402
from pipeline.extract.rules.document import Prepared  # noqa: E402
from pipeline.models import ACTION_TYPES  # noqa: E402

L2 = 3.0
MIN_PAGES = 5
PRUNE = 0.02        # weights smaller than this are left out of the written file (one per type and word)
# Chosen on pages kept out of the fit (4-fold): over 0.7 it retyped 6 pages the rules called "other"
# rightly and none wrongly; over 0.5, 8 rightly and 3 wrongly.
MIN_PROBABILITY = 0.7
THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9]


@dataclass
class Page:
    """One labelled press page reporting an action: its words, the rules' type and the label's."""

    group: str
    words: set[str]
    rules_type: str | None      # None when the pipeline read no action
    action_type: str


class WordsRememberingDetector(ActionDetector):
    """The shipped detector (it decides which pages the rules read an action in), remembering the words of the last story it was shown."""

    def __init__(self) -> None:
        shipped = ActionDetector.load()
        super().__init__(shipped.weights, shipped.drop_below, shipped.add_above)
        self.words: set[str] = set()

    def second_opinion(self, p: Prepared, rules_found_action: bool) -> bool | None:
        self.words = story_features(p)
        return super().second_opinion(p, rules_found_action)


def read_pages(label_files: list[Path]) -> list[Page]:
    detector = WordsRememberingDetector()
    extractor = Extractor(action_detector=detector, action_typer=ActionTyper({}))
    pages: list[Page] = []
    for group, label, text in labelled_press_pages(label_files):
        if not label["is_enforcement_action"]:
            continue
        actions = extractor.extract(text, kind="article")
        pages.append(Page(group, detector.words, actions[0].action_type if actions else None, label["action_type"]))
    return pages


def fit(pages: list[Page]) -> dict[str, dict[str, float]]:
    """Weights per action type and feature."""
    names, x = word_matrix([page.words for page in pages], MIN_PAGES)
    y = np.array([[float(page.action_type == kind) for kind in ACTION_TYPES] for page in pages])
    w = fit_softmax(x, y, L2)
    return {kind: {n: float(v) for n, v in zip(names, w[:, k]) if n == BIAS or abs(v) >= PRUNE}
            for k, kind in enumerate(ACTION_TYPES)}


def changes(pages: list[Page], typer: ActionTyper) -> Counter[str]:
    """Pages the rules typed "other" that the typer retypes, rightly or wrongly."""
    tally: Counter[str] = Counter()
    for page in pages:
        if page.rules_type != OTHER:
            continue
        chances = typer.probabilities(page.words)
        best = max(chances, key=chances.__getitem__)
        if best != OTHER and chances[best] > typer.min_probability:
            tally["retyped, right" if best == page.action_type else "retyped, WRONG" if page.action_type == OTHER
                  else "retyped, still wrong"] += 1
    return tally


def main() -> int:
    args = fit_argument_parser(__doc__, MODEL_PATH).parse_args()

    pages = read_pages(args.labels)
    groups = sorted({page.group for page in pages})
    typed_other = sum(page.rules_type == OTHER for page in pages)
    print(f"{len(pages)} press pages reporting an action, from {len(groups)} label files; "
          f"the rules typed {typed_other} 'other', {sum(p.rules_type == p.action_type for p in pages)} right")
    if args.folds:
        kept_out: list[tuple[Page, dict[str, dict[str, float]]]] = []
        for fold in range(args.folds):
            weights = fit([pg for pg in pages if groups.index(pg.group) % args.folds != fold])
            kept_out += [(pg, weights) for pg in pages if groups.index(pg.group) % args.folds == fold]
        for threshold in THRESHOLDS:
            tally: Counter[str] = Counter()
            for page, weights in kept_out:
                tally += changes([page], ActionTyper(weights, threshold))
            print(f"{args.folds}-fold, over {threshold}: " + (", ".join(f"{k} {v}" for k, v in sorted(tally.items())) or "no change"))
    fitted = ActionTyper(fit(pages), MIN_PROBABILITY) if args.test or args.write else None
    if args.test and fitted:
        tally = changes(read_pages(args.test), fitted)
        print("test files, fitted on the LABELS pages: " + (", ".join(f"{k} {v}" for k, v in sorted(tally.items())) or "no change"))
    if args.write and fitted:
        weights = {kind: {n: round(w, 4) for n, w in sorted(by_feature.items(), key=lambda kv: (-abs(kv[1]), kv[0]))}
                   for kind, by_feature in fitted.weights.items()}
        write_model(args.out, "pipeline/extract/action_typer.py", "benchmarks/fit_action_typer.py", args.labels,
                    len(pages), {"min_probability": MIN_PROBABILITY}, weights)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
