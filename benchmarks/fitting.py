"""What the fit scripts share (fit_party_ranker.py, fit_action_detector.py, fit_action_typer.py).

All three read labelled press pages, take the same command line and write a model file that names
the label files it was fitted on. The two word models (the action detector and the action typer)
also share their features, `action_detector.story_features` (the words and word pairs of a press
story's headline and opening), and their fitting: logistic models by plain gradient descent with an
L2 penalty. Only their targets differ: whether a page reports an action, and which type.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.extract.action_detector import BIAS

STEPS = 300
LEARNING_RATE = 0.5


def fit_argument_parser(description: str | None, model_path: Path) -> argparse.ArgumentParser:
    """The command line every fit script takes: label files, --folds, --test, --write, --out."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels", nargs="+", type=Path)
    ap.add_argument("--folds", type=int, default=0, help="print K-fold figures first (folds by label file)")
    ap.add_argument("--test", nargs="+", type=Path, default=[], help="label files to score, never fitted on")
    ap.add_argument("--write", action="store_true", help="fit on all pages and write the model")
    ap.add_argument("--out", type=Path, default=model_path, help=f"where --write writes (default {model_path.name})")
    return ap


def write_model(out: Path, module: str, script: str, label_files: Sequence[Path], pages: int,
                settings: dict[str, float], weights: dict[str, Any]) -> None:
    """Write a fitted model: what it is for, when and on which label files it was fitted, its
    settings (margin, thresholds) and its weights."""
    model = {
        "about": f"Weights of {module}, written by {script}",
        "fitted": date.today().isoformat(),
        "trained_on": {"label_files": [p.name for p in label_files], "pages": pages},
        **settings,
        "weights": weights,
    }
    out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def labelled_press_pages(label_files: Sequence[Path]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(label file name, label, page text) for every press page (`press/`, `seeds/`) the files label.

    Each file is a `labels/` file of a corpus laid out like ../shared/corpus: its rows' `doc` paths
    are read from the folder above `labels/`.
    """
    for labels in label_files:
        root = labels.resolve().parent.parent
        for line in labels.read_text(encoding="utf-8").splitlines():
            label = json.loads(line) if line.strip() else None
            if label and label["doc"].startswith(("press/", "seeds/")):
                yield labels.name, label, (root / label["doc"]).read_text(errors="replace")


def word_matrix(word_sets: Sequence[set[str]], min_pages: int,
                extra: Sequence[dict[str, float]] = ()) -> tuple[list[str], np.ndarray]:
    """Feature names and a page-by-feature matrix: BIAS, then the `extra` features (named columns
    given per page, e.g. the rules' answer), then every word seen on at least `min_pages` pages."""
    seen_on = Counter(word for words in word_sets for word in words)
    extra_names = sorted({name for row in extra for name in row})
    names = [BIAS, *extra_names] + sorted(word for word, n in seen_on.items() if n >= min_pages and word not in extra_names)
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(word_sets), len(names)))
    x[:, 0] = 1.0
    for row, words in enumerate(word_sets):
        for word in words:
            if word in column:
                x[row, column[word]] = 1.0
        for name, value in (extra[row] if extra else {}).items():
            x[row, column[name]] = value
    return names, x


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights of a logistic regression; `y` is 1.0 or 0.0 per page. The bias (column 0) is not
    pulled towards zero."""
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= LEARNING_RATE * (x.T @ (p - y) + penalty * w) / len(y)
    return w


def fit_softmax(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights (feature by class) of a softmax regression; `y` is page by class, one 1 per row.

    The bias (column 0) is not pulled towards zero.
    """
    penalty = np.full((x.shape[1], 1), l2)
    penalty[0] = 0.0
    w = np.zeros((x.shape[1], y.shape[1]))
    for _ in range(STEPS):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        w -= LEARNING_RATE * (x.T @ (p - y) + penalty * w) / len(y)
    return w
