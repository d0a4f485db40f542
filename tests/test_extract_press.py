"""How UK press copy and regulator news releases phrase an action, and the traps they set.

Every text is written for these tests (invented organisations and people). The rows cover the verb
frames a reporter or a press office uses ("decided to fine X £N", "X, based in Y, has been fined",
"X's ICO bill lands at £N", "will pay the final penalty of £N"), the figures that are not the
penalty (confiscation orders, statutory maximums, early-payment discounts), the right of appeal
that is not an appeal, and documents that report two actions (a penalty and an enforcement notice).
"""
from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.roles import clean_name, is_blocked
from pipeline.extract.rules.action_type import COURT_CASE_RE
from pipeline.extract.rules.enforcement import says_no_action, speaks_of_enforcement
from pipeline.extract.rules.party import (
    CALLED_RE,
    FINDING_SUBJECT_RE,
    PARTY_PATTERNS,
    captured_name,
    tidy_name,
    trim_name,
)
from pipeline.models import Document

# What an ICO news listing says of every release: "News", which names no action type.
NEWS_LISTING = {"listed_action_type": "other", "listed_type": "News"}


def main_action(extractor: Extractor, text: str, **kw):
    actions = extractor.extract(text, **kw)
    assert actions, "expected an enforcement action"
    return actions[0]


# ---- verb frames: who, what, how much, which status --------------------------------------------------
@pytest.mark.parametrize("title, text, organisation, action_type, status, amount", [
    # a regulator's release announcing a provisional decision
    ("Provisional decision to fine care software supplier",
     "The ICO has provisionally decided to fine Kestrel Care Systems £4.12m over security failings.\n\n"
     "We have provisionally decided to fine Kestrel Care Systems Ltd (Kestrel) £4.12m. Our provisional "
     "view is that it failed to protect the personal information of 51,200 people.",
     "Kestrel Care Systems Ltd", "monetary_penalty", "provisional", 4_120_000),
    # "X, based in Y, has been fined": the place in the appositive is not the party
    ("Wigan lettings agent fined after data breach",
     "Marsh & Reed Ltd, based in Wigan, has been fined £40,000 by the Information Commissioner's Office "
     "after tenants' passports were left on an open server.",
     "Marsh & Reed Ltd", "monetary_penalty", "final", 40_000),
    # "X, the firm whose ..., faces a fine of £N": an appositive with another organisation in it
    ("Payroll firm faces £2.2m penalty",
     "Orbital Payroll Group, the firm whose outage left NHS Wales staff unpaid for a week, faces a fine "
     "of £2.2m from the Information Commissioner's Office.",
     "Orbital Payroll Group", "monetary_penalty", "provisional", 2_200_000),
    # "wants to fine X, the ..., about £N"
    ("Regulator lines up fine for software house",
     "Britain's data regulator wants to fine Fenwick, the software house behind several council "
     "housing systems, about £3m.",
     "Fenwick", "monetary_penalty", "provisional", 3_000_000),
    # "has been told to pay a £N penalty": settled, so final
    ("Forum operator told to pay", "Greystone Forums Ltd has been told to pay a £250,000 penalty by the "
     "Information Commissioner's Office for processing children's data without a lawful basis.",
     "Greystone Forums Ltd", "monetary_penalty", "final", 250_000),
    # "£N data penalty" with no "penalty of": the figure before the noun
    ("Software firm faces data penalty",
     "Brightside Analytics Ltd faces a £1.75m data penalty from the Information Commissioner's Office "
     "over a 2023 breach.",
     "Brightside Analytics Ltd", "monetary_penalty", "provisional", 1_750_000),
    # "ordered to pay £N by the watchdog", "slapped X with a £N fine", "set at £N"
    ("Builder ordered to pay", "Brookfield Homes Ltd has been ordered to pay £45,000 by the data watchdog "
     "for nuisance calls.", "Brookfield Homes Ltd", "monetary_penalty", "final", 45_000),
    ("Watchdog slaps builder with fine", "The data watchdog has slapped Brookfield Homes Ltd with a £45,000 "
     "fine.", "Brookfield Homes Ltd", "monetary_penalty", "final", 45_000),
    ("Builder's penalty set", "The penalty for Brookfield Homes Ltd was set at £45,000 after months of "
     "complaints.", "Brookfield Homes Ltd", "monetary_penalty", "final", 45_000),
    # a court's fine after the ICO's prosecution is a prosecution, and the person is the party
    ("Former clerk fined", "Gareth Lowe, a former clerk at Brookfield Homes Ltd, was prosecuted by the ICO "
     "and fined £300 at Leeds Magistrates' Court for taking customer records.",
     "Gareth Lowe", "prosecution", "final", 300),
])
def test_verb_frames(extractor: Extractor, title: str, text: str, organisation: str, action_type: str,
                     status: str, amount: int) -> None:
    action = main_action(extractor, text, title=title, kind="article")
    assert (action.organisation, action.action_type, action.status, action.amount_gbp) == (
        organisation, action_type, status, amount)


def test_a_news_listing_names_no_action_type(extractor: Extractor) -> None:
    """A release listed as "News" is still read for its action: the listing says nothing of it."""
    text = ("We have fined Pelham Dental Group Ltd £65,000 after patient records were sent to the wrong "
            "practice for two years.")
    action = main_action(extractor, text, title="Dental group fined", kind="press_release",
                         metadata=NEWS_LISTING)
    assert (action.action_type, action.amount_gbp, action.status) == ("monetary_penalty", 65_000, "final")


def test_final_release_prefers_exact_figure_and_recalls_provisional(extractor: Extractor) -> None:
    """The headline's "£2.1m" gives way to the exact £2,104,750; the recalled £4.5m is provisional."""
    text = ("Harrow Lane Logistics Ltd fined £2.1m; 30,118 people's data was taken.\n\n"
            "We have fined Harrow Lane Logistics Ltd (Harrow) £2.1m for security failings that exposed the "
            "personal information of 30,118 people.\n\n"
            "We announced a provisional penalty of £4.5m in May. We reduced it after considering the "
            "company's representations. Harrow agreed a settlement and will pay the final penalty of "
            "£2,104,750 without appeal.")
    action = main_action(extractor, text, title="Logistics firm fined £2m", kind="press_release",
                         metadata=NEWS_LISTING)
    assert action.amount_gbp == action.final_amount_gbp == 2_104_750
    assert action.provisional_amount_gbp == 4_500_000
    assert action.status == "final"        # "without appeal" is no appeal
    assert action.subjects_affected == 30_118
    assert "2,104,750" in action.evidence["amount_gbp"].sentence


def test_proposed_figure_named_after_the_amount(extractor: Extractor) -> None:
    """ "roughly half the £5.2m it proposed last year": the recalled figure is the provisional one."""
    text = ("Tolland Health Ltd's ICO penalty settled at £2.61m. The Information Commissioner's Office has "
            "fined Tolland Health Ltd £2.61m, roughly half the £5.2m it proposed last year.")
    action = main_action(extractor, text, kind="article")
    assert (action.amount_gbp, action.provisional_amount_gbp, action.status) == (2_610_000, 5_200_000, "final")


@pytest.mark.parametrize("text, action_type", [
    ("Westmoor Academy Trust has been reprimanded by the Information Commissioner's Office after a "
     "spreadsheet of pupils' medical needs was emailed to all parents.", "reprimand"),
    ("A court has made a £31,000 confiscation order against Dean Halloran following a prosecution "
     "brought by the ICO.", "prosecution"),
])
def test_press_reports_of_concluded_actions_are_final(extractor: Extractor, text: str, action_type: str) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.status) == (action_type, "final")


def test_bill_lands_at_with_a_read_more_line(extractor: Extractor) -> None:
    """Press shorthand for a settled penalty; the "Read more" headline inside the body is another story."""
    title = "Kestrel's ICO bill for 2023 breach lands at £1.8m"
    text = ("Kestrel Care will pay the Information Commissioner's Office £1.8m over the 2023 breach of its "
            "scheduling platform, well under the figure first proposed.\n"
            "Read more: ICO lines up £4m fine for care supplier Kestrel\n"
            "The watchdog now says 12,345 people had their data taken. The company agreed to settle rather "
            "than appeal.")
    action = main_action(extractor, text, title=title, kind="article")
    assert (action.organisation, action.action_type, action.amount_gbp) == (
        "Kestrel Care", "monetary_penalty", 1_800_000)
    assert action.status == "final"
    assert action.subjects_affected == 12_345


# ---- prosecutions: a person can be the party; a confiscation order is no penalty -----------------------
@pytest.mark.parametrize("title, text, person", [
    ("£120,000 confiscation order after ICO prosecution of Jonathan Pike",
     "A court has made a £120,000 confiscation order against Jonathan Pike following a prosecution "
     "brought by the Information Commissioner's Office.\nIt is not a fine: the order recovers money "
     "gained through crime.", "Jonathan Pike"),
    ("Former insurance clerk prosecuted",
     "After an ICO prosecution, the court made a £9,400 confiscation order against Amira Docherty under "
     "the Proceeds of Crime Act 2002. It is a confiscation order, not a penalty set by the Commissioner.",
     "Amira Docherty"),
])
def test_prosecution_of_a_person(extractor: Extractor, title: str, text: str, person: str) -> None:
    action = main_action(extractor, text, title=title, kind="article")
    assert action.action_type == "prosecution"
    assert action.organisation == person          # never "It", never the court
    assert action.amount_gbp is None              # a confiscation order is not a penalty


# ---- status: a right of appeal is not an appeal ---------------------------------------------------------
@pytest.mark.parametrize("text, status", [
    ("PENALTY NOTICE\n\nTo: Ridgeway Travel Ltd\n\nThe Commissioner has decided to impose a penalty of "
     "£80,000. Ridgeway Travel Ltd may appeal against this notice to the First-tier Tribunal (General "
     "Regulatory Chamber) within 28 days.", "final"),
    ("PENALTY NOTICE\n\nTo: Ridgeway Travel Ltd\n\nThe Commissioner has decided to impose a penalty of "
     "£80,000. You have the right to appeal to the First-tier Tribunal. If you appeal, the penalty need "
     "not be paid until the appeal is decided.", "final"),
    ("The ICO fined Ridgeway Travel Ltd £80,000 in March. Ridgeway Travel Ltd has appealed against the "
     "penalty to the First-tier Tribunal.", "appealed"),
    ("The ICO fined Ridgeway Travel Ltd £80,000 in March. The company has not appealed.", "final"),
])
def test_right_of_appeal_is_not_an_appeal(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text).status == status


# ---- figures that are not the penalty, in press copy ------------------------------------------------------
@pytest.mark.parametrize("text, amount", [
    ("Lowther Homes Ltd faces a fine of £1.2m from the ICO. The most the regulator can impose is £17.5m "
     "or 4% of global turnover.", 1_200_000),
    ("Castlegate Energy Ltd has been fined £200,000 by the ICO for nuisance calls. The penalty will be "
     "reduced to £160,000 if paid within 28 days.", 200_000),
    ("Castlegate Energy Ltd has been fined £200,000 by the ICO; an early payment discount would bring "
     "it to £160,000.", 200_000),
    # the payment's condition before the figure: no reduction either
    ("Castlegate Energy Ltd has been fined £200,000 by the ICO. If it is paid in full by 7 May the fine "
     "will be reduced by 20 percent to £160,000.", 200_000),
    ("Castlegate Energy Ltd has been fined £200,000 by the ICO. The firm may have a 20 per cent reduction "
     "taking it down to £160,000 if the payment is made before 13 February.", 200_000),
    # a firm described by where it is, after the figure, is no other party
    ("The ICO has imposed a fine of £120,000 on a Fenland-based claims firm that sent five million texts. "
     "The fine will be reduced by 20% to £96,000 if payment is made by 4 June, Castlegate Claims said.", 120_000),
    # the early-payment figure a headline repeats, and its rounding, give way to the penalty imposed
    ("Police force pays £120,000 penalty for data breach\n\nThe ICO has slapped Fenland Police with a £120,000 "
     "penalty. The ICO imposed a penalty of £150,000. Fenland Police paid it yesterday, taking advantage of a 20 "
     "per cent early payment discount (£120,000).", 150_000),
    ("Fenland Justice Department fined almost £150,000\n\nThe department has been fined almost £150,000 after "
     "files were lost. It confirmed it had been fined £185,000 by the ICO. The penalty was discounted to "
     "£148,000 for early payment.", 185_000),
    # ... also when the text never calls the paid figure a discount: exactly 80% of the penalty, paid
    ("Marshford Hospitals NHS Trust has settled its data protection fine by paying £260,000.\n\nThe ICO had "
     "fined the trust £325,000 in June. A payment of £260,000 was made before the deadline.", 325_000),
    # a cut of another party's penalty, recalled for context, is not this party's
    ("The ICO has fined Marshford Tickets Ltd £1.25 million for failing to keep card data secure. Weeks ago the "
     "regulator lowered its fine for Ousebridge Hotels over a breach to £18.4m, from a £99 million fine issued "
     "in 2019.", 1_250_000),
])
def test_press_figures_that_are_not_the_penalty(extractor: Extractor, text: str, amount: int) -> None:
    assert main_action(extractor, text, kind="article").amount_gbp == amount


@pytest.mark.parametrize("text, amount", [
    # paying promptly is the early-payment discount, not a reduction
    ("Fenland Council has received a £70,000 fine after its parking system exposed 89,000 people. The council "
     "could have appealed against the penalty. Prompt payment by the council has seen the fine reduce to £56,000.",
     70_000),
    # a place after a described firm is no other party
    ("Finance firm fined for sending spam texts\n\nA finance firm from Fenland has been fined £30,000 after "
     "sending 65,000 spam texts in four months.\n\nThe firm, Loanfinder247, was investigated by the ICO.", 30_000),
    # one group penalised together: its sum is the figure when the text gives no other ...
    ("The ICO has fined Fenland Water Plc and its parent company Fenland Plc a combined £963,900 following a "
     "cyber attack.", 963_900),
    # ... but a round-up's total is no one firm's
    ("Fenland Market in Ely and Marsh Texts in March were fined a total of £120k for sending spam texts.", None),
    ("The ICO has issued £480,000 in financial penalties to four businesses that made marketing calls. Fenland "
     "Marketing Ltd made 500,000 calls and was penalised £100,000.", 100_000),
])
def test_sums_and_discounts_in_press_copy(extractor: Extractor, text: str, amount: int | None) -> None:
    assert main_action(extractor, text, kind="article").amount_gbp == amount


# ---- two actions in one document ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The ICO has fined Canal Street Leads Ltd £90,000 for nuisance calls. The ICO also issued Canal Street "
    "Leads Ltd with an enforcement notice ordering it to stop making the calls.",
    "On 3 May 2023 the ICO issued a monetary penalty of £90,000 and an enforcement notice to Canal Street "
    "Leads Ltd for contravening regulation 21 of PECR.",
])
def test_penalty_and_enforcement_notice(extractor: Extractor, text: str) -> None:
    actions = extractor.extract(text)
    assert [a.action_type for a in actions] == ["monetary_penalty", "enforcement_notice"]
    assert actions[0].amount_gbp == 90_000 and actions[1].amount_gbp is None
    assert actions[0].organisation == actions[1].organisation == "Canal Street Leads Ltd"
    ev = actions[1].evidence["action_type"]
    assert "enforcement notice" in ev.sentence and text[ev.start:ev.end] == ev.sentence


def test_enforcement_notice_page_that_also_reports_a_fine(extractor: Extractor) -> None:
    text = ("Pryor Pensions Ltd made unlawful pension marketing calls.\n\nPryor Pensions Ltd called people "
            "about their pensions without being authorised. We fined it £55,000 and this enforcement notice "
            "orders it to stop making such calls.")
    actions = extractor.extract(text, title="Pryor Pensions Ltd", kind="enforcement_page",
                                metadata={"listed_action_type": "enforcement_notice"})
    assert [(a.action_type, a.amount_gbp) for a in actions] == [("enforcement_notice", None),
                                                               ("monetary_penalty", 55_000)]


@pytest.mark.parametrize("text", [
    # a conditional fine is not a second action
    "ENFORCEMENT NOTICE\n\nTo: Pryor Data Ltd\n\nThe Commissioner requires Pryor Data Ltd to stop sending "
    "marketing emails without consent. A fine may be imposed if the company does not comply with this notice.",
    # a preliminary enforcement notice is a proposal
    "The ICO has fined Pryor Data Ltd £30,000. It had earlier issued a notice of intent and a preliminary "
    "enforcement notice to the company.",
    # an enforcement notice that might follow
    "The ICO has fined Pryor Data Ltd £30,000 and said it could also issue an enforcement notice.",
])
def test_no_second_action_for_conditional_or_preliminary_notices(extractor: Extractor, text: str) -> None:
    assert len(extractor.extract(text)) == 1


def test_notice_heading_beats_the_listed_type_of_its_page(extractor: Extractor) -> None:
    """An EN's PDF hangs off a page listed as a penalty; its own heading says what it is."""
    text = ("ENFORCEMENT NOTICE\nTo: Larch Mail Ltd\n1. Larch Mail Ltd instigated unsolicited marketing emails "
            "in contravention of regulation 22 of PECR.")
    action = main_action(extractor, text, kind="notice", metadata={"listed_action_type": "monetary_penalty"})
    assert action.action_type == "enforcement_notice"


def test_extract_many_passes_the_outlet(extractor: Extractor) -> None:
    """The outlet a story is published by is never its party, even when it names itself in the text."""
    doc = Document(url="http://127.0.0.1/x", source="test", kind="article", title="Clinic fined",
                   text="Harbour Wire understands that Seaview Clinics Ltd has been fined £12,000 by the ICO. "
                        "Harbour Wire has asked Harbour Wire readers for comment.",
                   published="2025-01-02", fetched_at="2025-01-02T00:00:00Z", outlet="Harbour Wire")
    [actions] = extractor.extract_many([doc])
    assert actions[0].organisation == "Seaview Clinics Ltd"


def test_a_notice_credits_no_outlet_and_footnote_marks_make_no_party(extractor: Extractor) -> None:
    """"the costs reported by X" in a notice names the party, not a publication; "Guidance6" is a
    footnote mark stuck to a document's name."""
    text = ("PENALTY NOTICE\nTO: Kinloch Records\nOF: 4 Harbour Row, Leith\n"
            "1. The Commissioner requires Kinloch Records to pay a monetary penalty of £12,000.\n"
            "2. In light of the support costs reported by Kinloch Records, and in accordance with his Data "
            "Protection Fining Guidance6, the Commissioner has decided to impose a penalty of £12,000.")
    action = main_action(extractor, text, kind="notice")
    assert (action.organisation, action.amount_gbp) == ("Kinloch Records", 12_000)


@pytest.mark.parametrize("name, blocked", [
    ("Fining Guidance6", True), ("Guidance6", True), ("Regulatory Action Policy2", True),
    ("Policy Exchange Ltd", False), ("It", True), ("We", True), ("Jonathan Pike", False),
    # a generic first word, but a company's own form at the end; a name of one letter and a digit
    ("The Data Supply Company", False), ("Data Protection", True), ("Penalty Notice", True),
    ("A4e", False), ("2.0", True),
    # the regulator under any name, and its officers; another commissioner may be a party
    ("UK ICO", True), ("Commissioner John Edwards", True), ("Deputy Commissioner", True),
    ("Welsh Language Commissioner", False),
    ("Federal Trade Commission", True), ("CNIL", True),                 # regulators abroad, quoted beside a case
    # a trade body quoted on marketing cases, a product, a kind of workplace
    ("Direct Marketing Association", True), ("PPI", True), ("Call Centre", True),
    # a description with its article, a person's kind said alone
    ("A GP", True), ("A COUNCIL in Yorkshire", True), ("Man", True), ("Lawyer", True),
    ("A Plus Lettings Ltd", False), ("Manchester City Council", False),
    # a heading's sanction words: "Summary of Monetary Penalty Notices in March"
    ("Monetary Penalty Notices", True), ("Civil Monetary Penalties", True), ("Notices of Intent", True),
    # a table's header; a name with one such word
    ("Organisation Name Date of Penalty Notice Registration Number Payment Tier", True),
    ("Name Brand Ltd", False), ("Fenland Date Company", False),
])
def test_names_that_are_never_a_party(name: str, blocked: bool) -> None:
    from pipeline.extract.extractor import is_blocked_name
    assert is_blocked_name(name) is blocked


@pytest.mark.parametrize("text, action_type", [
    # An enforcement notice that ends with the usual threat of a fine is still an enforcement notice.
    ("The regulator found that Harbour Leads Ltd had bought marketing lists without valid consent. "
     "The ICO therefore requires that Harbour Leads Ltd complies with the following within 28 days: "
     "stop sending marketing emails to people on the purchased lists. "
     "A fine may be imposed if the company does not comply.", "enforcement_notice"),
    ("The ICO requires Brightwater Homes to comply with the steps below within three months. "
     "Failure to comply with the notice could lead to a monetary penalty.", "enforcement_notice"),
    # ...whereas a fine that was imposed stays a fine, even next to a conditional sentence.
    ("The ICO has fined Harbour Leads Ltd £80,000 for sending 400,000 spam emails. "
     "A further fine may be imposed if it does not stop.", "monetary_penalty"),
    # A prosecution threatened, or a court that only could follow, is no prosecution.
    ("Fenland Homes and 13 other firms told to clean up or face prosecution\n\nThe ICO has served enforcement "
     "notices on Fenland Homes Ltd and 13 other builders. Should the firms fail to adhere to the notices, they "
     "could face prosecution.", "enforcement_notice"),
    ("The ICO has warned the Fenland Party to stop using automated calls or face possible prosecution. "
     "The ICO issued the party with an enforcement notice today.", "enforcement_notice"),
    # A fine the regulator chose not to impose; the press's "enforcement order" is the notice.
    ("Rather than punish Fenland City Council with a fine, the ICO has instead chosen to issue an enforcement "
     "order which demands all staff be trained within 50 days.", "enforcement_notice"),
    # What the regulator says it should have fined is a fine not imposed: the reprimand is the action.
    ("ICO: Marshford Department Should Have Been Fined £10m\n\nThe Marshford Department has escaped a large "
     "fine. The Information Commissioner's Office (ICO) has formally reprimanded the department after pupils' "
     "records were misused.", "reprimand"),
])
def test_a_threatened_fine_is_not_a_fine(extractor: Extractor, text: str, action_type: str) -> None:
    assert main_action(extractor, text).action_type == action_type


@pytest.mark.parametrize("head, tail", [
    ("Northgate Cloud", "Hosting Group Ltd"),
    ("Harbour Digital", "Records Services Ltd"),
])
def test_a_name_cut_by_a_line_break_is_not_an_alias(extractor: Extractor, head: str, tail: str) -> None:
    full = f"{head} {tail}"
    short = head.split()[0]
    text = (f"MONETARY PENALTY NOTICE\n\nTo: {full}\n\n1. The Commissioner has decided to require {head}\n"
            f"{tail} (\"{short}\", now trading as \"One{short}\") to pay a monetary penalty under "
            f"section 155 of the Data Protection Act 2018.\n2. The amount of the penalty is £120,000.\n")
    action = main_action(extractor, text, kind="notice")
    assert action.organisation == full
    assert tail not in action.organisation_aliases


# ---- people affected and dates, as press writes them (invented organisations) -------------------------
def test_people_affected_is_this_cases_total_and_exact(extractor: Extractor) -> None:
    text = ("The ICO has fined Northwind Hotels Ltd £2m after a breach.\n\n"
            "Approximately 120 million guest records were compromised, of which around 3 million "
            "related to UK residents.\n\n"
            "In October the regulator fined Contoso Services £9 million after hackers stole the "
            "personal data of 6.6 million people.")
    action = main_action(extractor, text, kind="article")
    assert action.subjects_affected == 120_000_000


def test_exact_count_beats_the_rounded_one(extractor: Extractor) -> None:
    text = ("Fabrikam Police has been fined £500,000 for a breach which exposed the details of some "
            "9,500 staff.\n\nThe breach released the names and ranks of all 9,467 officers and staff.")
    assert main_action(extractor, text, kind="article").subjects_affected == 9_467


def test_action_date_from_the_sentence_not_the_breach(extractor: Extractor) -> None:
    text = ("Widget Software fined £1.2m\n\nIn August 2022, hackers gained access to the systems of "
            "Widget Software Ltd.\n\nOn 20th November 2025, the ICO fined Widget Software Ltd £1.2 "
            "million for failing to keep the data secure.")
    assert main_action(extractor, text, kind="article").action_date == "2025-11-20"


# ---- what did not happen (invented organisations) --------------------------------------------------
@pytest.mark.parametrize("text, amount", [
    ("The ICO fined Harbour Clinics Ltd £60,000. Under the old law the fine could have been as high as "
     "£200,000.", 60_000),
    ("The ICO had initially proposed a £6.09m fine. Northgate Software settled for £3.09m, the ICO said, "
     "after it fined the firm.", 3_090_000),
    ("The ICO fined Lakeside Homes Ltd £40,000. It had been threatened with a £500,000 penalty.", 40_000),
    ("The ICO intends to fine Marlow Hotels £99,200,936. The Marlow fine follows the ICO's proposed "
     "£183,390,000 fine on Skyline Airways a day earlier.", 99_200_936),
])
def test_figures_that_are_not_the_action(extractor: Extractor, text: str, amount: int) -> None:
    assert main_action(extractor, text, kind="article").amount_gbp == amount


def test_a_headlines_described_figure_leaves_the_evidence_to_the_story(extractor: Extractor) -> None:
    """ "handed £98,000 data breach fine" in a headline finds the figure, but the sentence a journalist
    quotes is the story's own."""
    action = main_action(extractor, "Law firm handed £98,000 data breach fine\n\nThe Information Commissioner's "
                         "Office has fined Fenland Solicitors £98,000 after a ransomware attack.", kind="article")
    assert action.amount_gbp == 98_000
    assert action.evidence["amount_gbp"].sentence.startswith("The Information Commissioner's Office has fined")


@pytest.mark.parametrize("text, action_type, amount", [
    # a sum of several cases' fines is nobody's fine
    ("ICO issues fines totalling £150,000 to two lead generators\n\nLeadspring Ltd has been fined £90,000 and "
     "Callwise Ltd has received a £60,000 fine for nuisance calls.", "monetary_penalty", 90_000),
    # a court's costs and surcharge are not the fine; the director's fine is not the company's
    ("Quickcash Direct Ltd was prosecuted for failing to register with the ICO. Its director, Mr Alan Byrne, "
     "was fined £150. Quickcash Direct Ltd was fined £500 and has also been ordered to pay £1,010.66 towards "
     "prosecution costs and a £50 victims’ surcharge at Leeds Magistrates’ Court.", "prosecution", 500),
    # costs are no fine, and a surcharge the next clause orders is not this figure's
    ("Jane Marsh, of Wisbech, was given a conditional discharge at Fenland Magistrates' Court and ordered to "
     "pay £614 prosecution costs after pleading guilty to unlawfully obtaining data.", "prosecution", None),
    ("A former Fenland Waste employee was prosecuted at Wisbech Magistrates' Court for unlawfully obtaining "
     "customer data. He was fined £300, ordered to pay a victim surcharge of £30 and £405.85 costs.",
     "prosecution", 300),
    # press's verbs of paying, and words between the figure and "fine"; a place with a kind of body
    # after "for" is where the party is, not another party
    ("ICO Slaps Fenland City Council With Hefty Data Breach Fine\n\nThe Information Commissioner's Office "
     "(ICO) has told Fenland City Council to cough up £120,000 after a serious breach of the Act.",
     "monetary_penalty", 120_000),
    ("Spreadsheet error leads to £70K data breach fine for London council\n\nMarsh Borough Council will not "
     "appeal a 70,000 data breach fine handed to it by the Information Commissioner's Office (ICO).",
     "monetary_penalty", 70_000),
    # ... nor one the fine comes "with": the surcharge and costs are added to it, not what it is
    ("A former Fenland 111 call handler was prosecuted at Ely Magistrates' Court for accessing patient records. "
     "He was fined £630 with a victim surcharge and court costs totalling £1,093.", "prosecution", 630),
    # a fine considered and not imposed, in a story about a reprimand
    ("The ICO has issued a reprimand to Fenland Harbour Board after officers shared data on personal phones. "
     "A fine of £400,000 was considered, but fines on public bodies come out of the public purse.",
     "reprimand", None),
    # another organisation's fine, told with it as the subject
    ("Owen Lettings pleaded guilty at Bangor Magistrates’ Court to processing data without registering with "
     "the ICO. Elsewhere, Gwynedd County Council was recently fined £120,000 for a breach.", "prosecution", None),
    # a figure for several parties, a milestone of the regulator's
    ("ICO fines two companies £225,000 for nuisance messages\n\nLeadspring Ltd was fined £120,000 for sending "
     "texts. Mailwise Ltd was fined £105,000 for sending emails.", "monetary_penalty", 120_000),
    ("ICO breaks £1m milestone as two councils fined\n\nFenland Council was handed a £100,000 penalty after "
     "papers were stolen.", "monetary_penalty", 100_000),
    # several parties' sum, however it is worded
    ("ICO Fines Two Home Improvement Companies £250,000\n\nFenland Windows Ltd has been fined £150,000 and "
     "Marsh Doors Ltd £100,000 for calls to people on the TPS.", "monetary_penalty", 150_000),
    ("ICO fines spam-happy companies £600,000\n\nThe companies must cumulatively pay a fine of £600,000. "
     "Fenland Claims Ltd has been fined £250,000 for automated calls.", "monetary_penalty", 250_000),
    # the opening's prosecution outweighs the earlier penalty the story recounts
    ("ICO prosecution after company ignores an enforcement notice\n\nThe ICO has prosecuted a double-glazing "
     "company for breaching an enforcement notice. Sunrise Glazing Ltd was given a £40,000 monetary penalty and "
     "an enforcement notice in 2016. The firm has now been prosecuted and was fined £300 at Cardiff Magistrates’ "
     "Court.", "prosecution", 300),
    # "without" negates its own noun only: the consent is missing, the fine is not
    ("Millions of robocalls without consent end in top fine\n\nThe regulator has fined Glenvale Dialling Ltd "
     "£400,000 for automated calls.", "monetary_penalty", 400_000),
    # "from" far before a figure is no "reduced from £X"
    ("A Preston firm which phoned people from a hidden number has been fined £35,000 by the ICO.",
     "monetary_penalty", 35_000),
    # the verb's figure after a description of the party
    ("The ICO stepped up its work on marketing, fining Wheelright, the country's best-known chain of cycle and car accessory shops, "
     "£45,000 for sending marketing emails.", "monetary_penalty", 45_000),
    # a figure written in words
    ("The watchdog hit sole trader Ravi Mehta with a 150,000 pound ($190,000) fine for spam texts.",
     "monetary_penalty", 150_000),
    # the early-payment figure "if it pays" is no penalty; a party "slapped with" a fine is another case;
    # a product named before "has been fined" is no other organisation
    ("The ICO has fined Fenland College £120,000 for a security breach. The ICO said it would reduce the "
     "penalty by 20% to £96,000 if the college pays by 15 June and does not appeal.", "monetary_penalty", 120_000),
    ("Marsh Energy Ltd was hit with a £125,000 penalty, whilst Coast Claims Ltd was slapped with a £100,000 "
     "fine for the same calls.", "monetary_penalty", 125_000),
    ("A company behind 40 million calls about PPI has been fined £350,000 by the ICO. The firm, Fenland "
     "Rights Ltd, made the calls from Bradford.", "monetary_penalty", 350_000),
    # "found guilty" of a breach, in a story that names no court, is the press's word for a penalty
    ("A five figure fine has been imposed on Fenland Police after they were found guilty of exposing the "
     "names of victims. The ICO handed the force the £80,000 fine after a bulk email error.",
     "monetary_penalty", 80_000),
    # a fine the party avoided is not its action; a news sidebar after the story is not the story
    ("Council rapped for data protection failings\n\nThe regulator has served an enforcement notice on Marsh "
     "Council, which avoided a fine, ordering it to train its staff within six months. The council failed "
     "to act on two audits that told it to train staff and to adopt a policy for working at home, and a "
     "laptop holding a child's medical reports was later stolen from an employee's car.\n\nLatest news\n\n"
     "Texting firm fined £200,000 for spam", "enforcement_notice", None),
])
def test_type_and_figure_of_this_action(extractor: Extractor, text: str, action_type: str,
                                        amount: int | None) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == (action_type, amount)


def test_the_penalty_power_of_the_1998_act_names_a_penalty(extractor: Extractor) -> None:
    """A summary may name no fine, only that "the conditions of section 55A are met": the power
    to serve a monetary penalty notice."""
    text = ("Fenland Tracing Ltd sent marketing emails to 80,000 subscribers without their consent. The ICO "
            "held that Fenland Tracing Ltd failed to comply with regulation 22 of PECR, so the conditions of "
            "section 55A of the DPA are met.")
    assert main_action(extractor, text, kind="article").action_type == "monetary_penalty"


@pytest.mark.parametrize("text, person, amount", [
    ("Latest data protection prosecution\n\nA former receptionist at a GP surgery in Fenton has been prosecuted "
     "by the ICO for unlawfully obtaining medical records. Appearing at Fenton Magistrates' Court on 12 March, "
     "Mary Blake was prosecuted under section 55 of the Data Protection Act. She was fined £750 and ordered to "
     "pay £400 prosecution costs.", "Mary Blake", 750),
    ("A former trainee secretary at a surgery has been fined after she admitted unlawfully reading the records "
     "of 231 patients. Jane Holt was employed at the Fenton Medical Practice. She was fined £350.", "Jane Holt",
     350),
])
def test_a_person_prosecuted_for_obtaining_data(extractor: Extractor, text: str, person: str,
                                                amount: int) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type, action.amount_gbp) == (person, "prosecution", amount)


def test_a_page_about_no_action_is_not_an_action(extractor: Extractor) -> None:
    text = ("Regulator will not take action over the Defence data leak\n\n"
            "The Information Commissioner's Office said it was not imposing a fine on the Ministry of "
            "Defence and was not exercising its powers to serve an enforcement notice.\n\n"
            "In 2023 the ministry was fined £350,000 for a separate email incident.")
    assert extractor.extract(text, kind="article") == []


@pytest.mark.parametrize("text", [
    # statistics: every cue counts many actions, and the only names are the publisher's
    "ICO issued £640,000 of fines to nuisance callers\n\nThe regulator issued 27 fines in the year, figures "
    "obtained by Brightline Analytics show. The fines were issued to eleven separate companies. The biggest "
    "fines went to firms selling boiler cover.",
    # a guide to a sanction: general statements and questions
    "What is a reprimand?\n\nA reprimand is a formal letter from the ICO. Reprimands are now published on "
    "the regulator's website. Most reprimands have gone to public bodies, Brightline Analytics notes.",
    # a breach that may lead to a fine, and calls for one
    "Fenland Rovers FC says supporters' emails were exposed\n\nThe club has been called on to apologise and "
    "campaigners called on the ICO to fine the club. The ICO is able to fine an organisation up to £17.5m. "
    "Previously, another club was fined £40,000 for a similar leak.",
    # a fine a party only "faces", with no figure; a maximum that "could be"; one said to be unlikely
    "Fenland Ambulance Service loses patient data again\n\nThe service has reported the loss to the ICO, which is "
    "now investigating. As it is not the first time, it now faces an ICO fine.",
    "Could the ICO really fine the Fenland Assembly half a billion pounds?\n\nAny fine would be based on the "
    "Assembly's turnover and the maximum fine could be £0.5bn. Even the memorandum says that a fine of this "
    "level is extremely unlikely.",
    # another regulator's sanction, told in the same words
    "Hearing firm fined over cold calls\n\nFenland Hearing Ltd was fined £220,000 by the Ministry of Justice's "
    "claims management regulator for making unsolicited calls to people on the TPS.",
    "Window firm fined for pressure selling\n\nFenland Windows Ltd was prosecuted by Trading Standards and "
    "fined £36,000 at Fenland Crown Court for cold calling elderly people.",
    "Bookmaker fined $50k for spam texts\n\nFenbet has been fined $50,172 by the Australian Communications and "
    "Media Authority (ACMA) for breaking spam rules.",
    "Four private investigators jailed for blagging\n\nFour investigators were prosecuted by the Serious Organised "
    "Crime Agency (SOCA) and jailed for obtaining data by deception.",
    # a body that may itself be an ICO party, named as the one that fined
    "Party fined over election spending\n\nThe Fenland Party has been fined £70,000 by the Electoral Commission "
    "for breaking election expense rules. The commission's report highlights numerous failures.",
    # unnamed organisations fined for not paying the fee, counted notices of intent, the fee itself
    "ICO issues first fines for non-payment of the data protection fee\n\nThe ICO has issued the first fines to "
    "organisations across a range of sectors. These first organisations have been fined for not renewing their "
    "fees. More than 900 notices of intent to fine have been issued since September. Organisations are required "
    "to pay the ICO an annual data protection fee unless they are exempt.",
    # a total, an average, companies fined without a name or a count; the regulator's practice
    "Since August 2015, the ICO has fined companies approximately £8.8 million for spam, figures compiled by "
    "Brightline Analytics show. The total ICO fines issued since then come to £8,794,251. The average fine by "
    "breach type is set out below.",
    "UK data spillers fined, but enforcement slows\n\nBrightline Analytics says the ICO's fine enforcement "
    "practices are getting worse.",
    # a sanction a condition supposes; parties counted vaguely; how often; a sanction in general mid-sentence
    "Regulatory reprimands are now going public\n\nIf you received a regulatory reprimand in 2022 it may now be in the public domain. "
    "Until now organisations only faced the limelight if they received an enforcement notice or fine.",
    "NHS snooping on the rise\n\nThe ICO has prosecuted a number of NHS workers for patient record snooping, "
    "Brightline Analytics says.",
    "ICO Prosecutions - Trend Analysis\n\nSelling data has only been prosecuted twice over six years. Sitting "
    "amongst warnings and fines, a reprimand is one of the measures the ICO may impose.",
    "The five monetary penalty notices (MPNs) published by the ICO in 2022 focus on security. The ICO has only "
    "issued four notices of intent to serve a fine since the GDPR came into force.",
    # another regulator named and the ICO never: its action, whatever the words
    "Fenland Police has been reprimanded and issued a formal enforcement order for breaching data protection "
    "laws.\n\nThe Data Protection Authority found officers did not process personal data lawfully.",
    "The Claims Management Regulator has removed the authorisation of Fenland Claims Ltd, which was fined for "
    "breaching eight of its rules.",
])
def test_statistics_guides_and_breaches_are_no_action(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, kind="article") == []


@pytest.mark.parametrize("text, organisation", [
    # a round-up names its parties by their registered names after counting them
    ("ICO fines two lettings agents\n\nTwo letting agencies were fined a total of £95,000 this week. The "
     "fines went to Marsh Lettings Ltd, of Ely, and to Harbour Homes Ltd, of Wisbech.", "Marsh Lettings Ltd"),
    # an enforcement notice about freedom of information failings is still an enforcement notice
    ("Police force told to clear FOI backlog\n\nFenland Constabulary has been issued with an enforcement "
     "notice for its Freedom of Information Act failings. The public authority had 400 information requests "
     "overdue; the complainant waited a year. The ICO said the force had withheld information without "
     "reason.", "Fenland Constabulary"),
])
def test_counted_round_ups_and_foi_enforcement_notices_are_actions(extractor: Extractor, text: str,
                                                                  organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


@pytest.mark.parametrize("text, action_type, amount", [
    # "signed undertakings" is one undertaking
    ("Fenland Hospitals NHS Trust has signed undertakings to encrypt its laptops after one was stolen, the ICO "
     "said.", "undertaking", None),
    # a breach log's "Regulator" field names the action
    ("Fenland District Council\n\nBreach details\nWhat Records left in a skip.\n\nRegulatory action\n\n"
     "Regulator Undertaking to comply with the seventh data protection principle\nAction ICO\nWhen 3rd May "
     "2013.", "undertaking", None),
    # a story about an enforcement notice: a contribution the council offers is no fine
    ("The ICO has served an enforcement notice on Fenland City Council over its taxi camera scheme. The "
     "council has offered to pay £150 towards each camera.", "enforcement_notice", None),
    # a collective figure of several firms gives way to this firm's own
    ("Two window firms have been fined a collective £140,000 for cold calls. Harbour Glazing Ltd has been "
     "fined £90,000 by the ICO. Fenland Frames Ltd has been fined £50,000.", "monetary_penalty", 90_000),
    # a suspended sentence is the court's action; the regulator's published ruling is a finding
    ("Former Fenland Motors staff get suspended sentence for data theft\n\nTwo former employees at Fenland "
     "Motors have received suspended prison sentences for selling personal data, according to the ICO.",
     "prosecution", None),
    ("Message to our supporters following ICO ruling\n\nThe Information Commissioner's Office has published a "
     "ruling which states that Fenland Guide Dogs breached the Data Protection Act by not explaining to donors "
     "how their data could be used.", "other", None),
    # what a party argues should not happen is no word on what the regulator did
    ("Fenland Cancer Trust says it has been contacted by ICO over fine\n\nBut the charity says it has made "
     "representations to the regulator that it should not be penalised\n\nFenland Cancer Trust has confirmed "
     "that it is one of the 11 charities the ICO has said it intends to fine.", "monetary_penalty", None),
    # the ICO under its older title is the ICO
    ("Data Protection Commissioner stops rogue faxes\n\nThe Data Protection Commissioner has issued an enforcement "
     "notice against Fenland Telecom Limited for sending unsolicited faxes. The Data Protection Commission's "
     "tribunal hears appeals.", "enforcement_notice", None),
    # a notice served is still served when a condition speaks of failing to comply with it
    ("Fenland Stores ordered to encrypt data after laptop theft\n\nFenland Stores broke the law, the ICO said. "
     "If it fails to comply with an enforcement notice issued against it by the ICO it could face criminal "
     "charges.", "enforcement_notice", None),
])
def test_type_and_figure_as_the_story_tells_them(extractor: Extractor, text: str, action_type: str,
                                                 amount: int | None) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == (action_type, amount)


@pytest.mark.parametrize("text", [
    "The ICO fined Fenland Care Ltd £110,000. If it appeals, the Tribunal may dismiss the appeal.",
    "The ICO fined Fenland Care Ltd £110,000. Weeks ago the First-tier Tribunal upheld an ICO decision to "
    "issue a notice against Marsh Council.",
])
def test_an_appeal_only_possible_or_another_case_s_is_not_upheld(extractor: Extractor, text: str) -> None:
    assert main_action(extractor, text, kind="article").status == "final"


def test_no_action_said_later_outweighs_the_powers_named(extractor: Extractor) -> None:
    text = ("Three council data breaches reported to the watchdog\n\nThree breaches at Fenland District Council "
            "were serious enough to report to the ICO, an annual report says. One was an employee looking at "
            "social care records; two were emails sent to the wrong person. The watchdog can issue enforcement "
            "notices and levy large fines in the worst cases. The report said the ICO did not take any further "
            "action against the council, as the incidents were handled appropriately.")
    assert extractor.extract(text, kind="article") == []


def test_a_breach_through_an_foi_request_is_still_an_action(extractor: Extractor) -> None:
    """"Freedom of information request" tells how the data leaked, not that the text is an FOI
    decision notice: the party and the fine are still read."""
    text = ("The regulator fined the Fenland Constabulary GBP 90,000 after a spreadsheet released in "
            "response to a freedom of information request included a hidden tab.\n\n"
            "The force answers many freedom of information requests from that database. Staff did not "
            "check the file before it was published in reply to the freedom of information request.")
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp) == ("Fenland Constabulary", 90_000)


def test_a_proposal_told_as_an_earlier_report_gives_way_to_the_settlement(extractor: Extractor) -> None:
    text = ("In 2023 we reported that the ICO provisionally decided to fine Harbour Logistics £2 million "
            "after a ransomware attack. On 4 May 2024 the ICO confirmed that Harbour Logistics Ltd had "
            "broken data protection law. Harbour Logistics settled the matter for £950,000.")
    action = main_action(extractor, text, kind="article")
    assert (action.status, action.amount_gbp) == ("final", 950_000)


@pytest.mark.parametrize("text, status", [
    # the party's own appeal, told as its lawyers' instructions
    ("A hospital trust is to challenge a fine. The ICO imposed a £60,000 fine on Fenland Community NHS Trust "
     "for faxing patient lists to the wrong number. A spokesman said: \"We have instructed our lawyers to "
     "commence an appeal against this.\"", "appealed"),
    # another institution's appeal, in a story about this party's fine
    ("On 12 May the regulator issued the Gwent Valleys Health Board (GVHB) a penalty of £70,000 for sending a "
     "patient's report to the wrong person. A proposed fine on a hospital trust is still pending. The Trust "
     "told us that it has appealed.", "final"),
])
def test_whose_appeal(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text, kind="article").status == status


@pytest.mark.parametrize("text, organisation, amount, proposed", [
    ("First-tier Tribunal cuts a pharmacy's penalty\n\nHarbour Pharmacy Ltd v Information Commissioner\n\n"
     "The ICO imposed a £275,000 fine on a pharmacy. The pharmacy appealed to the FTT. The FTT reduced the "
     "penalty to £92,000 and upheld the enforcement notice.", "Harbour Pharmacy Ltd", 92_000, 275_000),
    ("The Commissioner has agreed to reduce the £500,000 monetary penalty notice (MPN) imposed on the Fenland "
     "Office in 2021 to £50,000, which the Fenland Office has agreed to pay.", "Fenland Office", 50_000, 500_000),
    ("On 16 March 2023 the ICO agreed with Harbour Catalogues Ltd to reduce the monetary penalty imposed a few "
     "months ago from £1.35 million to £250,000, following an appeal.", "Harbour Catalogues Ltd", 250_000,
     1_350_000),
])
def test_a_penalty_cut_after_it_was_issued_is_reduced(extractor: Extractor, text: str, organisation: str,
                                                      amount: int, proposed: int) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.status, action.amount_gbp, action.provisional_amount_gbp) == (
        organisation, "reduced", amount, proposed)


@pytest.mark.parametrize("text, status", [
    # a tribunal's cut, told without the new figure
    ("First Tier Tribunal reduces Penalty Notice for failure to pay the data protection fee\n\nFenland Cleaning Ltd "
     "appealed a penalty notice issued by the ICO on 1 March 2022 for a fixed penalty of £600.", "reduced"),
    # a proposal cut to the final figure is a final penalty
    ("ICO fines Fenland Software £3.07m, reduced from the £6.09m initially proposed\n\nThe ICO has fined Fenland "
     "Software £3.07m after a ransomware attack.", "final"),
])
def test_a_penalty_cut_after_issue_is_reduced_even_with_one_figure(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text, kind="article").status == status


def test_a_timeline_row_of_the_proposal_is_no_cut_after_issue(extractor: Extractor) -> None:
    text = ("Facematch Inc fined £7.5m by the ICO\n\nTimeline:\nNov 2021 | Proposed £17m fine | Reduced to £7.5m\n"
            "Dec 2023 | Appeal upheld | Fine confirmed")
    assert main_action(extractor, text, kind="article").status != "reduced"


def test_a_case_cited_in_a_line_break_names_its_party(extractor: Extractor) -> None:
    text = ("Monetary penalty notice upheld\n\nJanuary 22, 2018\nIn Fenland Borough\nCouncil v Information "
            "Commissioner [2018] UKFTT 2017_0124 (GRC) the First-tier Tribunal considered an appeal against a "
            "£150,000 monetary penalty notice.")
    assert main_action(extractor, text, kind="article").organisation == "Fenland Borough Council"


@pytest.mark.parametrize("text, status", [
    ("In September 2017 the Commissioner served a monetary penalty notice on Fastleads Limited in the amount "
     "of £260,000.", "final"),
    ("Now Fenland Games Europe will have to find £250,000 to pay a fine levied on it by the ICO.", "final"),
    ("A hospital trust is to appeal against a decision to fine it £325,000. The fine handed to Fenland "
     "Hospitals Trust is the highest so far.", "final"),
    ("Britain could fine Shortclip 27 million pounds. The ICO has issued Shortclip Ltd with a \"notice of "
     "intent\", the regulator said.", "provisional"),
    ("Fenland Hospitals revealed that the ICO was proposing a £375,000 fine.", "provisional"),
    # a figure's decimal point ends no sentence, and a proposal "slashed" is superseded
    ("Shortclip has received a £12.7m fine from the regulator for misusing children's data. The regulator "
     "slashed the potential fine of £27m after dropping one finding.", "final"),
    # an appeal fought, and one decided
    ("Fenland Borders Council has spent £18,500 on solicitors to fight its £250,000 data fine appeal.",
     "appealed"),
    ("Appeal against a monetary penalty of £110,000 served on Fenland Care Ltd. Decision: The Tribunal dismiss "
     "the appeal.", "upheld"),
    # a penalty reported with no word of a proposal, an appeal or a cut is a penalty imposed
    ("The ICO's action was to fine Fenland District Council £150,000, with a discount for early payment.",
     "final"),
    ("Fenland Borough Council must now find a quarter of a million pounds to pay the fine slapped on it for "
     "the loss of 2,000 files.", "final"),
])
def test_status_as_press_words_it(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text, kind="article").status == status


@pytest.mark.parametrize("text, status, reason", [
    ("The ICO has fined Fenland Police £750,000. Under the ICO's public sector approach, the fine was "
     "reduced from £5.6m to £750,000.", "final", "public sector approach"),
    ("The ICO intends to fine Ashby Digital Ltd £750,000 for failing to protect customer records.",
     "provisional", "notice of intent"),
    ("Westbrook Ltd has been handed a £400,000 fine. The company said it would appeal.", "final", None),
    ("The ICO fined Denton Retail Ltd £1m, reduced from £4m after it considered the firm's ability to pay.",
     "final", "ability to pay"),
])
def test_status_and_its_reason(extractor: Extractor, text: str, status: str, reason: str | None) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.status, action.status_reason) == (status, reason)


def test_a_person_named_with_their_age_in_a_court_story(extractor: Extractor) -> None:
    text = ("Care assistant fined for reading patient records\n\nA care assistant has been fined for accessing a "
            "patient's records without a valid reason.\n\nJane Marsh, 58, was working at the Fenland Royal "
            "Hospital in Wisbech when she looked at the records of a patient she knew. Marsh admitted unlawfully "
            "accessing personal data when she appeared at Wisbech Magistrates' Court. She was fined £232 and "
            "ordered to pay £150 prosecution costs and a £30 victim surcharge.")
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type, action.amount_gbp) == ("Jane Marsh", "prosecution", 232)


def test_a_surname_said_with_an_age_takes_the_full_name(extractor: Extractor) -> None:
    text = ("The ICO warns staff about snooping after another prosecution.\n\nNicola Fenwick was employed as an "
            "administrator by the Fenland Partnership NHS Trust when she read a patient's records 200 times. "
            "Fenwick, 42, of Wisbech, pleaded guilty at Fenland Magistrates' Court and was fined £300.")
    assert main_action(extractor, text, kind="article").organisation == "Nicola Fenwick"


@pytest.mark.parametrize("text", [
    # a court report's person named with their age, prosecuted, fined by the court
    "A bank employee has received a fine of £3,360 for illegally accessing customer data. Jane Fenland, 27, was "
    "prosecuted under section 55 of the Data Protection Act for 23 offences. The current 'fine only' regime is "
    "not deterring people from breaking the law.",
    # a magistrate's court (singular, possessive) is a court
    "A company that provides CCTV systems has been fined for two breaches of data protection law. A prosecution "
    "followed. In a hearing on 2 July 2018, the Magistrate's Court issued a £4,500 fine for the failure to register.",
])
def test_a_court_fine_is_a_prosecution(extractor: Extractor, text: str) -> None:
    assert main_action(extractor, text, kind="article").action_type == "prosecution"


@pytest.mark.parametrize("text, action_type, amount", [
    # a rate times the counts: "fined £200 on each count" of "three counts"
    ("Fenland man fined for selling patient data\n\nJohn Marsh, 47, of Wisbech denied three counts of unlawfully "
     "disclosing personal data but was convicted at Fenland Crown Court. He was fined £200 on each count and "
     "ordered to pay £1,500 costs.", "prosecution", 600),
    # the total the text states wins over the rate
    ("Spam faxer fined over £6,000\n\nThe ICO took legal action against Fenland Debt Ltd, which admitted 13 "
     "breaches of the regulations. It was fined £400 for each breach plus costs. The ICO said its total fine "
     "will be £6,274.53.", "monetary_penalty", 6_275),
    # "has been sentenced" beside the fine is the court's
    ("A former council officer has been sentenced for unlawfully accessing social care records, which resulted "
     "in a fine and a criminal record. She was prosecuted for viewing them with no business need.", "prosecution", None),
    # the surcharge the next clause orders is not the fine's own word
    ("A former clerk was prosecuted at Ely Magistrates Court and pleaded guilty to unlawfully obtaining data. He "
     "was fined £300 and ordered to pay a victim surcharge of £30.", "prosecution", 300),
])
def test_what_a_court_imposed(extractor: Extractor, text: str, action_type: str, amount: int | None) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == (action_type, amount)


@pytest.mark.parametrize("text, organisation, action_type", [
    # a round-up's list introduced as its parties
    ("Fenland and Marsh among 3 firms told to clean up or face prosecution\n\nFenland and Marsh are among "
     "three firms served with enforcement notices after they used a blacklist of workers. Should the firms "
     "fail to follow the notices, they could face prosecution.\n\nThe 3 firms are:\n\n"
     "  • Fenland Civil Engineering Ltd\n  • Marsh Building Services Ltd\n  • Ouse Rail Ltd.\n\n"
     "The deputy commissioner said the firms had paid for personal details of workers.",
     "Fenland Civil Engineering Ltd", "enforcement_notice"),
    # a round-up that counts its parties, then names them in a row
    ("Stop your nuisance calls\n\nFive firms have been ordered to stop cold-calling people.\n\nThe ICO has served "
     "enforcement notices against the companies. The five are: Fenland Tel, Ouse Windows, Marsh Windows, Ely "
     "Glazing and March Home Improvement. Fenland Tel rang people claiming it could cut their bills.",
     "Fenland Tel", "enforcement_notice"),
    # an undertaking signed, whatever the regulator forgoes in return
    ("Parcel firm Fenland Parcels has promised the ICO that it will encrypt laptops after losing pay data on "
     "9,150 staff.\n\nThe firm has signed a formal undertaking in a settlement with the ICO. In return the ICO "
     "has agreed not to take enforcement action against the firm.", "Fenland Parcels", "undertaking"),
    # an undertaking never called one: found in breach, then "signed a legal document saying it will"
    ("Fenland Financial Services breaches Data Protection Act\nUnencrypted laptop held 14,000 customers' details\n"
     "Fenland Financial Services has been found in breach of the Data Protection Act for not encrypting a laptop "
     "that was stolen.\nFenland Financial Services has signed a legal document saying it will encrypt laptops.",
     "Fenland Financial Services", "undertaking"),
    # the organisation found in breach (a name spaCy does not tag)
    ("Association rapped for losing tenant data\n\nThe information watchdog has taken action against a housing "
     "association that lost 57 files.\n\nThe ICO found Ouse Heart of Anglia to be in breach of the Data "
     "Protection Act, and the association has had to sign a formal undertaking.", "Ouse Heart of Anglia",
     "undertaking"),
    # no action taken "instead" of the undertaking agreed is still the undertaking
    ("The Information Commissioner has found Fenland Savings (FS) in breach of the Data Protection Act after a "
     "laptop holding 9,000 customers' details was stolen. The ICO said it is taking no action against the "
     "organisation for the breach. Instead it has agreed an undertaking with the savings firm over encryption.",
     "Fenland Savings", "undertaking"),
    # an undertaking in other words: no notice served "as long as" the trust puts things right
    ("Fenland Care Trust has agreed to improve its record keeping after the ICO found it had lost a patient's "
     "file.\n\nThe ICO has agreed not to serve an enforcement notice as long as the trust indexes its paper "
     "records and trains its staff.", "Fenland Care Trust", "undertaking"),
    # the finding after the breach, and the measures agreed
    ("Fenland Building Society broke data protection laws when a laptop with customer details was stolen, "
     "the Information Commissioner has ruled. The ICO said the society's chief executive had agreed to "
     "take a series of measures.", "Fenland Building Society", "undertaking"),
    ("Marsh University Health Trust was found to have breached data protection laws after a laptop was "
     "stolen from an office. The trust has now signed an agreement to encrypt all data in future.",
     "Marsh University Health Trust", "undertaking"),
    ("The Information Commissioner's Office has found Fenland Medical Practice to be in breach of the Data "
     "Protection Act after it lost a memory stick. The head of the practice has agreed to take remedial "
     "action.", "Fenland Medical Practice", "undertaking"),
    # "forced to sign a publicised contract to improve", "come to an 'agreement' with the ICO"
    ("Fenland Post dodges ICO fine\n\nIts chief executive was forced to sign a publicised contract to improve "
     "the firm's data security.\n\nFenland Post will not have to pay a fine after hackers took 70,000 customer "
     "details. It has instead come to an \"agreement\" with the ICO to put better security in place.",
     "Fenland Post", "undertaking"),
    # an action the text does not name
    ("The failures we have uncovered at the unit have resulted in our office taking enforcement action "
     "against Fenland Constabulary, the Information Commissioner said.", "Fenland Constabulary", "other"),
    # a quoted question names no prosecution ("convicted") nor reprimand
    ("The ICO found that Fenland Vetting Service breached the Data Protection Act. Its form still asked "
     "'Have you ever been convicted of an offence or received a caution, reprimand or warning?' for two "
     "years. The service has since signed an undertaking to review the form.",
     "Fenland Vetting Service", "undertaking"),
    # where the party is is not the party: "a firm in the West Midlands", "one in Wales"
    ("A windows firm in the West Midlands has been fined £50,000 for phoning people who had opted out.\n\n"
     "The ICO received 400 complaints about unsolicited calls made by Fenland Glazing.",
     "Fenland Glazing", "monetary_penalty"),
    # an earlier fine told in its own clause ("was fined £20,000 last year") is another case's
    ("Data firm fined for selling records\n\nAn ICO investigation found Fenland Data Supply Ltd had sold 500,000 "
     "records, which were used by the firm that bought them, Marsh Texts. Marsh Texts was fined £20,000 last "
     "year.\n\nFenland Data Supply Ltd has now been fined £20,000 for selling the records.",
     "Fenland Data Supply Ltd", "monetary_penalty"),
    ("Two firms, one in Wales, fined £340k for marketing calls\n\nThe ICO has fined Cardiff-based Marsh "
     "Strategies Ltd £240,000 and Ouse Telemarketing Ltd £100,000 for calls to people on the TPS.",
     "Marsh Strategies Ltd", "monetary_penalty"),
])
def test_who_and_what_as_the_story_tells_them(extractor: Extractor, text: str, organisation: str,
                                              action_type: str) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type) == (organisation, action_type)


def test_a_list_of_findings_names_no_party(extractor: Extractor) -> None:
    text = ("Fenland Insurance plc has been fined £150,000 by the ICO after a data loss. The ICO found the "
            "following failings:\n\n  • Fenland failed to detect the theft of the device\n"
            "  • Staff were not trained\n")
    assert main_action(extractor, text, kind="article").organisation == "Fenland Insurance plc"


@pytest.mark.parametrize("text, organisation, amount", [
    # a place before the kind of firm it describes is no other party
    ("The fight against spam texts continues as the ICO issues a £30,000 fine to Fenland firm Loanfinder247 Ltd. "
     "The penalty follows 912 complaints.", "Loanfinder247 Ltd", 30_000),
    # ... nor in the plural, before a round-up's total; the lead's own figure is its amount
    ("Regulator fines Fenland & Ouse companies £225,000 for marketing texts\n\nTwo firms have been fined a "
     "combined £225,000 by the ICO.\n\nMarsh Claims Ltd, based in Fenland, has received a £120,000 fine. "
     "Ouse Leads Ltd, based in Ely, has received a £105,000 fine.", "Marsh Claims Ltd", 120_000),
])
def test_places_that_describe_firms(extractor: Extractor, text: str, organisation: str, amount: int) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp) == (organisation, amount)


@pytest.mark.parametrize("sentence", [
    "Electronics retailer FGW has been found in breach of the Data Protection Act by the ICO.",
    "The council said FGW was found to have breached the Act twice.",
])
def test_the_subject_found_in_breach(sentence: str) -> None:
    found = FINDING_SUBJECT_RE.search(sentence)
    assert found is not None and found.group("name") == "FGW"


# ---- a story's own case among recounted ones, and names a capture picks up around the party ------------
@pytest.mark.parametrize("text, organisation, amount", [
    # a Title Case headline (printed twice) keeps its short words small; the body names the party
    ("ICO Reprimands GP Practice for Major Data Breach\n\nICO Reprimands GP Practice for Major Data Breach\n\n"
     "The regulator has issued a formal reprimand to Fenmoor Health Group after a patient's records were sent "
     "to the wrong insurer.", "Fenmoor Health Group", None),
    # where a firm is registered, like where it is based, is no part of its name
    ("The ICO has fined a firm behind 9 million nuisance calls.\n\nCambridgeshire-registered Fenland Dialling "
     "Services made the calls over a year. Fenland Dialling Services has been fined £150,000.",
     "Fenland Dialling Services", 150_000),
    # a round-up of "two more ... companies" leads with the first named, though the second is told at length
    ("The watchdog has taken action against two more call blocking companies.\nEly-based Fenland Call Guard has "
     "been fined £90,000 and Ouse Phone Shield, based in March, has received an £80,000 fine. Ouse Phone "
     "Shield's callers promised to stop calls. Ouse Phone Shield did not screen against the TPS.",
     "Fenland Call Guard", 90_000),
    # the subject before two asides is the party, not the building an aside names
    ("Loans broker Fenland Money, which operated out of the listed cottage Marsh House, the oldest building "
     "in Ely, was fined £20,000 by the ICO for sending spam texts.", "Fenland Money", 20_000),
    # a director's action dated in a year before the story's is an earlier case
    ("Posted 11 May 2017\n\nThe ICO has slapped a company behind 90 million nuisance calls with a record "
     "fine of £400,000.\n\nFenland Tele Services called people about PPI claims. The company failed to "
     "answer seven information notices, and the company and its director, Jon Marsh, were prosecuted "
     "and fined at Ely Magistrates' Court in 2016. Fenland Tele Services did not have consent, so it was "
     "in breach of the law. Fenland Tele Services has since gone into liquidation.",
     "Fenland Tele Services", 400_000),
    # a fine another firm left unpaid is that firm's
    ("ICO issues £2m in fines since April\n\nThe most recent fine relates to London-based firm Fenland Digital "
     "Ltd, which sent more than 156,000 spam texts. The firm has been fined £45,000.\n\nThe Insolvency "
     "Service has disqualified the director of Ouse Claims. Ely-based Ouse Claims £250,000 failed to pay "
     "an ICO fine of £250,000 for making 17.5 million nuisance calls.",
     "Fenland Digital Ltd", 45_000),
    # a round-up's list items carry their action; the outlet named twice is no party
    ("Regulator hands out record spam fines\n\nThe ICO has meted out £8.7m in fines since 2015, according to "
     "Fenland Business News, which Fenland Business News says is a record.\n\nFour companies were hit with "
     "total fines of £600,000. According to the ICO, the companies are:\n\n"
     "  • Fenland Mail Limited, fined £230,000 for sending 44 million spam emails\n"
     "  • Ouse Claims Limited, fined £250,000 for 15 million automated calls\n"
     "  • Marsh Market Limited, fined £40,000 for sending 111,367 spam texts\n",
     "Fenland Mail Limited", 230_000),
    # a round-up listed in one sentence, each bracketed figure its own item's
    ("Five firms fined £400,000 for predatory calls\n\nThe ICO levied fines totalling £405,000 to five "
     "companies: Fenland Support (£80,000), Ouse Home Solutions (£100,000), Marsh Brokers (£15,000), Ely "
     "Appliance Cover (£100,000) and March Home Care (£110,000).",
     "Fenland Support", 80_000),
    # a story that opens with a fine forgone, then names the action taken
    ("Fenland police spared fines after recording calls without people's knowledge\n\nPolice forces escape "
     "potential £1m fines following a change of policy by the ICO.\n\nThe Information Commissioner's Office "
     "(ICO) has issued Fenland Police with a reprimand after officers recorded 200,000 calls.",
     "Fenland Police", None),
    # "received the penalty" names the party; a fine told with an earlier date is another case's
    ("Window firm hit with £50k calls fine\n\nA home improvement company has been handed a £50,000 fine by "
     "the ICO for making unsolicited calls.\n\nFenland Glazing received the penalty for calling people "
     "registered with the TPS.\n\nIn June 2013, Ouse Finance was hit with a £175,000 fine for spam texts.",
     "Fenland Glazing", 50_000),
    # a fine "reduced" before it was issued is still issued to the party; the reprimand is another's
    ("The ICO has issued a reduced fine of £60,000 to Fenland Community NHS Trust for disclosing 900 email "
     "addresses.\n\nThe ICO also issued a reprimand to Ouse Blood Service after it released untested code.",
     "Fenland Community NHS Trust", 60_000),
    # a round-up listed in one sentence after a dash: its first item leads
    ("The ICO announced it had reprimanded five organisations - the Fenland Water Company, the Ouse Office, "
     "Marsh Police, Ely Media and March Council - over late replies to requests.", "Fenland Water Company", None),
    # "Those fined include ...": the first named; its figure is its own line of the list, not the top one
    ("Charities fined for data law breach\n\nEleven charities have been fined by the regulator.\nThose fined "
     "include Fenland Aid, Ouse Relief and Marsh Trust.\nIt limited the fines to between £6,000 and "
     "£18,000.\nThe full list is:\n- Marsh Trust - £18,000\n- Ouse Relief - £9,000\n- Fenland Aid - £6,000\n",
     "Fenland Aid", 6_000),
    # a list without bullets, one "Name: £figure" a line
    ("Fenland Aid is among the charities fined by the ICO.\n\nThe full list of fines imposed is:\n\n"
     "Marsh Trust: £18,000\n\nFenland Aid: £12,000\n\nOuse Relief: £6,000\n", "Fenland Aid", 12_000),
    # a range's ends given to other parties are none of this one's
    ("Fenland Aid and ten other charities have been fined by the ICO for wealth screening. The fines range "
     "from £18,000 for Marsh Trust to £6,000 for Ouse Relief.", "Fenland Aid", None),
    # a headline of the party paying
    ("Fenland Tickets drops appeal and pays £1.25m fine\n\nThe ticket seller has settled with the ICO, "
     "which fined it over a breach that began when Ouse Bank customers reported fraud.",
     "Fenland Tickets", 1_250_000),
    # a sentence opening with the name, then its town and county
    ("A practice has been fined £40,000 after releasing a child's records to the wrong parent.\n\nThe Fenmoor "
     "Surgery, Ely, Cambridgeshire was found to have inadequate processes in place.", "Fenmoor Surgery", 40_000),
    # "X and Y were fined": the first, where the story names it alone elsewhere
    ("The ICO fined a campaign group on Friday.\n\nFenland Leave and Ouse Insurance were fined a total of "
     "£120,000. Fenland Leave said it would appeal. The ICO found Fenland Leave sent messages without consent.",
     "Fenland Leave", None),
    # a company's employee named in an aside, "found guilty"; "yesterday" before the verb
    ("A Fenland Homes Limited employee, Jane Marsh, was found guilty at Ely Magistrates Court of unlawfully "
     "accessing records.", "Jane Marsh", None),
    # "X and the Y are the first to be fined": two parties, the first named leads
    ("An ICO investigation has led to two charities being fined and nine being issued with Notices of Intent.\n\n"
     "Fenland Aid and the Ouse Relief Fund are the first to be fined - £18,000 and £25,000 respectively.",
     "Fenland Aid", 18_000),
    # a director's fine "with £150" is his; the company's own follows
    ("The ICO has prosecuted Fenland Loans Ltd and its director, Jon Marsh, for failing to register.\n\nMarsh "
     "has been fined with £150. In addition, Fenland Loans Ltd has been fined with £500.", "Fenland Loans Ltd", 500),
    ("A firm has been fined £4,500 for not registering.\n\nFenland Design and Build, which operates CCTV "
     "systems in Ely, was yesterday convicted at Ely Magistrates' Court.", "Fenland Design and Build", 4_500),
])
def test_the_party_among_the_words_around_it(extractor: Extractor, text: str, organisation: str,
                                           amount: int | None) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp) == (organisation, amount)


@pytest.mark.parametrize("captured, name", [
    ("Freedom of Information", ""), ("Anor", ""),                       # a regime, "and another"
    ("90,000 and Ouse Phone Shield", "Ouse Phone Shield"),              # "fined £90,000 and Ouse Phone Shield"
    ("Covid-19'", ""), ("Retailer", ""),                                 # the pandemic, a kind of firm
    ("1 February Jane Marsh", "Jane Marsh"),                             # a day and month, not item 1
    ("Cambridgeshire-registered Fenland Dialling", "Fenland Dialling"),
    ("192.com Ltd", "192.com Ltd"), ("23andMe", "23andMe"),            # names that open with a figure stay
])
def test_what_a_capture_picks_up_around_a_name(captured: str, name: str) -> None:
    assert tidy_name(captured) == name


def test_the_regulators_finding_names_its_subject() -> None:
    found = PARTY_PATTERNS["found_in_breach"].search("The ICO has found Ouse Valley Health Board in breach of the Act.")
    assert found is not None and found.group("name") == "Ouse Valley Health Board"


@pytest.mark.parametrize("text, amount", [
    # a counted subject's figure is theirs together; each one's own figure is the party's
    ("Two men who owned a marketing company have been fined £440,000 by the ICO for spam texts. Jon Marsh, one "
     "of the owners, has been ordered to pay a penalty of £300,000.", 300_000),
    # counted parties after the figure, and a headline's "Councils With £150,000 Fine"
    ("ICO Hits Councils With £150,000 Fine Over Lost Laptops\n\nThe watchdog has levied fines of £150,000 on "
     "two Fenland councils for failing to encrypt laptops.\n\nThe watchdog has ordered Ely Council to pay a "
     "fine of £80,000, while March Council has to pay £70,000.", 80_000),
    # the regulator's standing discount for paying quickly is no penalty of its own
    ("Fenland Animal Rescue has been issued with a fine by the ICO. Like other charities, we intend to pay this "
     "fine swiftly and in doing so, it will be reduced to £7,200.", None),
    # a page's address slug printed as a line is not the story's sentence
    ("5 firms fined for calls\n\n5-firms-fined-£435,000-for-making-unlawful-calls\n\nThe ICO has fined five "
     "companies a total of £435,000. Fenland Appliance Cover Ltd was among them.", None),
])
def test_a_group_figure_is_no_partys_own(extractor: Extractor, text: str, amount: int | None) -> None:
    assert main_action(extractor, text, kind="article").amount_gbp == amount


@pytest.mark.parametrize("text, action_type", [
    # another firm's notice, told after the story's fine, is not this story's type
    ("Ely-based broker Fenland Vault has been fined £70,000 by the ICO after making 55,534 nuisance calls. The "
     "ICO stated it had issued an enforcement notice to the broker. Another firm, Ouse Windows, received an "
     "enforcement notice after a separate investigation.", "monetary_penalty"),
    # an earlier undertaking recounted below the opening, in a story dated later
    ("Posted 3 June 2015\n\nThe ICO has ordered Ouse Health Board to take action to protect patients' records. "
     "Papers were left in public areas of the hospital six times. The board did not keep an information "
     "register. The ICO previously alerted the board. Staff were told of the procedures. "
     "This is not the first time Ouse Health Board has been required to sign an undertaking. "
     "In September 2009, a local paper reported that the board had signed an undertaking after a laptop was "
     "stolen. The ICO's current enforcement notice requires the board to produce an information register.",
     "enforcement_notice"),
    # the regulator "will agree not to take action as long as" the body encrypts: an undertaking
    ("Fenland Medical Education admitted that the laptop was unencrypted. The ICO has said that it will agree "
     "not to take action against the body as long as it encrypts laptops.", "undertaking"),
])
def test_the_storys_own_action_type(extractor: Extractor, text: str, action_type: str) -> None:
    assert main_action(extractor, text, kind="article").action_type == action_type


@pytest.mark.parametrize("headline", [
    "Fenland Council escapes fine but is handed enforcement notice",
    "Fenland Council avoids fine but is handed enforcement notice",
])
def test_a_fine_escaped_is_no_fine(extractor: Extractor, headline: str) -> None:
    text = (headline + "\n\nThe ICO has ordered Fenland Council to encrypt its laptops within 28 days. The "
            "council lost a computer holding the records of 7,200 residents.")
    assert main_action(extractor, text, kind="article").action_type == "enforcement_notice"


def test_a_place_before_an_agent_is_no_party() -> None:
    text = "Agents could face far larger penalties than the £80,000 levied against London agent Fenland Lettings Ltd."
    found = PARTY_PATTERNS["figure_issued_against"].search(text)
    assert found is not None and captured_name(text, found) == "Fenland Lettings Ltd"


def test_a_suspended_sentence_is_a_courts_word() -> None:
    assert COURT_CASE_RE.search("Two former workers have received suspended prison sentences for selling data.")


@pytest.mark.parametrize("text, people", [
    # with no count of people, the records the text says were shared stand for them
    ("Between 2011 and 2015, Fenland Children's Charity shared 910,283 records with other charities. The ICO "
     "has fined Fenland Children's Charity £11,000.", 910_283),
    # a range is a guess, not a count
    ("The ICO has fined Fenland Clinic £5,000 after files were stolen. There were between 150 and 200 records "
     "in the stolen files.", None),
])
def test_records_stand_for_people_when_no_one_is_counted(extractor: Extractor, text: str, people: int | None) -> None:
    assert main_action(extractor, text, kind="article").subjects_affected == people


def test_a_breach_logs_entry_of_another_regulator_is_no_ico_action(extractor: Extractor) -> None:
    log = ("Fenland Building Society\n\nWhat\nLoss of personal data\n\nHow much\nAll customers\n\nRegulator\nFSA\n\n"
           "Regulatory action\nMonetary penalty - £980,000\n\nWhen\n14 February 2007\n")
    assert extractor.extract(log, kind="article") == []
    assert main_action(extractor, log.replace("FSA", "ICO"), kind="article").amount_gbp == 980_000


def test_a_warning_given_before_does_not_recount_the_storys_fine(extractor: Extractor) -> None:
    text = ("The ICO has fined Fenland Windows £50,000, after it previously warned the firm about its calls. "
            "The ICO also issued an enforcement notice ordering it to stop.")
    assert main_action(extractor, text, kind="article").action_type == "monetary_penalty"


@pytest.mark.parametrize("sentence", [
    "The police forces escaped potential fines of £1m after a change in policy.",
    "The council avoided a potential £1m fine after a change in policy.",
    "The watchdog ruled out fining the police force.",
])
def test_fines_forgone_cast_no_vote(sentence: str) -> None:
    from pipeline.extract.rules.action_type import PROSE_TYPES, _votes
    assert not any(_votes(name, regex, sentence) for name, regex in PROSE_TYPES if name == "monetary_penalty")


def test_the_company_in_question_names_its_party() -> None:
    from pipeline.extract.rules.party import INTRO_APPOSITIVE_RE
    found = INTRO_APPOSITIVE_RE.search("The company in question, Fenland Energy Grants, near Ely, came to light.")
    assert found is not None and found.group("name") == "Fenland Energy Grants"


@pytest.mark.parametrize("captured", ["Some of Britain", "Many of Fenland", "Norwegian_Air"])
def test_a_share_of_many_and_a_file_name_are_no_party(captured: str) -> None:
    assert tidy_name(captured) == ""


def test_a_pictures_file_name_glued_to_the_story_is_cut_off() -> None:
    from pipeline.extract.text import clean
    text = clean("340 fined for not paying the fee\n\nFenland_AirThe Information Commissioner's Office has fined 340 "
                 "organisations.").text
    assert "Fenland_Air\nThe Information Commissioner" in text


def test_an_intention_to_fine_two_others_is_not_this_fine() -> None:
    from pipeline.extract.money import find_money
    from pipeline.extract.rules.amount import other_case_amount
    sentence = ("In July 2019, the ICO announced its intention to fine Skyline Airways and Harbour Hotels £183 million "
                "and £99 million respectively.")
    first = find_money(sentence)[0]
    assert other_case_amount(sentence, first, ["Fenland Retail Limited"])


def test_a_person_fined_in_a_court_story_is_a_prosecution(extractor: Extractor) -> None:
    text = ("Head teacher fined for data protection breach\n\nA former headteacher has been fined. He took pupils' "
            "data to his new school.\n\nAppearing before Ely Magistrates' Court, the teacher admitted two offences "
            "of unlawfully obtaining personal data. He was fined £700, ordered to pay costs of £364 and a victim "
            "surcharge of £35.")
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == ("prosecution", 700)


def test_a_breadcrumb_trail_is_furniture() -> None:
    from pipeline.extract.text import clean
    text = clean("Home / News & Resources / Head teacher fined\n\nHead teacher fined for breach\n\nA former "
                 "headteacher has been fined.").text
    assert "Home /" not in text and "Head teacher fined for breach" in text


def test_a_listed_charitys_own_fine_among_repeated_figures(extractor: Extractor) -> None:
    text = ("Eleven charities fined\n\nThe ICO has fined 11 charities for misusing donors' data:\n\n"
            "  • The Fenland Fund for Animal Welfare, fined £18,000.\n"
            "  • Ouse Cancer Support (formerly Ouse Cancer Recovery Foundation), fined £16,000.\n"
            "  • Marsh Cancer Research, fined £16,000.\n"
            "  • Ely Guide Dogs, fined £15,000.\n")
    assert main_action(extractor, text, kind="article").amount_gbp == 18_000


def test_a_group_counted_with_a_quoted_word_is_a_groups_sum(extractor: Extractor) -> None:
    text = ("Five 'predatory' companies who made more than 750,000 calls to elderly people have been fined "
            "£405,000. One of them, Fenland Home Care Services, called people with memory loss.")
    assert main_action(extractor, text, kind="article").amount_gbp is None


@pytest.mark.parametrize("text, organisation", [
    # an adverb between the auxiliary and the verb
    ("Former health worker prosecuted\n\nA former NHS healthcare worker, Jon Marsh, has been successfully "
     "prosecuted at Ely Magistrates Court after accessing the records of 14 patients.", "Jon Marsh"),
    # words about the inquiry are no party
    ("A college has signed an undertaking with the ICO.\n\nEnquiries revealed that the data controller had "
     "sent an email with the medical details of 300 students to a year group. Fenland College has signed "
     "an undertaking to improve its practices.",
     "Fenland College"),
    # he was fined names the person told just before
    ("Employee fined for taking patient data\n\nJon Marsh, who worked as a manager at a leisure centre in "
     "Ely, sent the medical details of 2,471 patients to his own email account after being told he would "
     "be made redundant. Mr Marsh wanted the data for a fitness company he was setting up. He was "
     "prosecuted under the Data Protection Act and was fined £3,000.",
     "Jon Marsh"),
    # he takes the full name even when the title came first
    ("Manager fined for taking patient data\n\nMr Marsh was a manager at a leisure centre in Ely. Records "
     "show that Jon Marsh, who was about to be made redundant, sent 2,471 patients' details to his own email. "
     "Mr Marsh wanted the data for a new business. He was prosecuted by the ICO and was fined £3,000.",
     "Jon Marsh"),
    # a headline's reason is no part of the name
    ("ICO fines Fenland Council for Gangs Matrix data breach\n\nFenland Council has been fined £145,000 by the "
     "ICO after it disclosed a police database. Fenland Council said it accepted the findings.",
     "Fenland Council"),
    # a person named with their job in a court story
    ("NHS worker fined after snooping in records\n\nAn NHS worker has been fined after looking up her "
     "daughter's address.\n\nClerical officer Jo Marsh was working at Fenland Hospitals Trust when she looked "
     "up her daughter's records. The prosecutor told the court the daughter wanted no contact. Ordering "
     "Marsh to pay £1,350, the district judge said it was a breach of trust.",
     "Jo Marsh"),
])
def test_more_ways_a_story_names_its_party(extractor: Extractor, text: str, organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


def test_a_finding_without_to_be_needs_in_breach() -> None:
    found_in_breach = PARTY_PATTERNS["found_in_breach"]
    assert found_in_breach.search("The ICO found that LTH contravened Regulation 21 of PECR.") is None
    assert found_in_breach.search("The ICO found that Fenland Ltd had contravened Regulation 21.") is not None


def test_records_given_to_the_investigators_are_no_count_of_people(extractor: Extractor) -> None:
    text = ("The ICO has fined Fenland Mailers Ltd £70,000 for marketing emails. In 2018 the firm provided the ICO "
            "enforcement team with 7000 records of personal data to show where its lists came from.")
    assert main_action(extractor, text, kind="article").subjects_affected is None


# ---- since 1.11.0 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, organisation", [
    # another case recalled in the opening does not take the place of the firm named after it
    ("Firm fined for night-time sales calls\n\nA Fenland firm which made calls at night has been fined "
     "£70,000 by the ICO.\n\nIt comes the same week as an Ely company, Marsh Dialling, was fined £80,000 by "
     "the ICO.\n\nReed Alarm Sales Ltd, based in March, made 40,000 automated calls in one day.",
     "Reed Alarm Sales Ltd"),
    # "resulted in X being fined": a round-up's first item
    ("The watchdog has fined four more companies.\n\nComplaints prompted four investigations, and resulted in "
     "Marshcall being fined £250,000 for automated calls; Reedmail hit for £230,000 for spam emails.",
     "Marshcall"),
    # a tribunal case's name joined by an ampersand
    ("The recent judgement in Marsh & Reed Limited v The Information Commissioner [2019] UKFTT 1 (GRC) "
     "upheld a £4,000 penalty notice issued against Marsh & Reed Limited for failing to pay its fee.",
     "Marsh & Reed Limited"),
    # a business told by where it is based, which NER does not tag
    ("Four firms fined for calls to TPS members\n\nThe ICO has fined four companies £370,000 in total.\n\n"
     "First in the dock was Greenfen Lofts, based in Ely, Cambridgeshire, which made 178,190 calls. "
     "The company has been fined £100,000.",
     "Greenfen Lofts"),
    # a story that names the party by what it is called
    # (the earlier fine named for comparison is another case)
    ("ICO fines - a leap\n\nThe ICO's fine was £350,000, a leap of £100,000 from its previous highest fine, "
     "which was issued to Reed Games Ltd in January 2013. In this case, the perpetrator was a company called "
     "Dialfenn. Its calls were about PPI refunds.",
     "Dialfenn"),
])
def test_ways_a_story_names_its_party_since_1_11(extractor: Extractor, text: str, organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


@pytest.mark.parametrize("text, organisation", [
    # a practice recommendation
    ("Water company ordered to improve its handling of information requests\n\n"
     "The ICO has issued a practice recommendation to Fenland Water for failing to properly handle "
     "requests for environmental information. Fenland Water has repeatedly failed to respond to "
     "requests within 20 working days, the ICO found, after complaints from the public under the EIR. "
     "The public authority must respond to every information request in time.", "Fenland Water"),
    # an information notice, with no other sanction (not an undertaking read into "ordered to improve")
    ("Fenland Academies Trust served with an information notice\n\nThe ICO has served an information notice "
     "on Fenland Academies Trust, ordering it to supply the information it withheld from a requester. "
     "The trust had ordered its staff to improve their handling of requests.", "Fenland Academies Trust"),
])
def test_the_regulators_foi_sanctions_are_actions_of_type_other(extractor: Extractor, text: str,
                                                                 organisation: str) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type) == (organisation, "other")


def test_what_an_action_was_for_is_no_part_of_the_name() -> None:
    assert clean_name("Fenland Police for Freedom of Information") == "Fenland Police"
    assert clean_name("Centre for Data Protection") == "Centre for Data Protection"
    assert clean_name("Marsh & Anor") == "Marsh"
    assert tidy_name("Chief Constable of Fenland Police") == "Fenland Police"


@pytest.mark.parametrize("text", [
    # a condition put first by inversion
    ("Last week the University of Fenland paid £140,000 compensation to students after an email error. "
     "Should the ICO have decided to fine the University, the amount would have been lower than if the "
     "breach occurred today."),
    # a headline's fine that may come
    ("Huge fine possible after students hit by data breach\n\nPersonal details of Fenland University students "
     "were posted online. The ICO has confirmed that an investigation is under way."),
])
def test_a_sanction_only_supposed_is_no_action(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, kind="article") == []


@pytest.mark.parametrize("text, organisation, amount", [
    # advice on avoiding a fine does not deny the fines reported
    ("It is a good time to reflect on the ICO's action in 2018, to ensure that your business is not "
     "subject to a fine in 2019.\n\nIn November 2018, Fenland Rides was fined £385,000 for failing "
     "to protect customers' personal information during a cyber attack.", "Fenland Rides", 385_000),
    # penalties dished out to counted companies are their sum
    ("The watchdog has turned on four more companies which used unlawful marketing, dishing out "
     "penalties of £600,000.\n\nMarsh Dialling Ltd was fined £250,000 for automated calls.",
     "Marsh Dialling Ltd", 250_000),
    # a penalties breakdown without bullets names each party with its figure; "totalled" is a sum
    ("Three businesses in Fenland have been fined £250,000 for breaching data protection laws.\n\n"
     "The total amount the businesses were fined totalled £250,000.\n\n"
     "The breakdown of the penalties for the Fenland businesses is as follows:\n\n"
     "Marsh Glazing Ltd: £130,000 for making 503,445 unsolicited calls to TPS registered numbers.\n\n"
     "Reed Connecting Ltd: £40,000 for sending 441,830 marketing text messages.\n\n"
     "A lawyer said the fines were a warning.", "Marsh Glazing Ltd", 130_000),
])
def test_the_party_and_its_own_figure_since_1_11(extractor: Extractor, text: str, organisation: str,
                                                 amount: int) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp) == (organisation, amount)


def test_one_announcement_of_a_few_fines_is_an_action_but_a_count_over_time_is_not(extractor: Extractor) -> None:
    announced = ("Five companies have been fined a total of £405,000 for making predatory calls to older people.\n\n"
                 "The ICO found the companies were deliberately targeting older people.")
    action = main_action(extractor, announced, kind="article")
    assert (action.action_type, action.amount_gbp) == ("monetary_penalty", None)
    counted = ("Since October 2021, the ICO has issued fines totalling £1.45 million to 16 companies for "
               "unlawful marketing calls.\n\nMany of these calls targeted people registered with the TPS.")
    assert extractor.extract(counted, kind="article") == []


def test_a_reprimand_told_with_an_earlier_fine_of_the_same_body_stays_a_reprimand(extractor: Extractor) -> None:
    text = ("Police force told off over recording app\n\nThe ICO has reprimanded Fenland Police after staff "
            "recorded calls without telling callers.\n\nThe force said it had stopped using the app.\n\n"
            "Fenland Police was fined £100,000 last year for losing interview footage.\n\n"
            "It paid that fine last month.\n\nA second fine followed two years ago for a lost laptop.")
    assert main_action(extractor, text, kind="article").action_type == "reprimand"


def test_a_picture_agencys_credit_and_trading_standards_are_no_party() -> None:
    assert is_blocked("PA Archive") and is_blocked("National Trading Standards")


def test_a_bulk_email_sent_in_error_is_no_unlawful_marketing(extractor: Extractor) -> None:
    text = ("Police force fined for revealing victims' identities\n\nFenland Police has been fined £80,000 after an "
            "officer sent an update to 56 recipients by email but entered their addresses in the 'To' field. "
            "The ICO said that of the 56 emails sent, all but one was delivered.")
    action = main_action(extractor, text, kind="article")
    assert "unlawful_marketing_messages" not in action.failures and "misdirected_disclosure" in action.failures


def test_a_finding_broken_over_ocr_lines_is_read(extractor: Extractor) -> None:
    notice = ("ENFORCEMENT NOTICE\n\nTO: Fenland Mailers Limited\n\n27.   The Commissioner is of the view that FML has "
              "processed, and is\n\n      processing, personal data in a manner that is not fair, lawful, or\n\n"
              "                8      transparent, thereby failing to comply with UK GDPR Art 5(1)(a).\n")
    assert "transparency_failure" in main_action(extractor, notice, kind="notice").failures


# ---- since 1.12.0 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, organisation", [
    # a plural acronym names things, not the party
    ("Police force fined £160k after losing DVDs\n\nThe ICO has imposed a £160,000 monetary penalty on a police "
     "force after it lost DVDs of an interview.\n\nAn officer at Fenland Police had three unencrypted DVDs.\n\n"
     "The DVDs were the only digital records of the interview.", "Fenland Police"),
    # a round-up's list, each item a name, what it did and its fine
    ("The watchdog has fined four companies a total of £370,000 for calls to people registered with the TPS.\n"
     "The four fined companies are:\n"
     "- Marsh Lofts, which made 178,190 calls to TPS-registered people, and was fined £100,000\n"
     "- Reed Windows, which made 169,830 calls, and was fined £80,000\n"
     "The action was taken under the Privacy and Electronic Communications Regulations.", "Marsh Lofts"),
    # described first, then named with what it does set off by commas, after the page's own date line
    ("date 2019-04-12 A pregnancy club has been fined £400,000 for illegally sharing the personal information "
     "of more than 14 million people.\n\nFenbaby UK, which offers advice to new parents, unlawfully shared its "
     "members' data with marketing agencies, the regulator said.\n\nThe company shared records with agencies "
     "including Marshdata, Reedcast and Fenview.", "Fenbaby UK"),
    # a penalty handed to the first of two parties
    ("Today the ICO announced a 100,000 penalty was handed to Fenland County Council, whilst employment services "
     "company Reedwork was hit with a 60,000 fine.", "Fenland County Council"),
])
def test_ways_a_story_names_its_party_since_1_12(extractor: Extractor, text: str, organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


def test_the_business_its_fined_owners_run_is_the_party() -> None:
    m = PARTY_PATTERNS["fined_x"].search("The ICO has fined the two owners of Marsh Telecoms 440,000 pounds for "
                                         "sending illegal text messages.")
    assert m and trim_name(m.group("name")) == "Marsh Telecoms"


def test_a_product_called_something_is_no_party() -> None:
    assert CALLED_RE.search("the perpetrator was a company called Dialfenn")
    assert not CALLED_RE.search("Marshmind received the data to test a smartphone app called Streamline.")


def test_a_capitalised_kind_of_person_is_described_and_named_next(extractor: Extractor) -> None:
    text = ("Care Assistant Fined £1,715 for Data Protection Breach\n\nA Health Care Assistant has been fined "
            "£1,715 by Fenland Magistrates' Court after pleading guilty to unlawfully obtaining personal data. "
            "Jane Marsh accessed the health records of family members whilst working for Fenland Hospital NHS "
            "Trust.")
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type, action.amount_gbp) == ("Jane Marsh", "prosecution", 1715)


def test_notices_served_on_parties_the_sentence_names_are_an_action(extractor: Extractor) -> None:
    text = ("ICO warns businesses over illegal use of biometric data\n\nThe probe found that the companies had been "
            "unlawfully processing the biometric data of more than 2,000 employees.\n\nThe ICO has now issued "
            "enforcement notices instructing Fenland Leisure and the trusts to stop all processing of biometric "
            "data for monitoring attendance.")
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_type) == ("Fenland Leisure", "enforcement_notice")


@pytest.mark.parametrize("text", [
    # a breach story whose only action is another case's, recalled; "convicted criminals" are people
    ("Council reports itself over huge data breach\n\nA council has been forced to report itself to the ICO "
     "after a bulk email exposed the details of 1,000 landlords.\n\nThe list includes millionaires, lawyers and "
     "a number of convicted criminals.\n\nThe council said it had apologised to every landlord.\n\n"
     "Fenland Police was fined £80,000 by the ICO earlier this year after sending a bulk email."),
    ("Regulator admits to data breach\n\nThe Fenland Authority has admitted it exposed details of 1,600 "
     "complainants.\n\nIt has referred itself to the ICO.\n\nAfter all, back in 2018 the regulator fined "
     "Marsh Bank £16.4m over a cyber attack."),
    # another kind of fine
    ("Council refers itself to watchdog over data leaks\n\nDozens of people have had their details published "
     "online by council staff.\n\nOver two years, posts on the council's website included names, parking fine "
     "numbers and addresses."),
    # a guide: fines as a topic, and a maximum that could be handed out
    ("The Complete Guide to ICO Fines\n\nUntil GDPR became law in May 2018, the maximum fine that they could "
     "hand out was £500,000."),
])
def test_recalled_cases_kinds_of_fine_and_guides_are_no_action(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, kind="article") == []


def test_a_finding_told_before_the_regulator_that_made_it_is_an_action(extractor: Extractor) -> None:
    # (a figure with a decimal point between the law and the regulator)
    text = ("An NHS trust \"failed\" to comply with data protection law when it provided data on 1.6 million "
            "patients to Marshmind, the Information Commissioner's Office (ICO) has ruled.\n\nMarshmind accessed "
            "the patient information from the Fenland NHS Foundation Trust as part of a test.")
    assert main_action(extractor, text, kind="article").action_type == "other"


def test_a_story_told_in_order_may_open_on_an_old_decision_to_take_no_action(extractor: Extractor) -> None:
    text = ("As far back as June 2014 Marsh Home Improvements Ltd were given notice that complaints had been "
            "received, but no further action would be taken. However, a year later the company was in the TPS top "
            "20 of complaints.\n\nThe ICO has now fined Marsh Home Improvements Ltd for making nuisance calls.")
    assert main_action(extractor, text, kind="article").organisation == "Marsh Home Improvements Ltd"


@pytest.mark.parametrize("text, action_type", [
    # the Crown Prosecution Service, another case's conviction and a prosecution that could have been
    # hampered are no prosecution of this party
    ("The ICO has hit Fenland Police with a £160,000 fine for losing a video recording.\n\nIn the absence of the "
     "recordings, the Crown Prosecution Service had to ask the officer to re-interview the victim.\n\nThe "
     "defendants were eventually convicted in court.\n\nThe prosecution could have been seriously hampered.",
     "monetary_penalty"),
    # the court's own words for an offence
    ("Recruitment manager fined for sharing applicants' data\n\nA recruitment manager was prosecuted and fined "
     "for disclosing the personal information of job applicants.\n\nThe court held the manager to be guilty of "
     "an offence under section 55 of the DPA and imposed a fine in the sum of £573.", "prosecution"),
    # a notice and a fine told as often, the party also fined
    ("The ICO has taken enforcement action against two firms for making nuisance calls.\n\nEnforcement notices "
     "have been issued to both companies ordering them to stop.\n\nAs well as the notice, Marsh Vault Limited was "
     "also fined £70,000 for making calls to people who had not consented.\n\nIn a separate investigation, "
     "Reed Windows received the enforcement notice for making 104 calls.", "monetary_penalty"),
])
def test_what_makes_a_court_case_and_a_fine_with_its_notice(extractor: Extractor, text: str, action_type: str) -> None:
    assert main_action(extractor, text, kind="article").action_type == action_type


@pytest.mark.parametrize("text, organisation, amount, status", [
    # figures paired "respectively"
    ("Marsh Heart fined over donor screening\n\nMarsh Heart has been fined by the ICO for screening donors.\n\n"
     "Fenland Animals and Marsh Heart were handed fines of £20,000 and £18,000 by the ICO respectively.",
     "Marsh Heart", 18_000, "final"),
    # the early-payment figure is no cut, however the party words it (in a story that speaks of appeals)
    ("Marsh Heart will not appeal ICO decision\n\nMarsh Heart has been fined by the ICO for screening donors.\n\n"
     "Fenland Animals and Marsh Heart were handed fines of £20,000 and £18,000 by the ICO respectively.\n\n"
     "Swift settlement means the penalty is reduced considerably to £14,400, Marsh Heart said.",
     "Marsh Heart", 18_000, "final"),
    # another council asked to pay its own fine
    ("The ICO fined Fenland County Council £80,000 for emailing data to the wrong contact list.\n\nSeparately, "
     "Marsh Council will be asked to pay a £60,000 fine for sending emails to the wrong person.",
     "Fenland County Council", 80_000, "final"),
    # a tribunal's substituted penalty
    ("Decision: The appeal is allowed\n\nSubstituted Decision Notice: The Tribunal substitutes a decision notice "
     "in the sum of £85,000\n\n1. This is an appeal by Marsh Media Limited against the decision of the "
     "Information Commissioner to serve a Monetary Penalty Notice on Marsh Media Limited on 12 December 2022, "
     "in the sum of £125,000.", "Marsh Media Limited", 85_000, "reduced"),
])
def test_the_partys_own_figure_since_1_12(extractor: Extractor, text: str, organisation: str, amount: int,
                                          status: str) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp, action.status) == (organisation, amount, status)


# ---- since 1.13.0 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, organisation, amount, status", [
    # a headline gives two companies' total to one: the party's own figure is its penalty
    ("Cold-calling company fined £225,000 after nuisance calls\n\nThe ICO has today issued two monetary penalties "
     "totalling £225,000 to two companies.\n\nMarsh Energy Services has received a penalty of £125,000, and Fenland "
     "Claims £100,000.", "Marsh Energy Services", 125_000, "final"),
    # two figures, each "for" its party
    ("The Marsh Heart Foundation and the Fenland Animal Trust have expressed disappointment with the ICO's move to "
     "fine the charities for breaches of the Data Protection Act.\n\nThe ICO yesterday announced a fine of £25,000 "
     "for the Fenland Animal Trust and £18,000 for the Marsh Heart Foundation for breaching the Act.",
     "Marsh Heart Foundation", 18_000, "final"),
    # both figures told with their paying: the penalty is the one the other is 80% of
    ("The ICO has issued a monetary penalty notice on the Fenland Prosecution Office following a loss of DVDs. "
     "The fine being imposed on the Fenland Prosecution Office is to be £325,000, if paid at the latest, or "
     "£260,000 if paid by 13 June 2018.", "Fenland Prosecution Office", 325_000, "final"),
    # a month's tally is no one party's figure; "planning to fine" is a proposal; "as much as" a maximum
    ("The ICO said today it is planning to fine Marsh Texts Ltd for sending millions of spam texts.\n\nThe ICO "
     "can fine companies sending spam texts as much as £500,000.", "Marsh Texts Ltd", None, "provisional"),
    ("A busy month for the ICO, with enforcement action totalling £495,000 for unsolicited marketing.\n\n"
     "Marsh Cars Limited was fined for sending emails without consent.", "Marsh Cars Limited", None, "final"),
])
def test_the_partys_own_figure_since_1_13(extractor: Extractor, text: str, organisation: str, amount: int | None,
                                          status: str) -> None:
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.amount_gbp, action.status) == (organisation, amount, status)


def test_a_figure_the_text_calls_compensation_is_no_penalty(extractor: Extractor) -> None:
    text = ("Ex-health adviser ordered to pay £3,000 over unlawful access of patient records\n\nJon Fenland pleaded "
            "guilty to unlawfully obtaining personal data when he appeared at Marsh Magistrates' Court.\n\n"
            "He was ordered to pay £250 compensation to 12 patients, totalling £3,000.")
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == ("prosecution", None)


@pytest.mark.parametrize("text, organisation", [
    # one party counted in with others, with the singular verb
    ("Law firm data breach highlights risks to victims\n\nMarsh Quinn, based in Fenland, was among seven "
     "organisations reprimanded by the Information Commissioner's Office (ICO) in the past 14 months for data "
     "breaches affecting victims of domestic abuse.", "Marsh Quinn"),
    # an undertaking the regulator made the party sign
    ("Stolen laptop contained data on 110,000 people\n\nMarsh Trustees has had its wrist slapped by the ICO after "
     "a laptop was stolen.\n\nThe laptop was taken from the server room of Fenland Arinso, which supplies "
     "pension software to Marsh.\n\nThe ICO has made Marsh Trustees sign a formal undertaking to improve its data "
     "handling.", "Marsh Trustees"),
    # the latest to be required to sign one, a second body told after it
    ("Fenland Healthcare NHS Trust has become the latest NHS organisation to be required to sign an undertaking "
     "by the Information Commissioner's Office.\n\nThe Information Commissioner's Office has also required NHS "
     "Marsh to sign an undertaking not to breach the DPA.", "Fenland Healthcare NHS Trust"),
    # a prosecution told without court words: the person at their work, not the employer
    ("First criminal sentence obtained by ICO\n\nThis is the first criminal prosecution brought by the ICO "
     "resulting in a custodial sentence.\n\nJon Fenland, whilst working for a vehicle repair firm called Marsh "
     "Accident Repair Services, used colleagues' log-in details to access customer records.", "Jon Fenland"),
    # a share's "One", a time phrase's "Back", a place after "in south", an aside closed by a dash
    ("Brexit campaigners broke privacy laws with spam texts\n\nOne of the main campaign groups in favour of "
     "leaving the European Union - an outcome everyone calls Fenexit—has been fined £50,000 for spamming people."
     "\n\nThe ICO said it was fining Better for the Fens Ltd, which sent 500,000 texts.", "Better for the Fens Ltd"),
    ("ICO fines - don't fall foul of the rules\n\nBack in March, Fenland Pacific were fined £500,000 for failing "
     "to protect the security of its customers' personal data.", "Fenland Pacific"),
    ("The ICO issued the warning after a headteacher in south London, was fined after admitting two offences of "
     "unlawfully obtaining personal data.\n\nMarsh Magistrates Court heard how Jon Fenland, uploaded data about "
     "pupils from his previous school.", "Jon Fenland"),
    # the person a story opens on at their work, in a story of a guilty verdict
    ("Former call centre advisor found guilty of accessing patient records\n\nJon Fenland had worked as a "
     "service advisor at the Marsh call centre. Mr Fenland had a disagreement with a caller, which resulted in a "
     "complaint.\n\nHis girlfriend Jane Ouse, who worked as a nurse at the centre, was not charged.", "Jon Fenland"),
    # parties named after their kind
    ("The Information Commissioner's Office has fined charities the Fenland Animal Trust and the Marsh Heart "
     "Foundation £25,000 and £18,000 respectively for wealth screening.", "Fenland Animal Trust"),
    # the regulator's own head is no party, however the sentence puts him
    ("Data breaches put domestic abuse victims at risk\n\nJon Marsh, who leads the Information Commissioner's "
     "Office (ICO), has reprimanded seven organisations for the breaches.\n\nThe organisations include Fenland "
     "District Council, which has been reprimanded for disclosing a victim's address.", "Fenland District Council"),
    # a headline run into the next line's subject
    ("Fen Office Reprimanded by ICO Over June 2025 Data Breach Exposing 502 Claimants\nThe Fen Office has been "
     "reprimanded by the Information Commissioner's Office (ICO) following a data breach.", "Fen Office"),
    # a person named after their employer and job
    ("The ICO has successfully brought a prosecution against Fenland Connections Trust worker, Jon Marsh, for "
     "copying and sharing sensitive personal data without authorisation.", "Jon Marsh"),
])
def test_ways_a_story_names_its_party_since_1_13(extractor: Extractor, text: str, organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


def test_a_party_counted_in_with_others_over_years_is_statistics(extractor: Extractor) -> None:
    text = ("Marsh Data was one of 42 organisations given reprimands since GDPR came into force in 2018. Most "
            "of those were in the public sector.")
    assert extractor.extract(text, kind="article") == []


@pytest.mark.parametrize("text, organisation", [
    # a name the story keeps opening its sentences with, which the NER model does not tag
    ("Fines Issued to Companies\n\nThe UK Government launched a scheme giving people a discount on bicycle "
     "repairs.\n\nFenmarsh, a well-known brand for cycle repairs, took this opportunity to email 498,179 former "
     "customers who had opted out. Fenmarsh attempted to justify emailing them under legitimate interest.\n\n"
     "The ICO determined that legitimate interest was not valid for Fenmarsh in this case.", "Fenmarsh"),
    # a finding with "did not comply", the other company opening more sentences
    ("An NHS trust failed to comply with data protection law when it provided data on 1.6 million patients to "
     "Fenmind, the Information Commissioner's Office (ICO) has ruled.\n\nFenmind, which is owned by a search "
     "company, accessed the patient information from the Marsh Free NHS Foundation Trust as part of a test.\n\n"
     "Following an investigation, the ICO said the Marsh Free did not comply with the Data Protection Act when "
     "it provided the information.\n\nFenmind, the app maker, welcomed the ruling. Fenmind builds apps for "
     "hospitals.", "Marsh Free NHS Foundation Trust"),
])
def test_the_subject_a_story_keeps_and_its_finding_since_1_13(extractor: Extractor, text: str,
                                                               organisation: str) -> None:
    assert main_action(extractor, text, kind="article").organisation == organisation


def test_a_caption_printed_twice_and_a_speaker_are_no_repeated_subject(extractor: Extractor) -> None:
    text = ("Council data blunder\n\nJon Fenland has had the council send him letters about fraud cases.\n\n"
            "Jon Fenland has had the council send him letters about fraud cases.\n\nJane Ouse, head of policy at "
            "the council, said it was sorry. Jane Ouse, a council officer, said staff were retrained.\n\nFenland "
            "Borough Council has signed an undertaking with the ICO after Jon Fenland complained to Jane Ouse.")
    assert main_action(extractor, text, kind="article").organisation == "Fenland Borough Council"


@pytest.mark.parametrize("text, people", [
    # whom an email was meant for is not whom it reached
    ("The ICO has fined Fenland Trust £78,400 following the disclosure of 1,781 email addresses belonging to "
     "patients.\n\nThe Trust intended to send a bulk email relating to an art competition to "
     "approximately 5,000 patients. A member of staff sent "
     "the email to 1,781 patients in the open.", 1_781),
    # "UK" in the party's own name says nothing of where people are; "9.4 million of Fenmaster's customers"
    ("The ICO has fined Fenmaster UK Limited over a breach which potentially affected over 9 million customers "
     "across the EU.\n\nThe breach potentially affected 9.4 million of Fenmaster's customers across Europe with "
     "approximately 1.5 million in the UK.", 9_400_000),
    # a complaint's one complainant
    ("The ICO has reprimanded Fenland Police after it lost two hours of custody CCTV.\n\nThe commissioner ruled "
     "that the force failed to keep the complainant's personal data safe.", 1),
    # an email sent to them, the verb in the infinitive
    ("Fenmarsh took the opportunity to email 498,179 former customers who had opted out.\n\nThe ICO has fined "
     "Fenmarsh Ltd £30,000 for the emails.", 498_179),
    # the applicants whose CVs were emailed
    ("The ICO has prosecuted and fined a recruitment agent for emailing the CVs of 26 job applicants to his new "
     "employer.", 26),
    # a messaging group's members are no people affected
    ("The ICO has reprimanded Fenland Police after officers shared information in a messaging group.\n\nThe probe "
     "found that in total the group included 241 officers from several forces and that while personal information "
     "was being shared, no safeguards were in place.", None),
])
def test_people_affected_since_1_13(extractor: Extractor, text: str, people: int | None) -> None:
    assert main_action(extractor, text, kind="article").subjects_affected == people


@pytest.mark.parametrize("text, status", [
    # an appeal made and lost: the penalty stands
    ("The ICO fined Fenland Protect Ltd £40,000 for nuisance calls.\n\nFenland Protect Ltd appealed against the "
     "fine, issued under PECR, and lost.", "final"),
    # an appeal under way, told in the past tense
    ("The ICO has fined Marsh Financial Ltd £300,000 for automated calls, though the company said it was appealing "
     "the decision.", "appealed"),
    ("The ICO has fined Marsh Financial Ltd £300,000 for automated calls.\n\nMarsh Financial responded that it had "
     "instructed its solicitors to appeal the fine.", "appealed"),
])
def test_an_appeal_lost_and_one_under_way_since_1_13(extractor: Extractor, text: str, status: str) -> None:
    assert main_action(extractor, text, kind="article").status == status


@pytest.mark.parametrize("sentence", [
    # "convicted" describing a named person
    "So I hadn't appreciated that convicted rapist Jon Marsh was still listed as a director of Fenland Town FC.",
    # the law's ceiling a change could raise, with its figure
    "A failure to comply with PECR can currently result in a fine of up to £500,000, but changes to the law could "
    "increase the maximum fine to £17.5m.",
])
def test_a_described_person_and_a_ceiling_are_no_action(sentence: str) -> None:
    assert not speaks_of_enforcement(sentence)


def test_a_figures_decimals_after_a_name_are_cut() -> None:
    # "The ICO fined Fenmaster UK Limited 1.39 million euros"
    assert trim_name("Fenmaster UK Limited 1.39") == "Fenmaster UK Limited"


def test_a_short_run_before_the_is_part_of_the_name() -> None:
    assert trim_name("Join The Fenboo Limited") == "Join The Fenboo Limited"


# ---- one field of a press page, as phrasings read on round two's check sets give it -----------------------
@pytest.mark.parametrize("text, field, value", [
    # another party's fine, told after its own subject, is not this one's
    ("Tribunal orders Fenkip to reveal referendum data use\n\nThe Fenkip Party has been ordered to reveal "
     "how it used data after it lost an appeal against an information notice from the ICO.\n\nFenbook also "
     "came in for criticism from the information commissioner and was fined £500,000 in the wake of the "
     "scandal.", "amount_gbp", None),
    # enforcement action taken against a party is an action
    ("Information Commissioner's Office takes action against an NHS Trust over poor data practices\n\nLast week "
     "the ICO announced the enforcement action it has taken against the Fenland and Marsh NHS Foundation Trust.",
     "organisation", "Fenland and Marsh NHS Foundation Trust"),
    # the exact count a rounded one stands for
    ("Fenland Media fined £50,000 for marketing emails\n\nIn a message about tariffs, Fenland told the "
     "unfortunate 451,217 recipients it knew they had opted out.\n\nThe telco said the 451,000 recipients "
     "had been spammed after opting out more than a year ago.", "subjects_affected", 451_217),
    # a place before a plural kind is no party: the two bodies go unnamed
    ("ICO reprimands Fenland bodies for data protection failures with email\n\nTwo public sector organisations "
     "in Fenland have been reprimanded by the ICO for disclosing people's information inappropriately.",
     "organisation", None),
    # the regulator's 20% off, also where the text calls the full figure the original one
    ("Marshford Council Fined £56,000 Over Exposed Files\n\nThe ICO initially fined Marshford Council £70,000, "
     "which came down to £56,000 as the council paid promptly.", "amount_gbp", 70_000),
    # one group's fines together are the group's penalty
    ("Marshford hit with £14m penalty\n\nThe ICO has fined Marshford £14m after a cyber attack. Marshford plc "
     "has been fined £8m and Marshford Pension Solutions has been fined £6m, a combined total of £14m.",
     "amount_gbp", 14_000_000),
    # a name the capture ran on into "and" is still the party's
    ("AuthorsFen SmithOuse Jones\n\nIn October the ICO announced a £14m penalty against Marshford and its "
     "subsidiary Marshford Pensions after a ransomware attack.", "organisation", "Marshford"),
    # a notice of intent in quotation marks
    ("Photo site blocks UK users as ICO signals intention to levy fines\n\nThe ICO has issued a “notice of "
     "intent” to fine Marshford Media Ltd over its use of children's data.", "status", "provisional"),
    # a body that is often a party is no other regulator where it is the one fined
    ("Prison data loss costs ministry £180,000\n\nThe Ministry of Justice has been fined £180,000 after a "
     "prison lost a hard drive. The drive was not encrypted.", "amount_gbp", 180_000),
    # the penalty served on a place's council, written in lower case
    ("Two misdirected faxes have cost a county council £100,000.\n\nThe Information Commissioner served the "
     "penalty on Marshford county council after the faxes reached the wrong people.", "organisation",
     "Marshford County Council"),
    # what the party is and the day, around its name; "a penalty worth" is the penalty
    *[(("The UK regulator slapped discussion site Marshford on Tuesday with a fine worth about $20 million.\n\n"
        "The ICO said the penalty worth 14.5 million pounds followed its use of children's data. Weeks ago it "
        "hit Fenbury, which runs a photo site, with a 247,590 pound fine."), field, value)
      for field, value in (("organisation", "Marshford"), ("amount_gbp", 14_500_000))],
    # another case's figure, told as the fine the regulator issued to it
    ("The ICO has fined Marshford Express £90,000 for sending four million marketing emails. Its fine is far "
     "below the £20 million fine the ICO issued to Fenland Airways in 2020.", "amount_gbp", 90_000),
    # one party's own total, told with a singular verb, over another firm's figure
    ("Cardiff caller fined £240k\n\nA company has been fined £240,000 for marketing calls. Marshford Strategies "
     "Ltd (MSL) made a million calls to people who had opted out.\n\nMSL has been fined a total of £240,000; a "
     "second firm in London was fined £100,000.", "amount_gbp", 240_000),
    # a court's fine, with the costs ordered in a clause of their own
    ("A former Marshford Council employee has been prosecuted by the ICO. She pleaded guilty and was fined "
     "£1,000, as well as being told to pay towards prosecution costs.", "amount_gbp", 1_000),
])
def test_press_phrasings_read_in_round_two(extractor: Extractor, text: str, field: str, value: object) -> None:
    assert getattr(main_action(extractor, text, kind="article"), field) == value


def test_not_only_negates_nothing() -> None:
    sentence = ("This case is notable as not only is it the first enforcement notice to be issued under the GDPR, "
                "but it is also the first against a company outside the UK.")
    assert not says_no_action(sentence)
    assert says_no_action("The ICO has not issued an enforcement notice to the company.")


@pytest.mark.parametrize("pattern, sentence, name", [
    # the party and a body of its own ...
    ("fine_on", "The ICO announced a £14m penalty against Marshford and its subsidiary Marshford Pensions.",
     "Marshford"),
    # ... but a person fined "and the company": the company is the party, named elsewhere
    ("fined_x", "ICO has fined Fen Smith and the company approximately $664,000 for lacking protection.", ""),
])
def test_a_name_captured_up_to_and(pattern: str, sentence: str, name: str) -> None:
    m = PARTY_PATTERNS[pattern].search(sentence)
    assert m is not None and captured_name(sentence, m) == name


PHRASINGS_SINCE_1_17: list[tuple[str, str, object]] = [
    # a body called "Department of Justice", named again and again, is no judge and no court case
    ("Fenland Department of Justice fined for lost files\n\nFenland's Department of Justice has been fined "
     "£95,000 after a box of victims' files was left on a train. The Justice Minister said the Department of "
     "Justice regretted the loss. The fine was imposed by the Information Commissioner's Office. The Department "
     "of Justice has since moved its files to a locked store, the Department of Justice said.",
     "amount_gbp", 95_000),
    # a criminal case the regulator brought, told in the court's words ("the defendant")
    ("Commissioner repeats call for prison sentences\n\nThe sentence handed down at Marshworth Crown Court went to "
     "a defendant who had pleaded guilty to selling 9,000 customers' records. The prosecution by the ICO began "
     "when the defendant's employer reported him. A second defendant was fined for buying the records, and "
     "the defendant's lawyer spoke for both. The "
     "defendant at Marshworth Crown Court was sentenced to a fine of £1,000, and ordered to pay a £100 victim "
     "surcharge and £500 prosecution costs.", "action_type", "prosecution"),
    # ... whose fine is not the surcharge, and whose court's name ends in "worth" (no firm's worth)
    ("The defendant was prosecuted by the ICO. The defendant at Marshworth Crown Court was sentenced to a fine "
     "of £1,000, and ordered to pay a £100 victim surcharge and £500 prosecution costs.", "amount_gbp", 1_000),
    # an action short of a fine: the notice is the action, the penalty was never imposed
    ("The ICO has taken further action against Fenbury over the data its mapping cars collected, but has "
     "stopped short of a monetary penalty. It has served an enforcement notice ordering Fenbury to delete the "
     "data within 35 days.", "action_type", "enforcement_notice"),
    # the statutory maximum, imposed
    ("Calls without consent lead to maximum fine\n\nThe ICO has fined Marshford Dialling Limited the maximum "
     "£500,000 for making millions of automated calls without consent.", "amount_gbp", 500_000),
    # a department of a council is the council's
    ("The ICO has fined the Children's Services Department of Fenland County Council £60,000 after a social "
     "worker sent a report to the wrong family.", "organisation", "Fenland County Council"),
    # a promise made to the regulator is an undertaking
    ("ICO raps two hospital trusts\n\nThe ICO has criticised two trusts after staff lost laptops. Fenland "
     "Hospitals NHS Trust had two unencrypted laptops stolen. Marsh Community NHS Trust lost a disk. Both of "
     "the trusts have promised the ICO they will encrypt all devices and train staff.", "action_type",
     "undertaking"),
]


@pytest.mark.parametrize("text, action_type", [
    # a maximum only possible is no penalty imposed
    ("The ICO said Marshford Dialling Limited could be fined the maximum £500,000 once it ends its inquiry.",
     None),
    # a court case between private parties, with a judge by title, is still no regulator action
    ("Mr Justice Fenwick ruled for the claimant. The claimant said the defendant had misused her data. The "
     "defendant argued the claim form was served late. The judge said the claimant could recover damages. The "
     "High Court awarded the claimant £5,000 from the defendant, who was fined by the court for contempt.", None),
])
def test_what_was_not_imposed_since_1_17(extractor: Extractor, text: str, action_type: str | None) -> None:
    actions = extractor.extract(text, kind="article")
    assert (actions[0].amount_gbp if actions else None) is None


def test_a_window_before_a_figure_holds_whole_words() -> None:
    from pipeline.extract.rules.amount import words_before
    sentence = "sentenced at Marshworth Crown Court to a fine of £1,000"
    assert words_before(sentence, sentence.index("£"), 30) == " Crown Court to a fine of "
    assert words_before(sentence, sentence.index("£"), 200) == sentence[:sentence.index("£")]


# What is not done in answer to a sanction, contractions, a sanction told as the regulator's own,
# the opening below page furniture and the people a page names besides its party (1.18.0).
PHRASINGS_SINCE_1_18: list[tuple[str, str, object]] = [
    # not appealing a fine says it was imposed
    ("Fenland Care will not appeal against fine over lost files\n\nThe care charity Fenland Care has paid "
     "the £60,000 fine it was given for losing files about children, its chief executive said.",
     "amount_gbp", 60_000),
    # a contraction negates like "not" ...
    ("Fenland Bank escapes a fine\n\nThe ICO has issued the bank with a warning but decided not to issue a "
     "fine.\n\nWhy the ICO didn't fine Fenland Bank\n\nThe bank sent wrong balances to credit agencies. "
     "Customers complained. The bank apologised. In its official reprimand, the ICO told Fenland Bank to "
     "check its data.", "action_type", "reprimand"),
    # ... within its own clause: "people who didn't want calls" negates no fine
    ("A double glazing firm that kept calling people who didn't want its calls has been fined £40,000. "
     "Fenland Windows Ltd made 12,000 calls in 2020, the ICO found.", "amount_gbp", 40_000),
    # "will not have to pay a fine" is one clause; the agreement is the action
    ("Fenland Post dodges ICO fine\n\nFenland Post will not have to pay a fine following the breach of "
     "70,000 customer records, the ICO has said. The website has instead come to an agreement with the "
     "ICO to put better security in place.", "action_type", "undertaking"),
    # a public pledge signed is an undertaking
    ("Fenchat agrees not to share data with its parent\n\nThe ICO has completed its investigation of "
     "Fenchat. The messaging app has signed a public pledge not to share its users' data with its parent "
     "company after the ICO ruled that doing so would be unlawful.", "action_type", "undertaking"),
    # an agency named as one is a party, not a description
    ("ICO raps insurance firm for data breach\nFenland Managing Agency lost a disk with data on 2,100 "
     "policyholders.\nThe ICO has taken action against an insurance company after a data breach.\nKent-based "
     "Fenland Managing Agency, part of Marsh Group, lost an unencrypted disk holding the records, and was "
     "forced by the ICO to sign a formal undertaking.",
     "organisation", "Fenland Managing Agency"),
    # an opening that describes the party, then a sentence that names it by what it does
    ("A health clinic that revealed its patients' identities in a group email has been fined by the UK's "
     "data watchdog. The Fenland Patient Network provides support for people living with HIV. Twice, staff "
     "emailed 200 members without hiding their addresses.\n\nShaun Marsh, director of Ouse Health Trust, an "
     "HIV charity not involved in the case, said the mistake was easy to make.", "organisation",
     "Fenland Patient Network"),
    # the story below a page's furniture still opens the story
    ("Skip to the content\n\nICO reprimands two Fenland bodies\n\n03/08/23\n\nJo Marsh Managing Editor\n\n"
     "Get Fenbury News\n\nShare\n\nemail icon\n\nImage source: stock\n\nTwo public sector organisations in "
     "Fenland have been reprimanded by the ICO for disclosing people's information by email.\n\nThe ICO said "
     "the Fenland Patient Council (FPC) and the Marsh Office disclosed recipients' details by using the "
     "wrong email options.\n\nThe FPC had sent an email to 15 people using the carbon copy option.",
     "organisation", "Fenland Patient Council"),
]


def test_the_authors_employer_is_no_party(extractor: Extractor) -> None:
    text = ("Privacy Adviser\n\nReceptionist prosecuted for reading records\n\nApril 1, 2013\n\nBy Jane Marsh\n\n"
            "The ICO has prosecuted a former receptionist at a GP surgery for unlawfully obtaining medical "
            "information about her former partner.\n\nThe individual was prosecuted under section 55 of the Data "
            "Protection Act, fined £750 and ordered to pay a £15 victim surcharge.\n\nJane Marsh, CIPP/E, is a "
            "privacy and information adviser at Fenland Ouse Waterhouse LLP.")
    action = main_action(extractor, text, kind="article")
    assert action.action_type == "prosecution"
    assert action.organisation != "Fenland Ouse Waterhouse LLP"


def test_a_described_opening_then_a_name_with_what_it_does(extractor: Extractor) -> None:
    from pipeline.extract.rules.party import rule_described_subject
    text = ("A health clinic that revealed its patients' identities in a group email has been fined by the UK's "
            "data watchdog. The Fenland Patient Network provides support for people living with HIV. Twice, staff "
            "emailed 200 members without hiding their addresses.")
    p = extractor._prepare(text, None, "article", None, {})
    assert [m.name for m in rule_described_subject(p)] == ["Fenland Patient Network"]
    # a speaker named next is no subject described
    quoted = text.replace("The Fenland Patient Network provides support for people living with HIV.",
                          "Jo Marsh Fenwick says the loss is regrettable.")
    assert [m.name for m in rule_described_subject(extractor._prepare(quoted, None, "article", None, {}))] == []


# Other cases a story announces, press verbs for fining, an undertaking signed and plural subjects (1.19.0).
PHRASINGS_SINCE_1_19: list[tuple[str, str, object]] = [
    # "not just fines" is no negation
    ("ICO calls for prison sentences, not just fines -\n\nA former Fenland bank employee has been fined over "
     "£3,000 by the ICO for reading customer records. Jo Marsh, 27, appeared at Fenbury Magistrates Court today. "
     "She was prosecuted under section 55 of the Data Protection Act and fined £2,990.", "organisation", "Jo Marsh"),
    # the councils a story says are other cases, and a month before a name
    ("Fenland Council has pledged to tighten up on data security after it lost a file about 73 care users.\n"
     "The borough signed an agreement to improve its security after the ICO ruled it had breached the Act.\n"
     "Fenland Council's chief executive said the council would comply.\nSimilar incidents have occurred in "
     "other councils in recent months.\nIn July, Marsh Town Council signed an undertaking with the ICO after "
     "losing a memory stick, and in June Ouse Council was reprimanded when staff details were emailed.",
     "organisation", "Fenland Council"),
    # a press verb for fining, before a figure without the word "fine"
    ("The ICO has slapped Fenland Telecom with a £77,000 for spamming customers with marketing emails. The "
     "ICO said the fine followed complaints from customers.", "amount_gbp", 77_000),
    # a person who signed an undertaking ...
    ("UK: ICO requires barrister to sign undertaking after theft of laptop\n\nThe ICO has announced that a "
     "London barrister, Jo Fenwick Marsh,  signed an undertaking following the theft of a laptop from her home.",
     "organisation", "Jo Fenwick Marsh"),
    # ... but not the officer who signs for the party
    ("Fenland Soaps promises to protect card data\n\nThe retailer Fenland Soaps has been told to protect its "
     "customers' card details after its website was hacked. The retailer's managing director Jo Marsh signed an "
     "undertaking to make sure card data is handled properly.", "organisation", "Fenland Soaps"),
    # a plural subject "have been issued with"
    ("Party broke privacy rules with calls\n\nThe Fenland Democrats have been issued with an enforcement notice "
     "after calling 250,000 people with a recorded message.", "organisation", "Fenland Democrats"),
]


def test_a_press_verb_does_not_lift_another_cases_figure(extractor: Extractor) -> None:
    text = ("Fenland Police has been fined £80,000 after sending the names of abuse victims to the wrong people. "
            "The force sent an email to 56 recipients.\n\nIn April, Marsh Police was whacked with a £130,000 fine "
            "by the ICO after it lost disks.")
    assert main_action(extractor, text, kind="article").amount_gbp == 80_000


# The officer who signs, a figure in an undertaking story, press verbs with a figure, and a singular
# subject before a group word (1.20.0).
PHRASINGS_SINCE_1_20: list[tuple[str, str, object]] = [
    ("Fenland Housing has been told to stop emailing tenants' data in spreadsheets after a file reached the "
     "wrong people. Fenland Housing's group chief executive, Jo Marsh, has signed an undertaking to send "
     "personal data by email only where necessary.", "organisation", "Fenland Housing"),
    ("Fenland High School has signed an undertaking issued by the ICO after a laptop holding pupils' data was "
     "stolen. The Ministry of Justice has completed a consultation on whether the maximum fine for breaches "
     "of the principles should be increased to £500,000.", "action_type", "undertaking"),
    ("Loan firm pays the price for unlawful texts\n\nThe ICO's latest enforcement action has seen mortgage "
     "broker Fenland Financial whacked for £50,000 for sending 174,342 marketing texts.", "amount_gbp", 50_000),
    ("A firm promising to generate leads for businesses has been fined £70,000 for making more than 100,000 "
     "nuisance calls. Fenland Leads Ltd denied using an automatic dialler.", "amount_gbp", 70_000),
]


def test_a_forces_place_is_no_part_of_its_name() -> None:
    assert tidy_name("Fenland Police Force in Wales") == "Fenland Police Force"


def test_the_law_a_notice_cites_after_a_name_is_no_part_of_it() -> None:
    # "contraventions by the Fenland Office of Articles 5(1)(f) and 32(1)", split over two lines
    assert tidy_name("Fenland Office of Articles") == "Fenland Office"
    assert tidy_name("Office of Fair Trading") == "Office of Fair Trading"


# Two parties joined by "and", each named alone elsewhere; a currency's code is no party (1.21.0).
PHRASINGS_SINCE_1_21: list[tuple[str, str, object]] = [
    ("Two energy firms fined £250,000 each\n\nThe ICO has fined Fenland Spark Energy and Marsh Home "
     "Marketing £250,000 each for making nuisance calls. Fenland Spark Energy made 9,000 calls to people "
     "on the TPS. The director of Fenland Spark Energy and later of Marsh Home Marketing ran both. Marsh "
     "Home Marketing made the rest.", "organisation", "Fenland Spark Energy"),
    ("Payday lender convicted\n\nA payday lender has been prosecuted for failing to register with the ICO. "
     "Fenland Loans Ltd was duly convicted and fined GBP£500 at Fenbury Magistrates Court. The court also "
     "fined GBP£150 to its director.", "organisation", "Fenland Loans Ltd"),
]


def test_a_currency_code_is_no_party() -> None:
    assert is_blocked("GBP")


# An undertaking told without the word, as the press told it before the GDPR: a breach of the
# Data Protection Act the regulator found, a legally binding agreement, an order from the ICO.
PHRASINGS_SINCE_1_23: list[tuple[str, str, object]] = [
    ("Council found in breach over lost files\n\nThe Information Commissioner's Office has found Fenbury "
     "Borough Council in breach of the Data Protection Act after a social worker left the case files of 40 "
     "children on a bus in 2010. The council said it was changing how files leave its offices.",
     "action_type", "undertaking"),
    ("Health board broke data laws\n\nA Scottish health board broke data protection laws by leaving "
     "patients' records in a closed hospital, the Information Commissioner has ruled. NHS Fenbury said it "
     "had since cleared the building.", "action_type", "undertaking"),
    ("Trusts sign up to data pledge\n\nFenbury Hospitals NHS Trust and Marsh Community Health have become "
     "the latest organisations to sign legally binding agreements to abide by the Data Protection Act after "
     "laptops holding patient details were stolen.", "action_type", "undertaking"),
    ("Union told to lock down laptops\n\nThe Fenland Teachers Union has been ordered by the ICO to encrypt "
     "all its laptops after one holding the details of 3,000 members was stolen from a car.",
     "action_type", "undertaking"),
]


def test_a_breach_found_under_the_gdpr_is_no_undertaking(extractor: Extractor) -> None:
    # from May 2018 the regulator's answer to a breach it finds, short of a fine, is a reprimand
    text = ("Council found in breach over lost files\n\nThe Information Commissioner's Office has found Fenbury "
            "Borough Council in breach of the Data Protection Act and the UK GDPR after a social worker left the "
            "case files of 40 children on a bus in 2021.")
    assert main_action(extractor, text, kind="article").action_type != "undertaking"


# Every phrasing above, read since 1.17.0.
@pytest.mark.parametrize("text, field, value", PHRASINGS_SINCE_1_17 + PHRASINGS_SINCE_1_18 + PHRASINGS_SINCE_1_19
                         + PHRASINGS_SINCE_1_20 + PHRASINGS_SINCE_1_21 + PHRASINGS_SINCE_1_23)
def test_press_phrasings_read_in_round_two_since_1_17(extractor: Extractor, text: str, field: str,
                                                       value: object) -> None:
    assert getattr(main_action(extractor, text, kind="article"), field) == value


def test_a_section_title_inside_a_story_does_not_name_its_action(extractor: Extractor) -> None:
    """ "Enforcement notice" as a subheading below the news of a fine titles one part of the story."""
    text = ("ICO fines Fenface AI £7.5m\n"
            "On 23 May 2022 the ICO announced that it had fined Fenface AI, a facial recognition firm, £7.5 million.\n"
            "The fine was imposed over its practice of collecting pictures of people without their consent.\n"
            "Enforcement notice\n"
            "The ICO also issued an enforcement notice ordering Fenface AI to delete the data of UK residents.\n")
    action = main_action(extractor, text, kind="article")
    assert (action.action_type, action.amount_gbp) == ("monetary_penalty", 7_500_000)
