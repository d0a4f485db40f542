"""Counts of people affected: exact vs rounded, and things that are not people."""
from __future__ import annotations

import pytest

from pipeline.extract.counts import find_counts, find_single_subject, parse_count
from pipeline.extract.extractor import default_extractor


@pytest.mark.parametrize("text, value, exact", [
    ("The stolen files related to 82,946 people.", 82_946, True),
    ("a breach that affected more than 80,000 people", 80_000, False),
    ("approximately 40,000,000 data subjects were on the register", 40_000_000, False),
    ("it exposed up to 1.6 million UK users", 1_600_000, False),
    ("the records of 80,000+ people", 80_000, False),
    ("emails reached 437,324 distinct individuals", 437_324, True),
    ("letters were sent to 65 patients", 65, True),
    ("details of about 5,000 customers", 5_000, False),
    # a stray space after the thousands comma; records of a kind of person are those people
    ("emails sent to 437, 324 individuals", 437_324, True),
    ("it shared 4,948,633 donor records with other charities", 4_948_633, True),
    ("personal details of 59,592 of the firm's customers", 59_592, True),
    ("the names of more than 20,000 Pharmacy2U customers", 20_000, False),
])
def test_counts_of_people(text: str, value: int, exact: bool) -> None:
    counts = find_counts(text)
    assert len(counts) == 1
    assert (counts[0].value, counts[0].exact) == (value, exact)
    assert text[counts[0].start:counts[0].end] == counts[0].text


@pytest.mark.parametrize("text", [
    "It shared records with agencies, including the four largest recipients.",
    "The firm made 73,217 unsolicited calls to people.",
    "It sent 191.4 million marketing emails to customers.",
    "Some 16.3 million text messages reached people.",
    "In 2022 people complained.",
    "It received 3,872 visits from 2,798 IP addresses.",
])
def test_things_sent_are_not_people(text: str) -> None:
    assert find_counts(text) == []


def test_bare_qualified_number_only_when_allowed() -> None:
    text = "The incident affected more than 80,000."
    assert find_counts(text) == []
    assert parse_count(text) == 80_000
    assert find_counts("It made over 5,000 calls.", allow_bare=True) == []


@pytest.mark.parametrize("text, value, exact", [
    ("the names of all 9,483 serving officers and staff", 9_483, True),
    ("Approximately 339 million guest records were compromised", 339_000_000, False),
    ("an estimated one million under 13s used the app", 1_000_000, False),
    ("Seven million customer records were affected", 7_000_000, False),
    ("a total of 265 email addresses were exposed", 265, True),
    ("there were 7,753 overdue SARs", 7_753, True),
])
def test_counts_as_outlets_write_them(text: str, value: int, exact: bool) -> None:
    counts = find_counts(text)
    assert [(c.value, c.exact) for c in counts] == [(value, exact)]


@pytest.mark.parametrize("text", [
    "The attackers reached 283 systems and 16 accounts.",
    "The attack affected around four percent of the company's 4 million customers.",
])
def test_systems_accounts_and_the_base_of_a_share_are_not_people(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize("text, value", [
    ("the letter held sensitive data about four vulnerable children", 4),
    ("it exposed the addresses of two tenants", 2),
])
def test_small_counts_written_as_words(text: str, value: int) -> None:
    assert [(c.value, c.exact) for c in find_counts(text)] == [(value, True)]


@pytest.mark.parametrize("text", [
    "four complaints were made about the two companies",
    "one of the callers was rude",
])
def test_small_words_are_not_people_without_a_noun_for_people(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize("text, single", [
    ("A clerk sent details relating to a patient's treatment to a neighbour.", True),
    ("Suspects learnt the address of a witness.", True),
    ("The records of one person were left on a train.", True),
    ("The council sent details of a child protection case to the wrong address.", False),
    ("Data concerning a natural person's health is special category data.", False),
])
def test_one_person_whose_data_it_was(text: str, single: bool) -> None:
    assert (find_single_subject(text) is not None) is single


def test_one_person_counts_only_when_no_number_is_given() -> None:
    text = ("Example Health Board has been fined £40,000 by the Information Commissioner. "
            "A nurse sent details relating to a patient's treatment to the wrong address.")
    assert default_extractor().extract(text)[0].subjects_affected == 1
    more = text + " The lists held sensitive personal data relating to 37 patients."
    assert default_extractor().extract(more)[0].subjects_affected == 37


def test_a_backlog_of_requests_is_not_people_but_overdue_requests_are() -> None:
    assert find_counts("the council had a backlog of 170 overdue SARs") == []
    assert [c.value for c in find_counts("there were 1,234 overdue SARs")] == [1_234]


def test_a_sentence_recalling_an_earlier_case_gives_no_count() -> None:
    text = ("Example Solicitors LLP has been reprimanded by the Information Commissioner after a cyber attack. "
            "The previous announcement was in May, when a reprimand went to a firm after a breach that affected "
            "over 6,000 clients.")
    assert default_extractor().extract(text)[0].subjects_affected is None


def test_shared_or_taken_data_counts_its_people(extractor) -> None:
    for text, count in [
        ("The ICO fined the Fenland Animal Trust £18,000. The trust had shared 4,948,633 donor records with "
         "other charities.", 4_948_633),
        ("A former employee was prosecuted for taking the sensitive information of over 100 people before "
         "joining a rival.", 100),
        ("The ICO fined Jobfinder Ltd £130,000 for sending over 107 million marketing emails to 437,324 "
         "individuals without consent.", 437_324),
        ("The Fenland Inquiry has been fined £200,000. A staff member emailed 90 people using the 'to' field "
         "instead of 'bcc'.", 90),
        ("Fenpharm has been fined £130,000. The names and addresses of more than 20,000 Fenpharm customers had "
         "been sold to marketing companies.", 20_000),
    ]:
        assert extractor.extract(text, kind="article")[0].subjects_affected == count
