"""The extraction benchmark's --smoke run works end to end (figures are printed, not asserted:
speed and memory belong to the benchmark, never to timed tests)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "extraction_benchmark.py"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not beside the repository")
def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--out", str(tmp_path / "p.jsonl")],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert "row_accuracy=" in out.stdout
    assert "speed ratio (ours / naive):" in out.stdout
    assert (tmp_path / "p.jsonl").read_text().count('"actions"') >= 3


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not beside the repository")
def test_labels_kept_apart_are_scored_over_the_corpus(tmp_path: Path) -> None:
    """`--labels FILE` scores labels of the corpus's own documents that live outside it (the
    GDPRhub cases gdprhub-dev leaves out), and names a missing file instead of skipping it."""
    kept = tmp_path / "kept-back.jsonl"
    kept.write_text(json.dumps({"doc": "gdprhub/summaries/royal-mail-group-limited.txt", "is_enforcement_action": True,
                                "organisation": "Royal Mail Group Limited", "action_type": "monetary_penalty",
                                "amount_gbp": 20000}) + "\n")
    out = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--big", "0", "--labels", str(kept)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    section = out.stdout.split(f"== accuracy on {kept} (1 smoke documents, labelled apart)")[1]
    assert "row_accuracy=1.000 (1/1" in section.split("==")[0]

    missing = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--labels", str(tmp_path / "none.jsonl")],
                             capture_output=True, text=True, timeout=300, cwd=REPO)
    assert missing.returncode == 2 and "none.jsonl" in missing.stderr


def test_round_ups_other_cases_are_scored(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from extraction_benchmark import score_other_actions

    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(x) for x in [
        {"doc": "press/1.txt", "other_actions": [{"organisation": "Marsh Doors Ltd"}, {"organisation": "Fen Ltd"}]},
        {"doc": "press/2.txt", "other_actions": []},
    ]))
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("\n".join(json.dumps(x) for x in [
        {"path": "x/press/1.txt", "actions": [{"organisation": "Acme Ltd"}, {"organisation": "Marsh Doors Limited"},
                                             {"organisation": "Acme Ltd"}]},     # the pair's other half
        {"path": "x/press/2.txt", "actions": [{"organisation": "Acme Ltd"}, {"organisation": "Stray Ltd"}]},
    ]))
    report = score_other_actions(labels, predictions)
    assert "1/2 labelled found (recall 0.500)" in report
    assert "1/2 predicted are labelled (precision 0.500)" in report
