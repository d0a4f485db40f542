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
PRESS_FLOORS = {"row_accuracy": 0.97, "subjects_affected": 0.97, "status": 0.97, "failure_f1": 0.97,
                "action_date": 0.94, "detected": 0.97}


def test_press_dev_per_field(tmp_path: Path) -> None:
    labels = CORPUS / "labels" / "press-dev.jsonl"
    predict(labels, tmp_path / "p.jsonl")
    out = score(labels, tmp_path / "p.jsonl", 0.0)
    print(f"press-dev:\n{out}")
    assert_floors(figures(out), PRESS_FLOORS, out)


# Round-ups: the other cases a press page reports, each its own action. What the extractor finds
# now on press-dev (the four round-up pages); raise as it improves, never lower.
PRESS_OTHER_CASES_FLOOR = 7


def _figure_forms(amount: int) -> set[str]:
    """How a press label's notes may write a figure: "£30,000", "£14m", "£2.31 million"."""
    forms = {f"£{amount:,}"}
    if amount >= 1_000_000:
        short = f"{amount / 1_000_000:g}"
        forms |= {f"£{short}m", f"£{short} million", f"£{short}million"}
    return forms


def other_case_named_in_notes(action: dict, notes: str) -> bool:
    """Whether the label's notes name an extra action's organisation (a word of its name, or its
    initials) and, when it has one, its figure. The notes list a round-up's other cases."""
    from pipeline.names import GENERIC_NAMES, acronym_keys, normalise_name
    words = set(re.findall(r"[a-z0-9]+", notes.lower()))
    name = normalise_name(action["organisation"] or "")
    named = any(len(w) >= 4 and w not in GENERIC_NAMES and w not in {"national", "limited", "hospital", "nhs"}
                and w in words for w in name.split()) or bool(acronym_keys(action["organisation"] or "") & words)
    amount = action.get("amount_gbp")
    return named and (amount is None or any(form in notes for form in _figure_forms(amount)))


def test_press_dev_other_cases_are_the_ones_the_labels_note(tmp_path: Path) -> None:
    """Every action after the main one on a press page is another case the label's notes name,
    with its own figure, or the main party's own second action; none is another case's figure
    put on the main party."""
    from pipeline.extract.roles import same_party
    labels = CORPUS / "labels" / "press-dev.jsonl"
    predict(labels, tmp_path / "p.jsonl")
    rows = {json.loads(line)["doc"]: json.loads(line) for line in labels.read_text().splitlines() if line.strip()}
    found, wrong = [], []
    for line in (tmp_path / "p.jsonl").read_text().splitlines():
        record = json.loads(line)
        doc = Path(record["path"]).relative_to(CORPUS).as_posix()
        label = rows[doc]
        main_names = [label.get("organisation") or "", *(label.get("aliases") or [])]
        for action in record["actions"][1:]:
            if any(n and same_party(action["organisation"] or "", n) for n in main_names):
                if action["amount_gbp"] is not None and action["amount_gbp"] != label.get("amount_gbp"):
                    wrong.append((doc, action["organisation"], action["action_type"], action["amount_gbp"]))
                continue
            found.append((doc, action["organisation"], action["action_type"], action["amount_gbp"]))
            if not other_case_named_in_notes(action, label.get("notes") or ""):
                wrong.append(found[-1])
    print("\n".join(map(str, found)))
    assert not wrong, f"extra actions the labels do not note: {wrong}"
    assert len(found) >= PRESS_OTHER_CASES_FLOOR, found
