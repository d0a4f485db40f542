"""The action detector: a fitted second opinion on whether a press story reports an action at all
(pipeline/extract/action_detector.py)."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.extract import Extractor
from pipeline.extract.action_detector import (
    BIAS,
    MODEL_PATH,
    OPENING_CHARS,
    RULES_FEATURE,
    ActionDetector,
    story_features,
)
from tests.fitting_corpus import fit_on_mini_corpus

REPO = Path(__file__).resolve().parent.parent
FIT_SCRIPT = REPO / "benchmarks" / "fit_action_detector.py"

# A guide to a coming law: a firm is named, fines are spoken of, the regulator says what it will
# do. The rules read an action into it; nobody was penalised.
GUIDE_TO_A_NEW_LAW = """What the new data law means for your business

Businesses that handle customers' personal information will face fines of up to £17.5m under new rules the government says will come into force next year, and which the regulator will enforce.

Marsh Accounting Ltd, a firm of accountants in Fenbury, said it had spent months preparing. "We have checked every system we use and we think we are ready," its director said.

The Information Commissioner's Office said it would publish guidance for small firms, and that it would help organisations that try to comply rather than fine them.

Experts said any firm that needs advice should appoint someone responsible for data protection, keep records of what it holds and plan what it will do after a data breach.
"""

# An action told without the words the rules look for: the college "has committed to ensuring"
# (an undertaking, in other words) after the regulator looked into a lost camera.
COMMITMENT_TOLD_INDIRECTLY = """Fenland college told to tighten policies after lost camera

The Information Commissioner has warned organisations about staff using their own devices after a member of staff at Fenland Agricultural College lost a camera holding photographs of job applicants.

The college has committed to ensuring all portable devices used for work are encrypted by the end of the year, and that staff receive training on data protection.

"Organisations must think about how staff store personal information on their own devices," said the ICO's head of enforcement.

The college said it had changed its policies.
"""

PLAIN_FINE = """Fenbury council fined £90,000

The Information Commissioner's Office has fined Fenbury County Council £90,000 after it sent details of a child protection case to the wrong fax number.
"""

NEVER = ActionDetector({}, drop_below=0.0, add_above=1.0)     # the rules alone
SURE_OF_NONE = ActionDetector({BIAS: -10.0}, drop_below=0.2, add_above=0.9)
SURE_OF_ONE = ActionDetector({BIAS: 10.0}, drop_below=0.2, add_above=0.9)
UNSURE = ActionDetector({}, drop_below=0.2, add_above=0.9)      # probability 0.5


def parties(extractor: Extractor, detector: ActionDetector, text: str, kind: str = "article") -> list[str | None]:
    return [a.organisation for a in Extractor(nlp=extractor.nlp, action_detector=detector).extract(text, kind=kind)]


def test_the_fitted_model_drops_an_action_the_rules_read_into_a_guide(extractor: Extractor) -> None:
    assert parties(extractor, NEVER, GUIDE_TO_A_NEW_LAW) == ["Marsh Accounting Ltd"]
    assert extractor.extract(GUIDE_TO_A_NEW_LAW, kind="article") == []


def test_the_fitted_model_reads_an_action_told_without_the_rules_cues(extractor: Extractor) -> None:
    assert parties(extractor, NEVER, COMMITMENT_TOLD_INDIRECTLY) == []
    assert [a.organisation for a in extractor.extract(COMMITMENT_TOLD_INDIRECTLY, kind="article")] \
        == ["Fenland Agricultural College"]


def test_it_overrules_the_rules_only_past_its_thresholds(extractor: Extractor) -> None:
    assert parties(extractor, SURE_OF_NONE, PLAIN_FINE) == []
    assert parties(extractor, SURE_OF_ONE, COMMITMENT_TOLD_INDIRECTLY) == ["Fenland Agricultural College"]
    assert parties(extractor, UNSURE, PLAIN_FINE) == ["Fenbury County Council"]
    assert parties(extractor, UNSURE, COMMITMENT_TOLD_INDIRECTLY) == []


def test_a_notice_is_left_to_the_rules(extractor: Extractor) -> None:
    assert parties(extractor, SURE_OF_NONE, PLAIN_FINE, kind="notice") == parties(extractor, NEVER, PLAIN_FINE, kind="notice")
    assert parties(extractor, NEVER, PLAIN_FINE, kind="notice")


def test_the_rules_answer_moves_the_probability() -> None:
    detector = ActionDetector({BIAS: -1.0, RULES_FEATURE: 2.0, "fined": 0.5})
    assert detector.probability({"fined"}, rules_found_action=True) > 0.5 > detector.probability(set(), False)


def test_story_features_are_the_words_and_word_pairs_of_the_headline_and_opening(extractor: Extractor) -> None:
    far = " ".join(["filler"] * (OPENING_CHARS // 7 + 10)) + " zebra crossing"
    p = extractor._prepare("The ICO fined Fenbury County Council £90,000.\n\n" + far, "Council fined", "article", None, {})
    features = story_features(p)
    assert {"council", "fined", "council fined", "ico fined", "fined fenbury", "£"} <= features
    assert "zebra" not in features     # past the opening a story recalls other cases


def test_the_shipped_model_names_its_training_and_thresholds() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < model["drop_below"] < 0.5 < model["add_above"] < 1.0
    assert model["trained_on"]["pages"] > 1000 and "press-dev.jsonl" in model["trained_on"]["label_files"]
    assert model["weights"][RULES_FEATURE] > 0      # the rules' answer counts for it


def test_fit_script_fits_and_writes_a_model_the_detector_loads(tmp_path: Path) -> None:
    pages = {"1.txt": (PLAIN_FINE, True), "2.txt": (COMMITMENT_TOLD_INDIRECTLY, True),
             "3.txt": (GUIDE_TO_A_NEW_LAW, False), "4.txt": ("Fenbury council reports data breach\n\nThe council "
                                                             "told the regulator of a lost laptop.\n", False)}
    run, out = fit_on_mini_corpus(
        tmp_path, FIT_SCRIPT, {name: text for name, (text, _) in pages.items()},
        {group: [{"doc": f"press/{n}", "is_enforcement_action": pages[n][1]} for n in names]
         for group, names in (("press-a.jsonl", ["1.txt", "3.txt"]), ("press-b.jsonl", ["2.txt", "4.txt"]))})
    assert run.returncode == 0, run.stderr
    assert "4 press pages (2 reporting an action) from 2 label files" in run.stdout
    assert "2-fold, drop below" in run.stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"] == {"label_files": ["press-a.jsonl", "press-b.jsonl"], "pages": 4}
    detector = ActionDetector.load(out)
    assert BIAS in detector.weights and (detector.drop_below, detector.add_above) == (model["drop_below"], model["add_above"])
