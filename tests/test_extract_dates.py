"""Dates: notice headers, signature lines, press date lines, month-only dates."""
from __future__ import annotations

import pytest

from pipeline.extract.dates import find_dated_line, find_dates, parse_date


@pytest.mark.parametrize("text, iso", [
    ("7 August 2024", "2024-08-07"),
    ("on the 7th August 2024,", "2024-08-07"),
    ("the 5th day of June 2025", "2025-06-05"),
    ("August 7, 2024", "2024-08-07"),
    ("Sept 3 2021", "2021-09-03"),
    ("in August 2022 the attack began", "2022-08"),
    ("07/08/2024", "2024-08-07"),                 # UK order
    ("2024-08-07", "2024-08-07"),
    ("31/02/2024", None),                         # not a date
    ("no date at all", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_dated_signature_line_wins_and_last_one_counts() -> None:
    text = ("We wrote on 2 March 2021.\nDated: 1 April 2021\n...\nAnnex: an earlier letter\n"
            "Dated the 14th day of May 2021\nSigned, the Commissioner")
    dated = find_dated_line(text)
    assert dated is not None and dated.iso == "2021-05-14"
    assert text[dated.start:dated.end] == dated.text


def test_find_dates_gives_offsets_and_no_overlaps() -> None:
    text = "Between 1 May 2018 and June 2019, then 2020-01-02."
    found = find_dates(text)
    assert [d.iso for d in found] == ["2018-05-01", "2019-06", "2020-01-02"]
    for d in found:
        assert text[d.start:d.end] == d.text
