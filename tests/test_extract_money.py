"""Money normaliser: every written form of an amount, and the parser's robustness."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.extract.money import find_money, format_gbp, parse_money


@pytest.mark.parametrize("text, expected", [
    ("a fine of £6m", 6_000_000),
    ("proposes £6.09m", 6_090_000),
    ("up to £6 million", 6_000_000),
    ("the sum of £14,472,500.00", 14_472_500),
    ("a penalty of £45 000 was set", 45_000),
    ("GBP 150,000", 150_000),
    ("€176,000 (GBP 150,000)", 150_000),          # the euro figure is only a conversion
    ("2.310.000 GBP", 2_310_000),                 # dots as thousands separators
    ("Fine of £750.000 issued", 750_000),         # one dot group: no sum has three decimals
    ("£1.500m", 1_500_000),                       # ... but with a multiplier it is a decimal
    ("£1.5bn", 1_500_000_000),
    ("£500k", 500_000),
    ("£7,500 (seven thousand five hundred pounds)", 7_500),
    ("150,000 pounds", 150_000),
    ("a 200,000 pound fine", 200_000),
    ("€8,730 only", None),                        # no pounds at all
    ("no money here", None),
    ("the year 2021 and 45 people", None),
    # a penalty whose pound sign the page lost
    ("the council was handed a 100,000 penalty after papers were stolen", 100_000),
    ("a games company is fined 60k, and the regulator warns others", 60_000),
    ("a 1.5m fine", 1_500_000),
    ("justified the imposition of a monetary penalty of 35,000.", 35_000),
    # ... but a bare figure elsewhere is no money
    ("the firm was fined after 100,000 calls", None),
    ("fined 100,000 people", None),
    ("a 500 fine", None),
    ("a penalty of 35,000 people", None),
])
def test_parse_money(text: str, expected: int | None) -> None:
    assert parse_money(text) == expected


def test_find_money_gives_spans_and_currencies() -> None:
    text = "It fined the firm €409,080 (GBP 350,000), down from £1m."
    spans = find_money(text)
    assert [(s.currency, s.amount) for s in spans] == [("EUR", 409_080), ("GBP", 350_000), ("GBP", 1_000_000)]
    for span in spans:
        assert text[span.start:span.end] == span.text
    assert spans[2].rounded and not spans[1].rounded


def test_space_grouping_does_not_swallow_a_year() -> None:
    assert [s.amount for s in find_money("paid £500 2019 and £45 000 2020")] == [500, 45_000]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    result = parse_money(text)
    assert result is None or isinstance(result, int)
    for span in find_money(text):
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_amounts_round_trip(amount: int) -> None:
    assert parse_money(format_gbp(amount)) == amount
    assert parse_money(f"GBP {amount:,}") == amount
    assert parse_money(f"a penalty of {format_gbp(amount)} was imposed") == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999))
def test_millions_with_decimals_round_trip(hundredths: int) -> None:
    # "£6.09m": amounts written in millions with two decimals.
    millions = hundredths / 100
    assert parse_money(f"£{millions:.2f}m") == hundredths * 10_000
    assert parse_money(f"£{millions:.2f} million") == hundredths * 10_000
