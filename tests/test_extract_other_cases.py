"""Round-ups and pages that report several cases: one action per case, each with its own figures.

The texts are written for these tests. The round-up uses real ICO cases' public facts (names,
amounts, dates); the traps (context mentions, negations, hypotheticals, threats, people) use
invented organisations and people.
"""
from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.models import Action

ROUND_UP = """23andMe fined £2.31m: the genetic testing firm joins the year's list of data fines

The Information Commissioner's Office has fined 23andMe £2.31 million for failing to protect the \
genetic data of its UK users before a credential stuffing attack in 2023. The regulator said \
155,592 UK residents were affected. 23andMe did not require multi-factor authentication, and its \
users could download raw genetic data without further checks. The company said it had since made \
multi-factor authentication mandatory.

Earlier cases
Tuckers Solicitors LLP was fined £98,000 after a ransomware attack in which court bundles were \
published on the dark web.
The ICO fined Clearview AI Inc £7,552,800 for scraping images of people from the web to build a \
facial recognition database. The ICO has also issued an enforcement notice, ordering the company \
to delete the data of UK residents it holds.
On 23 November 2023 the ICO issued a reprimand to NHS Fife after a visitor was handed a document \
with the details of 14 patients.
Mermaids, the transgender support charity, has been fined £25,000 after emails of 550 people could \
be read online.
"""


def summary(actions: list[Action]) -> list[tuple]:
    return [(a.organisation, a.action_type, a.amount_gbp) for a in actions]


def test_a_round_up_gives_one_action_per_case_with_its_own_figures(extractor: Extractor):
    actions = extractor.extract(ROUND_UP, kind="article")
    assert summary(actions) == [
        ("23andMe", "monetary_penalty", 2_310_000),
        ("Tuckers Solicitors LLP", "monetary_penalty", 98_000),
        ("Clearview AI Inc", "monetary_penalty", 7_552_800),
        ("Clearview AI Inc", "enforcement_notice", None),
        ("NHS Fife", "reprimand", None),
        ("Mermaids", "monetary_penalty", 25_000),
    ]
    by_name = {(a.organisation, a.action_type): a for a in actions[1:]}
    fife = by_name[("NHS Fife", "reprimand")]
    assert fife.action_date == "2023-11-23"
    assert fife.status == "final"
    # Each figure comes from the item's own sentence, which its evidence quotes.
    clearview = by_name[("Clearview AI Inc", "monetary_penalty")]
    assert "Clearview AI Inc £7,552,800" in clearview.evidence["amount_gbp"].sentence
    for action in actions[1:]:
        ev = action.evidence["action_type"]
        assert ROUND_UP[ev.start:ev.end] == ev.sentence
        assert action.subjects_affected is None      # the main case's count is not theirs
    # The enforcement notice in Clearview's paragraph is Clearview's, not the main party's.
    assert not any(a.organisation == "23andMe" and a.action_type == "enforcement_notice" for a in actions)


def test_the_main_action_is_the_same_with_or_without_the_other_cases(extractor: Extractor):
    opening = ROUND_UP.split("Earlier cases")[0]
    alone = extractor.extract(opening, kind="article")[0]
    main = extractor.extract(ROUND_UP, kind="article")[0]
    assert (main.organisation, main.action_type, main.amount_gbp, main.status, main.subjects_affected) == \
        (alone.organisation, alone.action_type, alone.amount_gbp, alone.status, alone.subjects_affected)


def test_two_companies_fined_together_are_two_actions(extractor: Extractor):
    text = ("Two Manchester debt firms fined for spam texts\n\n"
            "Quick Tax Claims Limited has been fined £120,000 after sending millions of texts without consent. "
            "National Debt Advice Limited sent 129,902 spam messages, did not check consent and received a fine "
            "of £30,000 from the ICO.")
    actions = extractor.extract(text, kind="article")
    assert summary(actions) == [("Quick Tax Claims Limited", "monetary_penalty", 120_000),
                                ("National Debt Advice Limited", "monetary_penalty", 30_000)]


def test_two_parties_of_one_plural_verb_are_two_actions(extractor: Extractor):
    text = ("Eleven charities fined for wealth screening\n\n"
            "Fenland Animal Trust has been fined £18,000 for screening donors. "
            "Marsh Borough Council and the Wisbech Hospital Trust were both fined £12,000 for data matching.")
    actions = extractor.extract(text, kind="article")
    assert summary(actions) == [("Fenland Animal Trust", "monetary_penalty", 18_000),
                                ("Marsh Borough Council", "monetary_penalty", 12_000),
                                ("Wisbech Hospital Trust", "monetary_penalty", 12_000)]


@pytest.mark.parametrize("context", [
    # negated
    "The ICO decided not to fine Harbour Freight Ltd, and Harbour Freight Ltd was not fined.",
    # hypothetical
    "Under the old law, Harbour Freight Ltd could have been fined £500,000.",
    # threatened
    "Harbour Freight Ltd has been threatened with a £500,000 penalty if it does not comply.",
    # a proposal mentioned for context
    "The regulator's proposed £4m fine on Harbour Freight Ltd was announced last year.",
    # another regulator's action
    "Harbour Freight Ltd was fined £2m by the FCA in 2019.",
    # a person, not an organisation
    "A former employee, Daniel Rourke, was prosecuted for taking customer records.",
    # the regulator and the main party itself
    "Kestrel Homes Ltd was fined £80,000 by the Information Commissioner's Office last week.",
    # a foreign regulator's fine, in another currency
    "Harbour Freight Ltd was fined €1.2m by the Irish regulator in 2023.",
    # a hacker
    "The hacker group Nightfox has been prosecuted.",
    # the main party's parent: its figure would be mixed with the main case's
    "Its parent, Kestrel Group, was fined £10,000 in 2019.",
])
def test_context_mentions_are_not_other_actions(extractor: Extractor, context: str):
    text = ("Kestrel Homes Ltd has been fined £80,000 by the Information Commissioner's Office after tenants' "
            "passports were left on an open server. " + context)
    actions = extractor.extract(text, kind="article")
    assert summary(actions) == [("Kestrel Homes Ltd", "monetary_penalty", 80_000)]


def test_an_item_takes_its_full_name_from_its_heading(extractor: Extractor):
    text = ("Recent reprimands in the health sector\n"
            "November 2023 - NHS Fife\n"
            "On 23 November 2023, the ICO issued a reprimand to NHS Fife after patient records were handed to a "
            "visitor. NHS Fife had no identity checks on its wards, and few of its staff had completed data "
            "protection training. The data was taken off site and has not been recovered. NHS Fife has since "
            "introduced a sign-out system for patient documents. It must report on its new identity checks by "
            "June 2024. Its training rates must also improve.\n"
            "October 2023 - University Hospitals of Derby and Burton NHS Foundation Trust\n"
            "On 30 October 2023, the ICO issued a reprimand to the University Hospitals")
    actions = extractor.extract(text, kind="article")
    assert [(a.organisation, a.action_type, a.action_date) for a in actions] == [
        ("NHS Fife", "reprimand", "2023-11-23"),
        ("University Hospitals of Derby and Burton NHS Foundation Trust", "reprimand", "2023-10-30")]


def test_list_items_each_name_an_organisation_and_its_action(extractor: Extractor):
    text = ("ICO fines for nuisance calls this year\n\n"
            "The ICO has fined Acme Marketing Ltd £150,000 for making 1.2 million unsolicited calls to people "
            "registered with the TPS. Acme Marketing Ltd made the calls over nine months.\n"
            "Other actions this year:\n"
            "• Beta Leads Limited – £80,000 fine for unsolicited texts\n"
            "• Gamma Home Improvements Ltd – £45,000 monetary penalty for nuisance calls\n"
            "• Delta Borough Council: reprimand over a misdirected email\n"
            "• Jane Doe – prosecution for selling customer data\n"
            "• Epsilon Energy Ltd – could face a fine of up to £500,000\n")
    actions = extractor.extract(text, kind="article")
    assert summary(actions) == [("Acme Marketing Ltd", "monetary_penalty", 150_000),
                                ("Beta Leads Limited", "monetary_penalty", 80_000),
                                ("Gamma Home Improvements Ltd", "monetary_penalty", 45_000),
                                ("Delta Borough Council", "reprimand", None)]
    assert actions[1].evidence["amount_gbp"].sentence.startswith("• Beta Leads Limited")


@pytest.mark.parametrize("context, other", [
    # a relative clause
    ("Compare Harbour Freight Ltd, which was fined £40,000 in 2021.", ("Harbour Freight Ltd", "monetary_penalty", 40_000)),
    # the figure that stands, not the one it was reduced from
    ("The watchdog fined Harbour Freight Ltd £1.35m, later reduced to £250,000.",
     ("Harbour Freight Ltd", "monetary_penalty", 250_000)),
])
def test_context_that_states_another_action_gives_it_with_its_own_figure(extractor: Extractor, context, other):
    text = ("Kestrel Homes Ltd has been fined £80,000 by the Information Commissioner's Office after tenants' "
            "passports were left on an open server. " + context)
    actions = extractor.extract(text, kind="article")
    assert summary(actions) == [("Kestrel Homes Ltd", "monetary_penalty", 80_000), other]
