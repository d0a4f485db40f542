"""The extractor end to end on short documents written for these tests (our own words).

Each table row is a small but realistic text: a notice extract, a news release or a press
story, carrying one of the traps real documents set (statutory maxima, early-payment figures,
rounded headlines, victims and outlets named more often than the penalised party...).
"""
from __future__ import annotations

import pytest

from pipeline.extract import EXTRACTOR_VERSION, TAXONOMY, Extractor, extract_text
from pipeline.models import Document


def main_action(extractor: Extractor, text: str, **kw):
    actions = extractor.extract(text, **kw)
    assert actions, "expected an enforcement action"
    return actions[0]


# ---- money: the penalty, not the other figures ----------------------------------------------------
@pytest.mark.parametrize("text, amount", [
    # the statutory maximum is not the penalty
    ("The Information Commissioner has fined Harbourside Lettings Ltd £120,000. The maximum fine "
     "under the law is £17.5 million or 4% of turnover.", 120_000),
    ("The Commissioner has decided to issue Quickdial Energy Ltd with a monetary penalty of £90,000. "
     "PECR allows a penalty of up to £500,000.", 90_000),
    # thresholds are not penalties
    ("Any penalty of over £1 million is reserved for the most serious cases. The Commissioner has "
     "decided to impose a penalty of £300,000 on Tallis Hotels Ltd.", 300_000),
    ("The amount of any penalty must not exceed £500,000. The Commissioner imposes a penalty of £35,000 "
     "on Brookline Leads Ltd.", 35_000),
    # a real reduction after representations is the penalty; the proposed figure is not
    ("MONETARY PENALTY NOTICE\n\nTo: Tallis Hotels Ltd\n\nThe proposed penalty was £9,500,000. Having "
     "considered the representations, the final penalty payable will therefore be reduced to £1.2 million.",
     1_200_000),
    # the early-payment figure is not the penalty
    ("The Commissioner imposes a penalty of £200,000 on Northgate Home Improvements Ltd. The penalty "
     "will be reduced to £160,000 if paid within 28 days.", 200_000),
    ("The ICO issued a penalty in the sum of £45 000 (to be discounted to £36 000 in the event that "
     "the fine is paid promptly) against Westfield Union.", 45_000),
    # a confiscation order, a turnover or damages are not penalties
    ("Director fined as Bramble Leads Ltd is prosecuted. Bramble Leads Ltd was fined £2,000 at the "
     "magistrates' court; a confiscation order of £48,000 was also made against it.", 2_000),
    ("Castleford Insurance Ltd, with a turnover of £350 million, has been fined £1,000,000 by the ICO.",
     1_000_000),
    ("Claimants were awarded £5,000 in damages earlier. The ICO has now fined Redbrook Clinics Ltd £25,000.",
     25_000),
    # the precise figure wins over the rounded headline
    ("Software firm faces £4m fine\n\nThe ICO has provisionally decided to fine Brightwave Systems Ltd "
     "£4.27m after a ransomware attack.", 4_270_000),
    # pounds in brackets after euros
    ("The ICO imposed a fine of €116,784 (GBP 98,000) on Larkfield Solicitors LLP.", 98_000),
    ("The ICO imposed a fine of 2.310.000 GBP on Helix Genomics Inc.", 2_310_000),
])
def test_penalty_amount(extractor: Extractor, text: str, amount: int) -> None:
    action = main_action(extractor, text)
    assert action.amount_gbp == amount
    ev = action.evidence["amount_gbp"]
    assert text[ev.start:ev.end] == ev.sentence


def test_final_penalty_lower_than_its_notice_of_intent_is_final(extractor: Extractor) -> None:
    """The documented convention: `reduced` is a cut after issue; a final figure below the
    proposal is `final`, with the proposal kept and the reason read from the sentence."""
    text = ("The ICO has fined Skyline Airways plc £20m. The regulator reduced the fine from £183m to £20m "
            "after considering the company's representations and the economic impact of the pandemic.")
    action = main_action(extractor, text)
    assert (action.status, action.amount_gbp) == ("final", 20_000_000)
    assert (action.provisional_amount_gbp, action.final_amount_gbp) == (183_000_000, 20_000_000)
    assert action.status_reason == "COVID-19"
    assert "pandemic" in action.evidence["status_reason"].sentence


def test_reduction_on_appeal_is_reduced(extractor: Extractor) -> None:
    text = ("The ICO fined Skyline Airways plc £500,000 in 2023. On appeal, the tribunal reduced the "
            "penalty from £500,000 to £250,000.")
    action = main_action(extractor, text)
    assert (action.status, action.amount_gbp, action.status_reason) == ("reduced", 250_000, "appeal")


# ---- status ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, status", [
    ("The ICO intends to fine Ashby Digital Ltd £750,000 for failing to protect customer records.",
     "provisional"),
    ("NOTICE OF INTENT\n\nTo: Marlow Data Services Ltd\n\nThe Commissioner proposes a penalty of £300,000.",
     "provisional"),
    ("The regulator has provisionally found that Eastgate Health Ltd broke the law and could be fined £1.2m.",
     "provisional"),
    ("MONETARY PENALTY NOTICE\n\nTo: Fenwick Solar Ltd\n\n1. The Commissioner has decided to issue Fenwick "
     "Solar Ltd with a monetary penalty of £80,000. A notice of intent was issued in March.", "final"),
    ("First-tier Tribunal\nGeneral Regulatory Chamber\n\nBetween:\nPinecrest Marketing Limited\nAppellant\n"
     "and\nThe Information Commissioner\nRespondent\n\nDecision: The appeal against the Monetary Penalty "
     "Notice of £60,000 is dismissed.", "upheld"),
])
def test_status(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text).status == status


def test_provisional_amount_fields(extractor: Extractor) -> None:
    action = main_action(extractor, "The ICO intends to fine Ashby Digital Ltd £750,000 for a breach.")
    assert (action.amount_gbp, action.provisional_amount_gbp, action.final_amount_gbp) == (750_000, 750_000, None)


# ---- the penalised party -------------------------------------------------------------------------
PRESS_STORY = """Care software supplier faces £3m fine

By Jordan Reeve
12 March 2025

The Information Commissioner's Office (ICO) has provisionally decided to fine Brightwave - now known as
OneBrightwave - £3.14m after hackers stole the records of 40,112 people.

The ICO found that Brightwave Software Group Ltd did not have multi-factor authentication on a customer
account. Patients of the NHS and customers of several councils were affected.

As first reported by Care Weekly, NHS England said services had recovered. John Edwards, the Information Commissioner, said the failings
were serious.

Previous post Northfield Council opens new library
Next post Meridian Bank reports record profits
Leave a Reply
"""


def test_party_in_a_press_story_with_boilerplate(extractor: Extractor) -> None:
    action = main_action(extractor, PRESS_STORY, kind="article")
    assert action.organisation == "Brightwave Software Group Ltd"
    assert {"Brightwave", "OneBrightwave"} <= set(action.organisation_aliases)
    assert action.amount_gbp == 3_140_000
    assert action.status == "provisional"
    assert action.subjects_affected == 40_112
    assert action.failures == ["no_mfa"]
    assert action.action_date == "2025-03-12"
    for name in ("NHS", "NHS England", "ICO", "Jordan Reeve", "Northfield Council", "Meridian Bank",
                 "Care Weekly"):
        assert name not in [action.organisation, *action.organisation_aliases]
    for ev in action.evidence.values():
        assert PRESS_STORY[ev.start:ev.end] == ev.sentence


@pytest.mark.parametrize("text, organisation", [
    ("REPRIMAND\n\nThe Information Commissioner issues a reprimand to Elmwood Academy Trust (Elmwood) in "
     "respect of infringements of the UK GDPR. Elmwood sent pupils' reports to the wrong parents.",
     "Elmwood Academy Trust"),
    ("### Facts\n\nIn May 2021, Cobalt Recruitment Ltd (the controller) sent marketing emails. The ICO "
     "found that the controller had no valid consent and fined the controller £40,000.",
     "Cobalt Recruitment Ltd"),
    ("Orchard Travel Limited ('OTL') is a travel agent. Customers of Sunbeam Holidays complained. The ICO "
     "fined OTL £30,000 for unsolicited texts.", "Orchard Travel Limited"),
    ("MONETARY PENALTY NOTICE\n\nTo: Kestrel Finance Limited\nOf: 1 High Street, Leeds\n\n1. The "
     "Information Commissioner has decided to issue Kestrel Finance Limited (Companies House "
     "Registration Number: 01234567) with a monetary penalty of £70,000.", "Kestrel Finance Limited"),
])
def test_party(extractor: Extractor, text: str, organisation: str) -> None:
    assert main_action(extractor, text).organisation == organisation


def test_headline_given_apart_from_the_text_helps_name_the_party(extractor: Extractor) -> None:
    text = ("The regulator said the lender had ignored complaints for months. The company was fined "
            "£40,000 and must stop the texts. Hollins Credit Ltd and Ashbury Loans Ltd both use the same "
            "call centre; Ashbury Loans Ltd was not investigated.")
    action = main_action(extractor, text, title="Hollins Credit Ltd fined £40,000 over spam texts")
    assert action.organisation == "Hollins Credit Ltd"


def test_company_number(extractor: Extractor) -> None:
    text = ("MONETARY PENALTY NOTICE\n\nTo: Kestrel Finance Limited\n\nKestrel Finance Limited (Companies "
            "House Registration Number: 01234567) has been fined £70,000 by the Commissioner.")
    assert main_action(extractor, text).company_number == "01234567"


# ---- action types and headings ------------------------------------------------------------------
@pytest.mark.parametrize("text, action_type", [
    ("ENFORCEMENT NOTICE\n\nTo: Harlow Borough Council\n\nThe Commissioner requires the council to answer "
     "its overdue subject access requests.", "enforcement_notice"),
    ("REPRIMAND\n\nTo: Saint Anne's Primary School\n\nThe Commissioner issues a reprimand to the school.",
     "reprimand"),
    ("A former receptionist was prosecuted by the ICO and pleaded guilty at the magistrates' court to "
     "unlawfully obtaining patient records.", "prosecution"),
    ("Greystone Clinic Ltd has signed an undertaking with the ICO to improve its security.", "undertaking"),
])
def test_action_type(extractor: Extractor, text: str, action_type: str) -> None:
    assert main_action(extractor, text).action_type == action_type


def test_prosecution_with_a_court_fine(extractor: Extractor) -> None:
    text = ("Bramble Leads Ltd was prosecuted by the ICO. Bramble Leads Ltd pleaded guilty and was fined "
            "£2,000 at the magistrates' court; a confiscation order of £48,000 was also made.")
    action = main_action(extractor, text)
    assert (action.action_type, action.amount_gbp) == ("prosecution", 2_000)


def test_metadata_hints_win_when_present(extractor: Extractor) -> None:
    text = "The ICO has taken action against the organisation over a reprimand-worthy breach."
    action = main_action(extractor, text, metadata={"listed_action_type": "reprimand",
                                                     "organisation": "Wexford Housing Trust",
                                                     "listed_date": "2024-03-05"})
    assert (action.organisation, action.action_type, action.action_date) == \
        ("Wexford Housing Trust", "reprimand", "2024-03-05")


# ---- documents that report no action ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # an FOI decision notice
    ("Decision notice\n\nThe complainant asked the public authority for minutes of a meeting under the "
     "Freedom of Information Act 2000 (FOIA). The public authority withheld the requested information "
     "under section 40(2) FOIA. The Commissioner finds that the withheld information is personal data."),
    # a court case between private parties
    ("IN THE HIGH COURT OF JUSTICE\n\nBetween: Ms A Claimant and Holloway Pensions Ltd Defendant\n\n"
     "The Claimants seek damages of £1.2 million from the Defendant after letters were misaddressed. "
     "The Defendant denies liability. The claimants rely on the judgment in an earlier case. The Claimant's "
     "solicitors, instructed by the claimants, argue the Defendant was negligent."),
    # guidance
    ("How to keep personal data secure: use multi-factor authentication, patch systems promptly and "
     "train staff. Organisations should review their retention schedules every year."),
    # the regulator's powers and what might happen, not their use
    ("Hospital records left in a derelict ward\n\nThe Ardmore Trust may be fined after patient files were "
     "found in a closed hospital. The strongest option is a monetary penalty which can be up to £500,000, "
     "an officer said. The regulator is yet to use its fining powers, but it has the power to impose a "
     "penalty on any controller."),
    # a ceiling named with the fine, a negated fine, a fine that a mishap could lead to
    ("Hospital trust faces fine of up to £500,000\n\nA hospital trust faces a fine of up to £500,000 after "
     "notes about 25 patients were found in a street. The regulator is making enquiries."),
    ("Regulator: no GDPR fines in the pipeline\n\nA request by a law firm shows the regulator has issued no "
     "GDPR notices of intent. The mishap at one university could lead to the university being fined."),
])
def test_no_action(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text) == []


# ---- OCR'd notice -----------------------------------------------------------------------------
OCR_NOTICE = """                                   ICO.
                                   Information Commissioner's Office

        DATA PROTECTION ACT 2018 (PART 6, SECTION 155)

                     MONETARY    PENALTY NOTICE

   TO:  Thornbury Legal Services LLP

   OF:  4 Mill Lane, Bristol

1.   The Information Commissioner ("the Commissioner") has decided to issue

     Thornbury Legal Services LLP ("Thornbury") with a penalty. The amount of the monetary pen-
     alty is £64,000 (sixty four thousand pounds).

                                          1,

2.   Thornbury's server had not been updated and ran an unpatched version of its re-
     mote access software.

Dated the 3rd day of February 2023
"""


def test_ocr_notice(extractor: Extractor) -> None:
    action = main_action(extractor, OCR_NOTICE, kind="notice")
    assert action.organisation == "Thornbury Legal Services LLP"
    assert "Thornbury" in action.organisation_aliases
    assert (action.action_type, action.status, action.amount_gbp) == ("monetary_penalty", "final", 64_000)
    assert action.action_date == "2023-02-03"
    assert "unpatched_systems" in action.failures
    ev = action.evidence["amount_gbp"]
    assert OCR_NOTICE[ev.start:ev.end] == ev.sentence and "£64,000" in ev.sentence


# ---- API ----------------------------------------------------------------------------------------
def test_extract_many_matches_extract(extractor: Extractor) -> None:
    docs = [Document(url=f"file:{i}", source="ingest", kind="article", title=None, text=t,
                     published=None, fetched_at="2025-01-01T00:00:00Z")
            for i, t in enumerate([PRESS_STORY, OCR_NOTICE, "Nothing to report here."])]
    many = extractor.extract_many(docs)
    assert [[a.to_json() for a in acts] for acts in many] == \
        [[a.to_json() for a in extractor.extract(d.text, kind=d.kind)] for d in docs]


def test_extract_many_reads_a_large_batch_in_bounded_chunks(extractor: Extractor) -> None:
    """Documents are read a chunk at a time: a batch never sits in memory cleaned all at once."""
    from pipeline.extract.extractor import CHUNK_DOCUMENTS

    pulled = 0

    def documents():
        nonlocal pulled
        for i in range(3 * CHUNK_DOCUMENTS + 5):
            pulled += 1
            text = PRESS_STORY if i % 2 else "Nothing to report here."
            yield Document(url=f"file:{i}", source="ingest", kind="article", title=None, text=text,
                           published=None, fetched_at="2025-01-01T00:00:00Z")

    results = extractor.iter_extract(documents())
    first = next(results)
    assert first == [] and pulled == CHUNK_DOCUMENTS       # one chunk read, not the whole batch
    rest = list(results)
    assert pulled == 3 * CHUNK_DOCUMENTS + 5 and len(rest) == pulled - 1
    # the same answer on each side of a chunk boundary
    expected = [a.to_json() for a in extractor.extract(PRESS_STORY, kind="article")]
    assert all([a.to_json() for a in acts] == expected for acts in rest[::2])


def test_to_json_contract(extractor: Extractor) -> None:
    data = extract_text(PRESS_STORY, kind="article")[0].to_json()
    assert {"organisation", "regulator", "action_type", "status", "amount_gbp", "provisional_amount_gbp",
            "final_amount_gbp", "subjects_affected", "failures", "action_date", "evidence"} <= data.keys()
    assert data["regulator"] == "ICO"
    assert set(data["failures"]) <= TAXONOMY.keys()
    assert all({"sentence", "start", "end"} == set(ev) for ev in data["evidence"].values())
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_empty_and_odd_input(extractor: Extractor) -> None:
    assert extractor.extract("") == []
    assert extractor.extract("   \n\n  ") == []
    assert extractor.extract("£££ 12,34,5 GBP fined") is not None


# ---- word tests run on lower-cased sentences ----------------------------------------------------
@pytest.mark.parametrize("pattern_name", [
    "failures.PREFILTER_RE", "failures.FINDING_RE", "rules.subjects.SUBJECT_CUE_RE",
    "rules.subjects.SINGLE_CUE_RE", "rules.subjects.PEOPLE_WORD_RE", "rules.status.PROVISIONAL_RE",
    "rules.status.UPHELD_RE"])
def test_word_tests_read_lower_cased_text_so_are_written_in_lower_case(pattern_name: str) -> None:
    import importlib
    import re
    module, _, name = f"pipeline.extract.{pattern_name}".rpartition(".")
    pattern = getattr(importlib.import_module(module), name)
    assert not pattern.flags & re.IGNORECASE
    assert not re.search(r"(?<!\\)[A-Z]", pattern.pattern)     # an upper-case letter would never match


def test_capitalised_words_still_count_where_tests_read_lower_cased_text(extractor: Extractor) -> None:
    action = main_action(extractor, "THE INFORMATION COMMISSIONER INTENDS TO FINE FENBURY ESTATES LTD £40,000. "
                                    "The Breach Affected 2,310 Tenants, whose records were Exposed.")
    assert action.status == "provisional"
    assert action.subjects_affected == 2_310
