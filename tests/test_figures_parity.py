"""One rule for "a press figure agrees with the regulator's": figures_agree in Python and the
figure_disagreements view in SQL must give the same answer, checked over a table of cases."""
from __future__ import annotations

import itertools

import pytest

from pipeline.link.cases import figures_agree
from pipeline.models import Document
from pipeline.store import cases as store, ensure_db_shape, open_db, save_document

REFERENCES = [6_090_000, 3_076_320, 82_946, 79_404, 150_000, 1_000_000, 7_500, 339_000_000, 1]
DOCUMENT_VALUES = [6_000_000, 6_090_000, 6_100_000, 3_090_000, 3_080_000, 3_070_000, 3_000_000, 80_000,
                   83_000, 82_900, 82_946, 150_000, 200_000, 1_000_000, 999_999, 7_500, 8_000, 7_000,
                   340_000_000, 339_000_000, 300_000_000, 10, 1]


@pytest.fixture(scope="module")
def judged(tmp_path_factory) -> dict[tuple[str, int, int], bool]:
    """(field, reference, press value) -> does the view list it as a disagreement?"""
    db = open_db(tmp_path_factory.mktemp("parity") / "parity.db")
    ensure_db_shape(db)
    pairs = list(itertools.product(REFERENCES, DOCUMENT_VALUES))
    with db.atomic():
        db.execute("INSERT INTO organisations (id, name, normalised_name) VALUES ('o', 'O', 'o')")
        for index, (reference, value) in enumerate(pairs):
            case_id = f"case-{index}"
            store.insert_case(db, case_id, "o", "ICO", "monetary_penalty", "2024-01-01", press_only=False)
            ico, _ = save_document(db, Document(url=f"https://ico.example/{index}", source="t",
                                                kind="enforcement_page", title="t", text="t",
                                                published="2024-01-01", fetched_at="2024-01-01T00:00:00Z"))
            press, _ = save_document(db, Document(url=f"https://news.example/{index}", source="t",
                                                  kind="article", title="t", text="t",
                                                  published="2024-01-02", fetched_at="2024-01-02T00:00:00Z"))
            store.link(db, case_id, ico, "primary")
            store.link(db, case_id, press, "coverage")
            store.add_history(db, case_id, ico, "2024-01-01", "final", reference, reference, None)
            store.add_history(db, case_id, press, "2024-01-02", "final", value, value, None)
            store.write_case(db, case_id, {"amount_gbp": reference, "final_amount_gbp": reference,
                                           "subjects_affected": reference})
    listed = {(case_id, field) for case_id, field in db.execute(
        "SELECT case_id, field FROM figure_disagreements")}
    result = {}
    for index, (reference, value) in enumerate(pairs):
        for field in ("amount_gbp", "subjects_affected"):
            result[(field, reference, value)] = (f"case-{index}", field) in listed
    db.close()
    return result


@pytest.mark.parametrize("field", ["amount_gbp", "subjects_affected"])
def test_the_view_and_figures_agree_give_the_same_answer(judged, field):
    mismatches = [(reference, value) for reference, value in itertools.product(REFERENCES, DOCUMENT_VALUES)
                  if judged[(field, reference, value)] == figures_agree(value, reference)]
    assert mismatches == []
    # and the table is not trivial: both answers occur
    answers = {figures_agree(value, reference) for reference, value in itertools.product(REFERENCES, DOCUMENT_VALUES)}
    assert answers == {True, False}
