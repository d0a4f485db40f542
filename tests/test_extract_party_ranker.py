"""The party ranker: a fitted second look at a press story's candidate parties (pipeline/extract/party_ranker.py)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.extract.party_ranker import MODEL_PATH, PartyRanker, candidate_features
from pipeline.extract.roles import Candidate
from pipeline.extract.rules.document import Prepared
from pipeline.extract.rules.party import PARTY_WEIGHTS
from tests.fitting_corpus import fit_on_mini_corpus

REPO = Path(__file__).resolve().parent.parent
FIT_SCRIPT = REPO / "benchmarks" / "fit_party_ranker.py"
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"

# A story that leads with its own case told of "a council", then names the council in sentences no
# enforcement pattern reads, and closes with another case the regulator "also fined": the rules
# weigh the closing pattern most; the story is about the council it names throughout.
LEAD_THEN_ANOTHER_CASE = """Fax error costs council £90k

A council that sent details of a child protection case to the wrong fax number was fined £90,000 by the Information Commissioner today.

Fenbury County Council meant to send the fax to its lawyers in May.

Fenbury County Council staff sent a second fax to the wrong number nine days later.

Fenbury County Council accepted the findings today and said it had changed its procedures.

The Commissioner also fined the recruitment firm Marsh Staffing Ltd £30,000 today after it lost an unencrypted memory stick.
"""

# Two candidates of one story: the rules' choice is named second.
TWO_PARTIES = """Ouse Data Brokers Ltd sold a list of 40,000 phone numbers last year.

The Information Commissioner's Office has fined Fenland Home Improvements Ltd £80,000 for making 400,000 calls to people who had told the TPS they wanted none.
"""

RULES_ONLY = PartyRanker({"rules_choice": 1.0})


class Recorder(PartyRanker):
    """Keeps the rules' choice; remembers the features of every candidate it was shown."""

    def __init__(self) -> None:
        super().__init__({})
        self.features: list[dict[str, float]] = []

    def choose(self, p: Prepared, candidates: Sequence[Candidate], rules_choice: Candidate) -> Candidate:
        self.features += candidate_features(p, candidates, rules_choice)
        return rules_choice


def party(extractor: Extractor, ranker: PartyRanker, text: str, kind: str = "article") -> str | None:
    actions = Extractor(nlp=extractor.nlp, party_ranker=ranker).extract(text, kind=kind)
    return actions[0].organisation if actions else None


def test_the_fitted_model_reads_the_story_led_by_its_own_case(extractor: Extractor) -> None:
    assert party(extractor, RULES_ONLY, LEAD_THEN_ANOTHER_CASE) == "Marsh Staffing Ltd"     # what the rules alone pick
    assert extractor.extract(LEAD_THEN_ANOTHER_CASE, kind="article")[0].organisation == "Fenbury County Council"


def test_weights_decide_between_candidates(extractor: Extractor) -> None:
    assert party(extractor, RULES_ONLY, TWO_PARTIES) == "Fenland Home Improvements Ltd"
    assert party(extractor, PartyRanker({"named_first": 10.0}), TWO_PARTIES) == "Ouse Data Brokers Ltd"


def test_a_tie_keeps_the_rules_choice(extractor: Extractor) -> None:
    assert party(extractor, PartyRanker({}), TWO_PARTIES) == "Fenland Home Improvements Ltd"


def test_a_notice_is_never_re_ranked(extractor: Extractor) -> None:
    # a notice names its addressee in its own structure, which the rules read exactly
    assert party(extractor, PartyRanker({"named_first": 10.0}), TWO_PARTIES, kind="notice") \
        == party(extractor, RULES_ONLY, TWO_PARTIES, kind="notice") == "Fenland Home Improvements Ltd"


def test_the_model_weighs_only_features_the_ranker_computes(extractor: Extractor) -> None:
    # A feature renamed without refitting would silently count zero: the shipped file must name
    # only features the code computes.
    recorder = Recorder()
    Extractor(nlp=extractor.nlp, party_ranker=recorder).extract(TWO_PARTIES, kind="article")
    general = {name for f in recorder.features for name in f if not name.startswith("rule:")}
    known = general | {"rule:" + rule for rule in PARTY_WEIGHTS}
    weights = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    assert weights and set(weights) <= known


@pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not beside the repository")
def test_fit_script_fits_and_writes_a_model_the_ranker_loads(tmp_path: Path) -> None:
    pages = {"1.txt": (LEAD_THEN_ANOTHER_CASE, "Fenbury County Council"),
             "2.txt": (TWO_PARTIES, "Fenland Home Improvements Ltd")}
    run, out = fit_on_mini_corpus(
        tmp_path, FIT_SCRIPT, {name: text for name, (text, _) in pages.items()},
        {group: [{"doc": f"press/{name}", "is_enforcement_action": True, "organisation": pages[name][1]}]
         for group, name in (("press-a.jsonl", "1.txt"), ("press-b.jsonl", "2.txt"))})
    assert run.returncode == 0, run.stderr
    assert "2 pages with candidates to rank" in run.stdout
    assert "2-fold, pages kept out of the fit" in run.stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"] == {"label_files": ["press-a.jsonl", "press-b.jsonl"], "pages": 2}
    ranker = PartyRanker.load(out)
    assert ranker.weights and all(isinstance(w, float) for w in ranker.weights.values())
