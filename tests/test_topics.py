"""Every case gets a topic a journalist would search for (pipeline/store/topics.py)."""
from __future__ import annotations

import json

import pytest

from pipeline.store.topics import UNCLASSIFIED, case_topics, topic_json


def test_the_icos_sector_comes_first():
    assert case_topics("Local government", ["Reprimand issued to a council"])[0] == "Local government"


def test_an_nhs_supplier_without_a_sector_is_a_health_case():
    topics = case_topics(None, ["NHS software supplier fined over ransomware attack"])
    assert {"NHS", "Health", "Cyber attack"} <= set(topics)
    assert "Public body" not in topics, "a supplier to the NHS is not itself a public body"


@pytest.mark.parametrize("title, topic", [
    ("Hospital trust reprimanded after patient records were left in a car park", "Health"),
    ("NHS trust reprimanded over a misdirected email", "NHS"),
    ("Borough council reprimanded for sending data to the wrong address", "Local government"),
    ("Company fined for nuisance calls to people registered with the TPS", "Marketing calls and messages"),
    ("Police force reprimanded over lost evidence", "Policing and justice"),
    ("University fined after phishing attack", "Education"),
])
def test_topics_are_read_from_the_words(title, topic):
    assert topic in case_topics(None, [title])


def test_public_bodies_are_named_from_sector_or_name():
    assert "Public body" in case_topics("Central government", [])
    assert "Public body" in case_topics(None, [], organisation="Leeds Teaching Hospitals NHS Trust")
    assert "Public body" not in case_topics(None, ["Man prosecuted under the Proceeds of Crime Act"])


def test_health_is_not_nhs():
    topics = case_topics(None, ["Genetic testing company fined after 155,592 UK customers' data exposed"])
    assert "Health" in topics and "NHS" not in topics


def test_failures_give_a_topic_and_the_sector_is_not_repeated():
    assert case_topics(None, [], ["unlawful_marketing_calls"]) == ["Marketing calls and messages"]
    assert case_topics("Marketing", ["marketing calls"], ["unlawful_marketing_calls"]) == ["Marketing"]


def test_every_case_gets_a_topic():
    assert case_topics(None, [None, ""]) == [UNCLASSIFIED]
    assert json.loads(topic_json(None, [])) == [UNCLASSIFIED]


def test_words_match_whole_words_only():
    # "app" in "happen", "bank" in "embankment", "nhs" in a longer token must not count.
    assert case_topics(None, ["What happened on the embankment"]) == [UNCLASSIFIED]
