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


# ---- which date is the action's (sentences written for these tests) ----------------------------------
from pipeline.extract.dates import action_dates_in, find_publication_date, relative_action_date  # noqa: E402


@pytest.mark.parametrize("sentence, iso", [
    ("On 13th November 2020 Example Tickets Ltd was fined £1.25m by the regulator.", "2020-11-13"),
    ("In March 2025, the ICO fined the software firm £3m.", "2025-03"),
    ("The enforcement action, announced on June 25, 2025, follows an attack.", "2025-06-25"),
    ("The regulator fined Acme £7.5 million in May 2022 for scraping images.", "2022-05"),
    # publishing the action is the action; publishing the data is the breach
    ("On 25 April 2023, the ICO published details of a reprimand it had issued to the trust.", "2023-04-25"),
    ("On 25 April 2023 the file was published online by mistake; the trust was reprimanded.", None),
    # a headline line (no full stop) ends in a breach word: it does not qualify the next line's date
    ("ICO fines payroll provider £2m after ransomware attack\nIn June 2024, the ICO fined the payroll firm £2m.",
     "2024-06"),
    # the breach's date, a period, a deadline and a law's date are not the action's
    ("In August 2022, hackers gained access to the systems of the firm fined last week.", None),
    ("The fine follows an attack that occurred between April and September 2023.", None),
    ("The reprimand asks the trust to update its policies by 6 June 2024.", None),
    ("The firm was fined for failings that persisted since the GDPR came into force in May 2018.", None),
])
def test_action_dates_in_sentences(sentence: str, iso: str | None) -> None:
    found = action_dates_in([(100, sentence)])
    assert (found[0].iso if found else None) == iso
    if found:
        assert sentence[found[0].start - 100:found[0].end - 100] == found[0].text


def test_a_final_penalty_is_not_dated_by_its_notice_of_intent() -> None:
    sentences = [(0, "In August 2024 we announced a provisional penalty of £6m."),
                 (60, "The ICO fined the firm £3m on 27 March 2025.")]
    assert [d.iso for d in action_dates_in(sentences)] == ["2025-03-27"]
    assert action_dates_in(sentences, final=False)[0].iso == "2024-08"


def test_yesterday_is_read_against_the_page_date() -> None:
    sentences = [(0, "The regulator yesterday issued a notice of intent to fine the hotel group.")]
    found = relative_action_date(sentences, "2019-07-10")
    assert found is not None and found.iso == "2019-07-09"
    assert relative_action_date(sentences, None) is None


@pytest.mark.parametrize("head, iso", [
    ("Council reprimanded\n\nPosted 31 July 2024 by A Writer\n\nThe ICO has...", "2024-07-31"),
    ("Force fined\nLast updated 3rd Oct 2024\nThe force has been fined", "2024-10-03"),
    ("Fine news | Written by Example Team | Apr 14, 2025 2:00:00 AM", "2025-04-14"),
    ("Headline\n\n10 July 2019\n\nStory", "2019-07-10"),
    ("The attack happened on 4 June 2022 and was reported late.", None),
])
def test_publication_date(head: str, iso: str | None) -> None:
    found = find_publication_date(head)
    assert (found.iso if found else None) == iso
