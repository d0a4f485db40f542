"""Accuracy on the shared, hand-labelled corpus (skipped when the corpus is not beside the repo).

The corpus is third-party text, so it is read in place (../shared/corpus or $ENFORCEMENT_CORPUS),
never copied here. The shared scorer decides; this test only asks for floors: every field right on
the three seeds, a row accuracy on the GDPRhub dev labels, and per-field floors on the press dev
labels. The floors are what the extractor reaches now; they are raised as it
improves, so a change that loses accuracy fails here.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import default_extractor

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("ENFORCEMENT_CORPUS", REPO.parent / "shared" / "corpus"))
SCORER = CORPUS.parent / "tools" / "score_extraction.py"

pytestmark = pytest.mark.skipif(not (CORPUS / "labels").is_dir() or not SCORER.exists(),
                                reason="shared corpus or scorer not available")


def predict(labels: Path, out: Path) -> None:
    extractor = default_extractor()
    with out.open("w", encoding="utf-8") as f:
        for line in labels.read_text().splitlines():
            if not line.strip():
                continue
            path = CORPUS / json.loads(line)["doc"]
            posix = path.as_posix()
            kind = "notice" if "/notices/" in posix else ("article" if "/press/" in posix else None)
            actions = extractor.extract(path.read_text(encoding="utf-8", errors="replace"), kind=kind)
            f.write(json.dumps({"path": str(path), "actions": [a.to_json() for a in actions]}) + "\n")


def score(labels: Path, predictions: Path, minimum: float) -> str:
    res = subprocess.run([sys.executable, str(SCORER), str(labels), str(predictions),
                          "--min-row-accuracy", str(minimum), "--show-misses"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def figures(scorer_output: str) -> dict[str, float]:
    """The scorer's per-field ratios, plus `failure_f1` and `row_accuracy`."""
    out: dict[str, float] = {}
    for line in scorer_output.splitlines():
        m = re.match(r"(\w+)\s+(\d+)/(\d+)\s+([\d.]+)$", line.strip())
        if m:
            out[m.group(1)] = float(m.group(4))
        m = re.search(r"failure codes\s+precision [\d.]+ recall [\d.]+ f1 ([\d.]+)", line)
        if m:
            out["failure_f1"] = float(m.group(1))
        m = re.match(r"row_accuracy=([\d.]+)", line)
        if m:
            out["row_accuracy"] = float(m.group(1))
    return out


def assert_floors(got: dict[str, float], floors: dict[str, float], report: str) -> None:
    low = {k: (got.get(k, 0.0), v) for k, v in floors.items() if got.get(k, 0.0) < v}
    assert not low, f"below the floor (got, floor): {low}\n{report}"


def test_seeds_every_field_right(tmp_path: Path) -> None:
    labels = CORPUS / "labels" / "seeds.jsonl"
    predict(labels, tmp_path / "p.jsonl")
    out = score(labels, tmp_path / "p.jsonl", 1.0)
    got = figures(out)
    assert "action_date" in got and "subjects_affected" in got, out
    assert all(value == 1.0 for value in got.values()), out


def test_gdprhub_dev_row_accuracy(tmp_path: Path) -> None:
    labels = CORPUS / "labels" / "gdprhub-dev.jsonl"
    predict(labels, tmp_path / "p.jsonl")
    score(labels, tmp_path / "p.jsonl", 0.95)


# What the extractor reaches on the press dev labels now (issue 11 targets: row 0.92, people 0.85,
# status 0.90, failure F1 0.80, date 0.75). Raise these as it improves; never lower them. Whether the
# rules hold on pages they were not shaped on is measured by the benchmark on a set labelled apart
# (`extraction_benchmark.py --extra DIR`), not here: every press-dev page has been read while working.
PRESS_FLOORS = {"row_accuracy": 0.97, "subjects_affected": 0.95, "status": 0.97, "failure_f1": 0.93,
                "action_date": 0.94, "detected": 0.97}


def test_press_dev_per_field(tmp_path: Path) -> None:
    labels = CORPUS / "labels" / "press-dev.jsonl"
    predict(labels, tmp_path / "p.jsonl")
    out = score(labels, tmp_path / "p.jsonl", 0.0)
    print(f"press-dev:\n{out}")
    assert_floors(figures(out), PRESS_FLOORS, out)
