"""The action typer: a fitted second opinion on the type of a press story's action where the rules
say "other" (pipeline/extract/action_typer.py)."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.extract import Extractor
from pipeline.extract.action_detector import BIAS
from pipeline.extract.action_typer import MODEL_PATH, ActionTyper
from pipeline.models import ACTION_TYPES
from tests.fitting_corpus import fit_on_mini_corpus
from tests.test_extract_action_detector import COMMITMENT_TOLD_INDIRECTLY, GUIDE_TO_A_NEW_LAW, PLAIN_FINE

REPO = Path(__file__).resolve().parent.parent
FIT_SCRIPT = REPO / "benchmarks" / "fit_action_typer.py"

NEVER = ActionTyper({})
SURE_OF_A_REPRIMAND = ActionTyper({"reprimand": {BIAS: 10.0}, "other": {}}, min_probability=0.7)
UNSURE = ActionTyper({"reprimand": {BIAS: 0.5}, "other": {}}, min_probability=0.7)   # 0.62 for reprimand


def types(extractor: Extractor, typer: ActionTyper, text: str, kind: str = "article") -> list[str]:
    return [a.action_type for a in Extractor(nlp=extractor.nlp, action_typer=typer).extract(text, kind=kind)]


def test_the_fitted_model_reads_a_commitment_as_an_undertaking(extractor: Extractor) -> None:
    assert types(extractor, NEVER, COMMITMENT_TOLD_INDIRECTLY) == ["other"]
    assert [a.action_type for a in extractor.extract(COMMITMENT_TOLD_INDIRECTLY, kind="article")] == ["undertaking"]


def test_only_other_is_retyped_and_only_past_the_threshold(extractor: Extractor) -> None:
    assert types(extractor, SURE_OF_A_REPRIMAND, COMMITMENT_TOLD_INDIRECTLY) == ["reprimand"]
    assert types(extractor, SURE_OF_A_REPRIMAND, PLAIN_FINE) == ["monetary_penalty"]     # the rules knew it
    assert types(extractor, UNSURE, COMMITMENT_TOLD_INDIRECTLY) == ["other"]


def test_a_notice_is_left_to_the_rules(extractor: Extractor) -> None:
    assert types(extractor, SURE_OF_A_REPRIMAND, COMMITMENT_TOLD_INDIRECTLY, kind="notice") \
        == types(extractor, NEVER, COMMITMENT_TOLD_INDIRECTLY, kind="notice")


def test_probabilities_are_a_softmax_over_the_types() -> None:
    typer = ActionTyper({"undertaking": {"committed": 2.0}, "other": {BIAS: 0.5}})
    chances = typer.probabilities({"committed", "to"})
    assert abs(sum(chances.values()) - 1.0) < 1e-9
    assert chances["undertaking"] > chances["other"]
    assert typer.probabilities(set())["other"] > 0.5


def test_the_shipped_model_names_its_training_threshold_and_types() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.5 < model["min_probability"] < 1.0
    assert set(model["weights"]) == set(ACTION_TYPES)
    assert model["trained_on"]["pages"] > 500 and "press-dev.jsonl" in model["trained_on"]["label_files"]


def test_fit_script_fits_and_writes_a_model_the_typer_loads(tmp_path: Path) -> None:
    pages = {"1.txt": (PLAIN_FINE, "monetary_penalty"), "2.txt": (COMMITMENT_TOLD_INDIRECTLY, "undertaking"),
             "3.txt": (GUIDE_TO_A_NEW_LAW, None)}
    run, out = fit_on_mini_corpus(
        tmp_path, FIT_SCRIPT, {name: text for name, (text, _) in pages.items()},
        {group: [{"doc": f"press/{n}", "is_enforcement_action": pages[n][1] is not None, "action_type": pages[n][1]}
                 for n in names]
         for group, names in (("press-a.jsonl", ["1.txt", "3.txt"]), ("press-b.jsonl", ["2.txt"]))})
    assert run.returncode == 0, run.stderr
    assert "2 press pages reporting an action, from 2 label files" in run.stdout
    assert "2-fold, over 0.7" in run.stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"] == {"label_files": ["press-a.jsonl", "press-b.jsonl"], "pages": 2}
    typer = ActionTyper.load(out)
    assert set(typer.weights) == set(ACTION_TYPES) and all(BIAS in w for w in typer.weights.values())
