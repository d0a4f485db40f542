"""The penalised party as a person would name it, and the organisations a database already knows."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.extract import Extractor, default_extractor
from pipeline.extract.extractor import is_blocked_name
from pipeline.extract.roles import PartyTally, same_party
from pipeline.extract.rules.party import (
    ESCAPED_SUBJECT_RE,
    PARTY_PATTERNS,
    PARTY_WEIGHTS,
    capitalised_only_by_grammar,
    captured_name,
    tidy_name,
)
from pipeline.extract.vocabulary import OrdinaryWords


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return default_extractor()


@pytest.mark.parametrize("captured, name", [
    ("CT20 3SE 1. Saga Services Limited", "Saga Services Limited"),
    ("PECR. Thermotech Wall and Loft Surveys Ltd", "Thermotech Wall and Loft Surveys Ltd"),
    ("Leeds-based Brazier Consulting Services Ltd", "Brazier Consulting Services Ltd"),
    ("2016-10-05 TalkTalk", "TalkTalk"),
    ("5 June 2024 Acme Widgets Ltd", "Acme Widgets Ltd"),
    ("Easylife Limited in October 2022", "Easylife Limited"),
    ("Acme Widgets Ltd on 3 March 2021", "Acme Widgets Ltd"),
    ("What Acme Widgets", "Acme Widgets"),
    ("While Fenland Police", "Fenland Police"),
    ("Police Service of Northern Ireland GBP 75", "Police Service of Northern Ireland"),
    ("Acme Widgets Ltd £40", "Acme Widgets Ltd"),
    ("Acme Widgets Ltd of Great Yarmouth", "Acme Widgets Ltd"),
    ("UK's Independent Inquiry into Harbour Safety", "Independent Inquiry into Harbour Safety"),
    ("Britain's biggest lender Fenland Bank", "Fenland Bank"),
    ("Acme Widgets Limited in Crewe", "Acme Widgets Limited"),
    ("British", ""),
    ("ISP", ""),            # what the party is ("broadband ISP and TV operator Acme Media")
    ("39-year-old Mr Jon Reed of Cardiff Bay", "Mr Jon Reed"),
    ("Dr Ann Lee from Leeds", "Dr Ann Lee"),
    ("Fenland Health Board Ordered to", "Fenland Health Board"),
    ("Marsh Trust Hit With Record Fine", "Marsh Trust"),
    ("Marshford Department Should Have Been", "Marshford Department"),
    # a link to the document: its words before the name, the action after it, a bracket left open
    ("View PDF of the Fenland District Council Undertaking (Breach Watch Archive", "Fenland District Council"),
    ("Download the Marsh Care Ltd Monetary Penalty Notice", "Marsh Care Ltd"),
    ("Second Enforcement Notice", ""),
    ("Open University", "Open University"),
    # the law a register's title names after a dash
    ("Fenland Smith – Proceeds of Crime Act", "Fenland Smith"),
    ("Marsh Ltd - Data Protection Act 2018", "Marsh Ltd"),
    ("Rolls-Royce Holdings", "Rolls-Royce Holdings"),
    # where a public body is, after its kind
    ("Fenland County Council in Wales", "Fenland County Council"),
    # a quantifier that opened the clause
    ("Both Fenland Police", "Fenland Police"),
    ("Each Marsh Borough Council", "Marsh Borough Council"),
    # left alone: a name that merely starts like a date or an adjective
    ("British Airways", "British Airways"),
    ("Bank of Scotland", "Bank of Scotland"),
    ("May Gurney Ltd", "May Gurney Ltd"),
    ("3M United Kingdom PLC", "3M United Kingdom PLC"),
    ("GBP Holdings Ltd", "GBP Holdings Ltd"),
    ("Bank of Ireland", "Bank of Ireland"),
    ("April", ""),
    ("March 2023", ""),
])
def test_names_as_a_person_writes_them(captured: str, name: str) -> None:
    assert tidy_name(captured) == name


def test_weights_are_one_table() -> None:
    # Every rule that yields a mention has a weight, and the strongest evidence is the listing's.
    assert max(PARTY_WEIGHTS, key=PARTY_WEIGHTS.__getitem__) == "listing_organisation"
    assert PARTY_WEIGHTS["to_line"] > PARTY_WEIGHTS["enforcement_pattern"] > PARTY_WEIGHTS["org_entity"]


def test_a_notice_address_block_does_not_become_the_name(extractor: Extractor) -> None:
    text = ("ENFORCEMENT NOTICE\n\nTo: CT20 3SE 1. Folkestone Widgets Limited\n\n"
            "The Commissioner has decided to issue Folkestone Widgets Limited with an enforcement notice "
            "for sending unsolicited marketing messages.")
    [action] = extractor.extract(text, kind="notice")
    assert action.organisation == "Folkestone Widgets Limited"


def test_a_known_name_in_capitals_is_spelt_as_known() -> None:
    extractor = Extractor(default_extractor().nlp, known_organisations=["Quillfeather Books"])
    text = ("WATCHDOG ACTS ON QUILLFEATHER BOOKS\n"
            "The ICO has fined QUILLFEATHER BOOKS £40,000 for sending 90,000 unsolicited marketing emails.")
    [action] = extractor.extract(text, kind="article")
    assert action.organisation == "Quillfeather Books" and action.amount_gbp == 40_000


def test_a_known_name_finds_a_party_no_pattern_names(extractor: Extractor) -> None:
    text = ("Data watchdog acts over nuisance calls\n"
            "Regulators said the calls made by Zellmont Parcels breached the rules on marketing. "
            "A penalty notice was served and a fine of £120,000 imposed.")
    before = extractor.extract(text, kind="article")[0].organisation
    knowing = Extractor(extractor.nlp, known_organisations=["Zellmont Parcels"])
    [action] = knowing.extract(text, kind="article")
    assert action.organisation == "Zellmont Parcels"
    assert before != "Zellmont Parcels" or action.organisation == before


def test_lower_case_words_never_match_a_known_name(extractor: Extractor) -> None:
    knowing = Extractor(extractor.nlp, known_organisations=["Advanced"])
    text = ("Acme Widgets Ltd fined £10,000\n"
            "Acme Widgets Ltd has been fined £10,000 after advanced persistent attackers stole data.")
    [action] = knowing.extract(text, kind="article")
    assert action.organisation == "Acme Widgets Ltd"


def _db_with(path: Path, names: list[str]) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
    conn.execute("CREATE TABLE organisation_aliases (organisation_id TEXT, alias TEXT NOT NULL)")
    for i, name in enumerate(names):
        conn.execute("INSERT INTO organisations VALUES (?, ?)", [f"org-{i}", name])
        conn.execute("INSERT INTO organisation_aliases VALUES (?, ?)", [f"org-{i}", name.upper()])
    conn.commit()
    conn.close()


def test_extract_db_option_reads_known_names(tmp_path: Path) -> None:
    db = tmp_path / "known.db"
    _db_with(db, ["Quillfeather Books"])
    doc = tmp_path / "story.txt"
    doc.write_text("WATCHDOG ACTS ON QUILLFEATHER BOOKS\n"
                   "The ICO has fined QUILLFEATHER BOOKS £40,000 for sending unsolicited marketing emails.\n")
    result = CliRunner().invoke(cli, ["extract", "--json", "--db", str(db), str(doc)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[-1])["actions"][0]["organisation"] == "Quillfeather Books"


def test_extract_db_option_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    doc = tmp_path / "story.txt"
    doc.write_text("Acme Widgets Ltd has been fined £10,000 by the ICO.\n")
    for db in (bad, tmp_path / "missing.db"):
        result = CliRunner().invoke(cli, ["extract", "--db", str(db), str(doc)])
        assert result.exit_code == 1
        assert result.output.strip().count("\n") == 0 and str(db) in result.output
        assert "Traceback" not in result.output


def test_the_demo_database_names_organisations_as_people_write_them(demo_db: Path) -> None:
    """No name in the built demo begins with a postcode, a number, a statute or an "X-based", nor
    ends with the law a register title names after a dash ("– Proceeds of Crime Act")."""
    import re

    bad = re.compile(r"^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\(?\d{1,3}[.)] |(?:PECR|GDPR|UK GDPR|DPA)\b[.:]|"
                     r"\S+-based\b|\d{4}-\d{2}-\d{2}\b)|\s[–—-]\s[^–—-]*\bAct$")
    conn = sqlite3.connect(demo_db)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM organisations UNION SELECT alias FROM organisation_aliases")]
    finally:
        conn.close()
    assert names
    assert [n for n in names if bad.search(n)] == []


@pytest.mark.parametrize("text, party", [
    # an acronym in brackets inside the name
    ("North Fenland Community Healthcare (NFCH) NHS Trust has been fined £80,000 after patient lists "
     "were faxed to the wrong number.", "North Fenland Community Healthcare NHS Trust"),
    # an opening that describes the party, then names it
    ("A Bristol double-glazing company has been fined £60,000 for making nuisance calls. "
     "An investigation found that Brightpane Windows Ltd of Station Road made 200,000 calls to people "
     "registered with the TPS.", "Brightpane Windows Ltd"),
    ("A firm selling loft insulation has been fined £30,000 for nuisance calls. "
     "Warmfill Homes would have been hit with a £60,000 fine but its finances were poor.", "Warmfill Homes"),
    # the capitalised word describes the kind of organisation: its place, not its name
    ("ICO fines Kent pensions company for spam emails. Ashford Pension Partners Ltd sent 2 million emails and "
     "has been fined £40,000.", "Ashford Pension Partners Ltd"),
    # a person named for the business
    ("Gareth Price, of Price Lettings, pleaded guilty at Bangor Magistrates Court to failing to register "
     "with the ICO.", "Price Lettings"),
    # a news release's "has today been": the party NER does not tag, not the body complained about
    ("The Fenland Mayor’s Office has today been reprimanded by the Information Commissioner’s Office (ICO) for a "
     "web glitch that revealed the personal information of people who were complaining about the Fenland Police "
     "Service.", "Fenland Mayor's Office"),
    # a verb of the tabloids; a threatened fine names no party
    ("The watchdog has whacked payday lender Quickcash Direct with a £150,000 monetary penalty for spam texts. "
     "It has also threatened to hit Harbour Mutual with a £300,000 fine.", "Quickcash Direct"),
    # a day, or the word a sentence opens with, is never the party; copy that drops the "has" ("X been
    # fined") still names the one fined
    ("London-based finance company Fenland Finance been fined £70,000 for sending two million spam texts. 92 "
     "people complained to the ICO, which handed down the fine on Monday.", "Fenland Finance"),
    ("After been fined £80,000 for nuisance calls, Fenland Assist has entered liquidation.", "Fenland Assist"),
    # the party in apposition to what it is
    ("In December 2019 the ICO issued a fine for £275,000 to a London-based pharmacy, Fenland Chemists, for "
     "leaving patient records in unlocked crates. Special category data includes details of Trade Union "
     "membership.", "Fenland Chemists"),
    # a name press introduces by its kind, which the small NER model misses
    ("Lost laptop leads to first fine for UK firm\n\nThe ICO has fined two organisations for serious breaches of "
     "the Data Protection Act. The security breach at Fenland-based firm B4x happened in June 2010, after the "
     "company issued an unencrypted laptop to a member of staff.", "B4x"),
    # the party as the indirect object, and a headline's figure before the party
    ("ICO's £14m Fenbook fine puts age checks under scrutiny\n\nThe UK Information Commissioner's Office has "
     "issued Fenbook a provisional notice of intent to fine the company £14 million.", "Fenbook"),
    ("The watchdog has handed Ousely a £50,000 fine for spam texts sent last year.", "Ousely"),
    # the firm complaints were made about; the subject of the breach in the opening
    ("Fenland nuisance-call biz fined £150k after ignoring opt-out list\n\nA sweary biz has been fined £150,000 "
     "for making 64,000 nuisance calls. Some 59 complaints were made about Ousefield Assist UK, which made the "
     "calls over two months.", "Ousefield Assist UK"),
    ("Fenland Uni rapped\n\nOusebridge Polytechnic leaked the personal details of 177 staff in a training "
     "manual. The university has been fined £20,000 by the regulator.", "Ousebridge Polytechnic"),
])
def test_who_press_says_was_penalised(extractor: Extractor, text: str, party: str) -> None:
    assert extractor.extract(text, kind="article")[0].organisation == party


@pytest.mark.parametrize("text, party", [
    ("In December 2021 the ICO issued a £50,000 fine to Northgate Broadband for 450,000 emails sent to "
     "customers who had opted out.", "Northgate Broadband"),
    ("Eleven charities were fined. The largest single fine of £18,000 was issued to the Fenland Animal "
     "Trust, which had shared donor records.", "Fenland Animal Trust"),
    ("Examples published include a reprimand to Fenland Police in November 2022 after a wrongful arrest.",
     "Fenland Police"),
    ("1. One of the last enforcement actions under the 1998 Act against Harbour Credit, and a fine for "
     "failing to secure customers' data.", "Harbour Credit"),
    ("In the quarter we also issued the following enforcement notices:\n"
     "• Fenland County Constabulary - Enforcement notices served in June for failing to answer "
     "subject access requests.", "Fenland County Constabulary"),
])
def test_how_round_ups_and_listings_name_the_party(extractor: Extractor, text: str, party: str) -> None:
    assert extractor.extract(text, kind="article")[0].organisation == party


def test_a_government_body_is_named_by_its_form(extractor: Extractor) -> None:
    """A story that counts its actions ("two central government departments") reports them when it
    names a party: a department's name carries its form in front ("Ministry of", "HM"), not a "Ltd"."""
    text = ("Two departments hit with ICO enforcement notices\n\nThe Information Commissioner's Office (ICO) has "
            "issued two central government departments with enforcement notices following serious breaches of the "
            "Data Protection Act.\n\nThe Ministry of Fenland Affairs lost two discs containing the details of 25 "
            "million families, while the Department for Marshes lost a laptop holding the details of 600,000 people.")
    action = extractor.extract(text, kind="article")[0]
    assert (action.organisation, action.action_type) == ("Ministry of Fenland Affairs", "enforcement_notice")


def test_a_round_up_leads_with_its_own_case(extractor: Extractor) -> None:
    """Items of a round-up weigh alike: the case the page opens with is its main action."""
    text = ("The ICO has fined Helixgen Ltd £2.31 million for failing to protect customers' genetic data.\n\n"
            "In other news, the ICO has issued a reprimand to the Department for Schools following the misuse "
            "of pupils' records. The ICO has also fined Facematch Inc £7.5m.")
    actions = extractor.extract(text, kind="article")
    assert [a.organisation for a in actions][:3] == ["Helixgen Ltd", "Department for Schools", "Facematch Inc"]


def test_a_title_case_headline_names_no_party(extractor: Extractor) -> None:
    text = ("ICO Issues Reprimand For Disclosure Of Address To Former Partner\n\n"
            "The ICO has published details of a reprimand it has issued to Fenland Hospitals NHS Trust for "
            "disclosing an address to a former partner.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Hospitals NHS Trust"


def test_the_fuller_name_said_once_is_the_name() -> None:
    tally = PartyTally()
    tally.add("Fenwick", 16.0)
    tally.add("Fenwick Retail", 4.0)
    tally.add("Fenwick Retail Fine Matters", 4.0)     # a headline's run-on is never the name
    best = tally.best()
    assert best is not None and best.canonical() == "Fenwick Retail"


@pytest.mark.parametrize("name, parties", [
    ("NHS Fenland and NHS Ouse", ["NHS Fenland", "NHS Ouse"]),        # both open with the same word: two
    ("Kent Police and Kent County Council", ["Kent Police", "Kent County Council"]),
    ("Marks and Spencer", ["Marks and Spencer"]),                      # one name
    ("Tavistock and Portman NHS Foundation Trust", ["Tavistock and Portman NHS Foundation Trust"]),
    # two bodies sharing their kind in the plural; a force's name that holds "and" is one force
    ("Fenland and Marshford Councils", ["Fenland Council", "Marshford Council"]),
    ("Fenland and Ouse Health Boards", ["Fenland Health Board", "Ouse Health Board"]),
    ("Avon and Somerset Police", ["Avon and Somerset Police"]),
])
def test_a_pair_of_names_that_open_alike_is_two_parties(name: str, parties: list[str]) -> None:
    tally = PartyTally()
    tally.add(name, 8.0)
    assert [next(iter(g.names)) for g in tally.groups] == parties


def test_a_monetary_fine_issued_to_names_its_party() -> None:
    """ "issue a monetary fine of £750,000 to X": "monetary" may stand before "fine" as before "penalty"."""
    sentence = "The ICO is set to issue a monetary fine of £750,000 to the Police Service of Fenland."
    match = PARTY_PATTERNS["issued_to"].search(sentence)
    assert match and captured_name(sentence, match) == "Police Service of Fenland"


@pytest.mark.parametrize("sentence", [
    "The ICO has published details of a reprimand issued to NHS Fenmoor, following staff's use of WhatsApp.",
    "The penalty, served on NHS Fenmoor last week, follows a breach.",
    "A reprimand has been issued to NHS Fenmoor.",
])
def test_a_sanction_given_to_names_its_party_with_or_without_its_verb(sentence: str) -> None:
    """ "a reprimand issued to X" says what "a reprimand was issued to X" says."""
    match = PARTY_PATTERNS["given_to"].search(sentence)
    assert match and captured_name(sentence, match) == "NHS Fenmoor"


@pytest.mark.parametrize("pattern, sentence, name", [
    (PARTY_PATTERNS["found_in_breach"], "The ICO has found NHS Fenland guilty of breaching the Act.", "NHS Fenland"),
    (ESCAPED_SUBJECT_RE, "The London Borough of Fenland appears narrowly to have escaped a monetary penalty.",
     "The London Borough of Fenland"),
    (ESCAPED_SUBJECT_RE, "Fenland Homes has avoided a fine after the loss.", "Fenland Homes"),
])
def test_a_finding_or_an_escape_names_its_subject(pattern: re.Pattern[str], sentence: str, name: str) -> None:
    m = pattern.search(sentence)
    assert m is not None and m.group("name") == name


def test_two_parties_of_one_sentence_lead_with_the_first(extractor: Extractor) -> None:
    text = ("Two energy firms fined a combined £250,000\n\nMaxwell Power Ltd, an energy supplier from Ilford, and Crownhill "
            "Glazing Ltd, a firm based in Preston, both made unlawful calls. The ICO has issued a £130,000 fine to "
            "Crownhill Glazing Ltd. Maxwell Power Ltd has been fined £120,000.")
    action = extractor.extract(text, kind="article")[0]
    # "Maxwell" holds "max": a name is no statutory maximum.
    assert (action.organisation, action.amount_gbp) == ("Maxwell Power Ltd", 120_000)


@pytest.mark.parametrize("text, party, amount", [
    ("Third council in a week fined\n\nFenland East Council has become the third local authority in a week to "
     "be hit with a substantial monetary penalty. The ICO ordered the council to pay £80,000. On Monday the "
     "watchdog fined Marshside Council £100,000.", "Fenland East Council", 80_000),
    ("Two firms fined for nuisance calls\n\nBradford-based Warmhome Centre Ltd, which offers replacement "
     "windows and doors, received a £250,000 fine after making seven million calls. In a separate case, Alan "
     "Green, trading as Green Energy Solutions, was fined £150,000.", "Warmhome Centre Ltd", 250_000),
    ("Fenland Council and Marsh Council were fined £80,000 and £70,000 respectively for losing two "
     "unencrypted laptops.", "Fenland Council", 80_000),
    ("£300,000 ICO Penalty for Illegal Automated Marketing Calls: Homeglaze Marketing Ltd Case Analysis\n\n"
     "In August 2025 the ICO fined Homeglaze Marketing Ltd £300,000 for 2.4 million automated calls.",
     "Homeglaze Marketing Ltd", 300_000),
    ("The ICO took action against two firms. As well as the enforcement notice, Vaultline was also fined "
     "£70,000 for making marketing calls.", "Vaultline", 70_000),
    # a round-up's subheadings, "X fined £N" on lines of their own: the first is the lead
    ("Three of the largest penalties of the year\n\nThe ICO has fined organisations more than £6m to date. "
     "Here are the top fines it issued:\n\nFenland Calls Ltd fined £350,000\nLead firm Fenland Calls was "
     "held responsible for 46 million automated calls. Over 1,000 people complained. The calls offered free "
     "boiler checks.\n\nThe Marsh Agency fined £200,000\nThe agency lost laptops holding interview videos. "
     "They were stolen from a studio.\n\nHarbour Energy Ltd (HEL) fined £200,000\nThe company made 6 million "
     "calls.", "Fenland Calls Ltd", 350_000),
    # a list that gives the figure first
    ("ICO enforcement in March\n\nThe ICO's fines in March continued to focus on calls. February had seen "
     "the largest fine yet, £350,000, issued against nuisance call company Prodcall Ltd. In order of amount, "
     "March's fines were:\n1. £180,000 issued against Glasgow boiler firm Fenland Heat Ltd for automated "
     "calls;\n2. £175,000 issued against Marsh Windows Ltd for live calls.", "Fenland Heat Ltd", 180_000),
    # "served a notice in the amount of £N on X", beside a kind-only name and a principle's number
    ("Another day, another DPP7 breach\n\nAn NHS Trust sent its newsletter with every address visible. "
     "The NHS Trust apologised. The Information Commissioner has served a Monetary Penalty Notice in the "
     "amount of £180,000 on Fenland and Marsh Hospital NHS Foundation Trust after the newsletter went out.",
     "Fenland and Marsh Hospital NHS Foundation Trust", 180_000),
    # "was issued on <day> to X for £N", before another case told later
    ("Since May 2018 the ICO has issued ten fines under the GDPR. The latest was issued on 30th June 2022 to "
     "Fenland and Marsh NHS Foundation Trust for £78,400. The Trust revealed 1,700 patients' email addresses. "
     "In 2021, Wisbech Support Ltd was fined £10,000 when it sent an email to 105 people.",
     "Fenland and Marsh NHS Foundation Trust", 78_400),
    # a bracketed qualifier before the legal form; a company name whose first word is a generic one
    ("Energy firm fined for spam texts\n\nThe ICO has fined Greenway Heating (UK) Ltd £60,000 for sending 2 "
     "million texts.", "Greenway Heating (UK) Ltd", 60_000),
    # a round-up's lead is the first party named with real weight, even when a later one is told at length
    ("ICO raps two police forces over request backlogs\n\nThe ICO has issued reprimands to Fenland Police and "
     "Marsh and Coast Police over their failure to answer requests in time. Marsh and Coast Police had 300 "
     "requests waiting. Marsh and Coast Police was also told to clear its backlog. Marsh and Coast Police "
     "has since hired staff, Marsh and Coast Police said.", "Fenland Police", None),
    ("Three firms in the Fenland area were disciplined by the ICO in June.\n\nThe most startling case was "
     "that of Wisbech-based Harbour Dialling Ltd, who were fined £180,000 for automated calls. Marsh Texts "
     "Limited was fined £80,000 for texts. Marsh Texts Limited relied on third parties. Marsh Texts Limited "
     "was also issued with an enforcement notice.", "Harbour Dialling Ltd", 180_000),
    # a practice only described, then named with its town and county
    ("A GP practice that revealed a patient's details to her former partner has been fined £40,000 by the "
     "ICO.\n\nHarbour Chambers, in Wisbech, Cambridgeshire, gave out the information despite warnings.",
     "Harbour Chambers", 40_000),
    ("Campaign firm fined\n\nVote for the Coast Ltd has been fined £40,000 for sending texts without consent.",
     "Vote for the Coast Ltd", 40_000),
    ("ICO warns list brokers\n\nThe ICO fines a Leeds company £15,000 for trading personal data. An ICO "
     "investigation found The Data Bureau Company had sold 300,000 records.", "Data Bureau Company", 15_000),
])
def test_more_ways_press_names_the_party(extractor: Extractor, text: str, party: str, amount: int | None) -> None:
    action = extractor.extract(text, kind="article")[0]
    assert (action.organisation, action.amount_gbp) == (party, amount)


def test_an_order_to_stop_names_its_party(extractor: Extractor) -> None:
    text = ("The ICO has ordered leisure provider Fenland Leisure, Fenland Jersey and seven community trusts to "
            "stop using facial recognition to monitor staff attendance, in an enforcement notice.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Leisure"


def test_a_kind_in_the_plural_is_a_group_not_a_party(extractor: Extractor) -> None:
    text = ("Charities fined £138,000 for wealth screening\n\nEleven charities were fined. Fenland Dogs Home "
            "was fined £9,000 for screening donors.")
    action = extractor.extract(text, kind="article")[0]
    assert (action.organisation, action.amount_gbp) == ("Fenland Dogs Home", 9_000)
    assert is_blocked_name("Charities") and is_blocked_name("Two firms")


@pytest.mark.parametrize("text, party", [
    ("The Independent Inquiry into Harbour Abuse has been fined £200,000 for revealing the email addresses "
     "of 90 people.", "Independent Inquiry into Harbour Abuse"),
    ("Jane Holt, of Romford, was given a conditional discharge at Havering Magistrates Court for obtaining "
     "her relative's records.", "Jane Holt"),
])
def test_names_read_whole(extractor: Extractor, text: str, party: str) -> None:
    assert extractor.extract(text, kind="article")[0].organisation == party


@pytest.mark.parametrize("name", ["Home Improvement Firm", "Gigacycle > Information & Guidance > Medical",
                                  "Press Association"])
def test_descriptions_breadcrumbs_and_agencies_are_never_a_party(name: str) -> None:
    assert is_blocked_name(name)


def test_another_enforcer_beside_the_ico_is_not_the_party(extractor: Extractor) -> None:
    """The Insolvency Service bans a director for an unpaid ICO fine: it acts, the company was fined."""
    text = ("Director banned over unpaid ICO fine\n\nThe Insolvency Service has hit another company director "
            "with a lengthy ban after his firm failed to pay. Dan Marsh, the former boss of Fenland Leads, "
            "was disqualified for six years. The ICO had fined the firm £80,000 for sending spam texts.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Leads"
    assert is_blocked_name("the Crown Prosecution Service")


def test_a_publication_is_never_the_party() -> None:
    assert is_blocked_name("DataIQ News")


def test_a_slip_in_a_name_is_the_same_party() -> None:
    assert same_party("Grove Pensions Solutions Ltd", "Grove Pension Solutions Ltd")
    assert not same_party("Acme Pension Solutions Ltd", "Acme Payroll Solutions Ltd")


# Each text also names a second case ("The ICO also fined ..."): the rule is what tells the lead apart.
_ALSO = " The ICO also fined Fenland Doors Ltd £40,000 in a separate case."


@pytest.mark.parametrize("text, party", [
    # a short form the story defines after the name
    ("The Harbour Board of Inquiry (HBI) has been fined £50,000 after an email revealed the names of 40 "
     "witnesses." + _ALSO, "Harbour Board of Inquiry"),
    # a company's town after its legal form; "incurred a penalty"
    ("Two firms were fined for nuisance calls. One of them, Fenland Alarms Ltd of Wisbech, incurred a penalty "
     "of £90,000 for 300,000 calls." + _ALSO, "Fenland Alarms Ltd"),
    # "slapped X with the fine", the party's short form and its town before it
    ("The ICO slapped Wisbech-based Fenland Windows Limited (FWL) with the hefty fine after it made 200,000 "
     "calls." + _ALSO, "Fenland Windows Limited"),
    # "a company called X which was fined"
    ("This piece covers a company called Fenland Warranty Ltd which was fined £70,000 for unlawful calls."
     + _ALSO, "Fenland Warranty Ltd"),
    # the object only described, then named at the start of the next sentence
    ("Patients at Fenchurch Hospital filmed: ICO fines film company £60,000\n\nThe regulator has issued a "
     "£60,000 penalty on a documentary production company which filmed patients without telling them.\n\n"
     "Fen Valley Films (FVF) of Ely set up cameras in three consulting rooms at the hospital.", "Fen Valley Films"),
    # ... and a place in the sentence that describes it again is no name
    ("ICO issues a reprimand to an Ely school for taking pupils' fingerprints\n\nA high school in Wisbech "
     "has been reprimanded by the ICO for breaking data protection law. Fen Valley High School started taking "
     "fingerprints in March 2023.", "Fen Valley High School"),
    # an office, not a name: "penalty on MP", then the person the story names
    ("Watchdog slaps £5k penalty on MP over nuisance calling\nA Fenland MP, Dan Marsh, has been hit with a "
     "£5,000 monetary penalty by the ICO.\nThe ICO fined Mr Marsh after his office made 35,000 calls.", "Dan Marsh"),
    # ... and its place after it may be more than one word
    ("A clinic that leaked data on 781 of its patients has been fined £180,000.\n\n"
     "Fen Street Clinic, based in Ely's Market Quarter, sent a newsletter with every address in the To field.",
     "Fen Street Clinic"),
    # the sentence's subject, fined at the end of a long clause
    ("Three firms were fined for spam. Wisbech-based Fenland Claims Limited made over 15 million automated "
     "calls and could not prove that it had consent to make them -- and as a result, has been fined "
     "£250,000. Marsh Doors Limited has been fined £100,000 for texts.", "Fenland Claims Limited"),
    # "fines X owner": the owner is the party, named in full later
    ("Regulator fines Pixbin owner £100,000\n\nThe ICO issued a monetary penalty to Fenimage Inc, the parent "
     "company of the photo site Pixbin, for processing children's data without a lawful basis.",
     "Fenimage Inc"),
])
def test_how_press_introduces_the_party(extractor: Extractor, text: str, party: str) -> None:
    assert extractor.extract(text, kind="article")[0].organisation == party


def test_another_case_recalled_later_is_not_the_party(extractor: Extractor) -> None:
    text = ("The ICO fined two home security firms £150,000 for nuisance calls.\n\nThe larger penalty, £90,000, "
            "went to Fenland Alarms Ltd for 300,000 calls. The ICO received 80 complaints. The firms called "
            "people registered with the TPS. Both firms ignored the register. The calls were made over two years. "
            "People said the calls were distressing. Callers rang several times a day. This comes one week "
            "after the ICO issued a fine of £500,000 to Megasocial")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Alarms Ltd"


def test_the_fuller_name_of_a_place_named_party() -> None:
    tally = PartyTally()
    tally.add("Hackney", 16.0)
    tally.add("Hackney", 2.5)
    tally.add("London Borough of Hackney", 16.0)
    best = tally.best()
    assert best is not None and best.canonical() == "London Borough of Hackney"


def test_a_council_named_before_its_place_is_read_whole(extractor: Extractor) -> None:
    text = ("A London council has been reprimanded over a spreadsheet.\n\nIn May 2022, the London Borough of "
            "Barking and Dagenham published a spreadsheet with hidden tabs in a reply to a request.")
    assert extractor.extract(text, kind="article")[0].organisation == "London Borough of Barking and Dagenham"


@pytest.mark.parametrize("name", ["Rogue Companies for Nuisance Calls", "Parent Company", "NHS Trust",
                                  "NHS Foundation Trust", "City Council", "DPP7",
                                  # a count of parties, a technology in capitals, where a firm is
                                  "Two", "Eleven of Britain", "Four Cold Calling Marketing Firms", "SMS", "CCTV",
                                  "Manchester-based", "Scottish Health Board",
                                  # a kind in the plural, as a headline counts the bodies it is about
                                  "Local Authorities", "NHS Trusts", "Scottish Health Boards"])
def test_headline_descriptions_are_never_a_party(name: str) -> None:
    assert is_blocked_name(name)


def test_institutions_of_one_kind_in_the_plural_are_still_named_apart() -> None:
    assert not is_blocked_name("Fenland and Marsh Councils")


def test_a_counted_kind_gives_way_to_the_bodies_it_counts(extractor: Extractor) -> None:
    text = ("Two Local Authorities handed reprimands by the regulator\n\n"
            "The regulator has issued two Local Authorities, Fenbury City Council and Marsh District Council with "
            "reprimands after each left requests for personal data unanswered for months.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenbury City Council"


def test_a_place_before_a_kind_is_no_party(extractor: Extractor) -> None:
    text = ("Wisbech company fined £100,000 for nuisance calls\n\nFenland Spray Insulations Limited, from Wisbech, "
            "made 178,000 calls to people on the TPS. A company from Wisbech is one of four firms fined.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Spray Insulations Limited"


def test_a_definition_does_not_cut_the_head_off_a_name(extractor: Extractor) -> None:
    text = ("The UK's Independent Inquiry into Harbour Safety (IIHS) has been fined £200,000 after sending a bulk "
            "email that identified witnesses.")
    assert extractor.extract(text, kind="article")[0].organisation == "Independent Inquiry into Harbour Safety"


def test_an_order_to_stop_needs_no_word_for_the_notice(extractor: Extractor) -> None:
    text = ("The ICO has ordered public service provider Fenland Leisure, Fenland Jersey and seven community "
            "trusts to stop using facial recognition to monitor staff attendance. The Fenland Staff Union welcomed "
            "the enforcement notices.")
    assert extractor.extract(text, kind="article")[0].organisation == "Fenland Leisure"


def test_a_long_name_ending_in_company_is_a_name() -> None:
    assert not is_blocked_name("Fenland Children's Trust Community Interest Company")
    assert not is_blocked_name("Acme Trading Company")
    # the regulator's sanctions as a headline capitalises them
    assert is_blocked_name("Practice Recommendations") and is_blocked_name("Enforcement Notices")


@pytest.mark.parametrize("word", ["Monday", "GMT", "British", "Second", "EXCLUSIVE", "Covid-19"])
def test_words_a_text_capitalises_anywhere_are_no_name(word: str) -> None:
    assert tidy_name(word) == ""


@pytest.fixture(scope="module")
def ordinary_words(extractor: Extractor) -> OrdinaryWords:
    return extractor.ordinary_words


def test_the_ordinary_words_are_the_models_dictionary_with_its_inflections(ordinary_words: OrdinaryWords) -> None:
    for word in ("Below", "However", "issued", "Unanswered", "those", "Enquiries", "fewer"):
        assert word in ordinary_words, word
    for word in ("Halfords", "Marshford", "Tesco", "GDPR"):
        assert word not in ordinary_words, word


@pytest.mark.parametrize("word, text", [
    ("Below", "Below is a list of this year's fines."),
    ("Sometime", "The notice was served.\nSometime in June, Ouse Airways were fined £400,000."),
    ("After", "Fines rose. After a year of delays, Fenland Council was reprimanded."),
    ("Issued", "Enforcement This Quarter\nFines Issued to Companies\nFenland Cycles Ltd was fined."),
    ("Unanswered", "- Unanswered requests led to reprimands for Fenland Council and Marsh Trust."),
    ("More", "More than 1,000 organisations have been fined."),
    ("One", "One of the campaign groups has been fined £50,000."),
    ("Back", "Back in March, Ouse Airways were fined £500,000."),
    ("Fined", "Marsh Trust Fined Over Lost Files\nThe trust lost files."),
    # a picture's caption, a sentence's opening pronoun, the inquiry that opens a sentence
    ("Image", "Image copyright Fenland Stock\nThe ICO fined Marsh Ltd."),
    ("Photo", "Photo: Fenland Stock\nThe ICO fined Marsh Ltd."),
    ("Those", "Those fined include Marsh Ltd."),
    ("There", "There were 400 complaints about Marsh Ltd."),
    ("Enquiries", "Enquiries revealed that Marsh Ltd had sold the data."),
    # a word no dictionary holds, which the text itself writes in lower case
    ("Ransomware", "Marsh Ltd was fined after a ransomware attack.\nRansomware is a kind of malware."),
    ("Phishing", "Phishing emails were sent. The phishing campaign hit Fenland Ltd."),
])
def test_a_word_only_grammar_capitalises_is_no_name(ordinary_words: OrdinaryWords, word: str, text: str) -> None:
    assert capitalised_only_by_grammar(word, text, ordinary_words)


@pytest.mark.parametrize("word, text", [
    ("Argos", "Argos was fined. The ICO fined Argos £100,000."),           # capitalised mid-sentence
    ("Prudential", "The Prudential has been fined £50,000."),            # after "The"
    ("Evans", "Evans admitted the offence. Kayleigh Evans was fined."),  # a surname after a first name
    ("Digital", "Digital sent texts.\nFenland Digital was fined."),       # a name's last word
    ("Vault", "Vault's director said the calls had stopped."),           # a possessive
    ("Toucan", "The five are: Toucan, Marsh Windows and Ouse Lofts."),   # after a colon
    ("Marshford", "Marshford was fined £40,000."),                        # no ordinary word
    ("Fenware", "Fenware was fined. A fenware-branded server was sold."),  # lower case only inside a word
    ("EE", "EE was fined £100,000."),                                     # an acronym
])
def test_an_ordinary_word_written_as_a_name_is_one(ordinary_words: OrdinaryWords, word: str, text: str) -> None:
    assert not capitalised_only_by_grammar(word, text, ordinary_words)


@pytest.mark.parametrize("text, party", [
    ("Sometime in June, Ouse Airways were fined £400,000 for failing to protect its customers' personal data.",
     "Ouse Airways"),
    ("Unanswered subject access requests have led to reprimands for three organisations from the ICO.\n"
     "Fenland Borough Council took over a year to answer one request.", "Fenland Borough Council"),
])
def test_a_sentences_first_word_is_not_taken_for_the_party(extractor: Extractor, text: str, party: str) -> None:
    assert extractor.extract(text, kind="article")[0].organisation == party


def test_a_time_phrase_before_a_name_is_not_part_of_it() -> None:
    assert tidy_name("In July Fenland Financial") == "Fenland Financial"
    assert tidy_name("Since May 2019 Fenland Loans Ltd") == "Fenland Loans Ltd"
    assert tidy_name("May Fenland Ltd") == "May Fenland Ltd"     # a bare month may begin a name


def test_a_counted_group_is_not_the_party(extractor: Extractor) -> None:
    text = ("Two debt collection agencies have been fined for failing to register with the Information "
            "Commissioner's Office. Fenland & Trade Limited and Marsh & Commercial Limited were each fined £5000.")
    action = extractor.extract(text, kind="article")[0]
    assert (action.organisation, action.amount_gbp) == ("Fenland & Trade Limited", 5000)


def test_where_a_venue_is_is_not_part_of_its_name() -> None:
    assert tidy_name("Fenland Lodge Care Home in Yorkshire") == "Fenland Lodge Care Home"
    assert tidy_name("Friends in Need") == "Friends in Need"      # "in" inside a name stays


def test_two_parties_each_with_its_town_are_two() -> None:
    tally = PartyTally()
    tally.add("Fenland Market in Ely and Ouse Texts in March", 8.0, (0, 10), 0)
    assert sorted(n for g in tally.groups for n in g.names) == ["Fenland Market", "Ouse Texts"]


@pytest.mark.parametrize("name", ["British Council", "Scottish Police Authority", "Northern Trust"])
def test_a_nation_s_adjective_may_begin_a_name(name: str) -> None:
    assert not is_blocked_name(name)


@pytest.mark.parametrize("text, organisation", [
    # a name that ends in "'s", never written without it
    ("Fenland Pizza's has been fined £10,000 by the ICO for sending spam texts. Fenland Pizza's said it was "
     "reviewing its marketing.", "Fenland Pizza's"),
    ("The ICO has fined Fenwick Dobson's, the region's leading bike shop, £30,000 for spam emails.",
     "Fenwick Dobson's"),
    # a possessive is cut: the name is written without it too, or only as an owner
    ("The ICO has fined Fenland Foods £10,000. Fenland Foods's director said the fine was unfair.", "Fenland Foods"),
    ("The ICO has asked Fenland NHS Trust to sign an undertaking in light of Fenland NHS Trust's handling of "
     "patient records.", "Fenland NHS Trust"),
])
def test_a_name_that_ends_in_s_keeps_it(text: str, organisation: str) -> None:
    assert default_extractor().extract(text, kind="article")[0].organisation == organisation


def test_a_round_up_headline_under_page_furniture_still_opens_the_story() -> None:
    """ "Loading", "Blog details" above the headline are no sentences of the story: the headline
    still says it reports several cases, so the first firm named leads."""
    text = ("Loading\n\nBlog details\n\nICO fines two UK companies £180,000 for unlawful marketing calls\n\n"
            "The ICO fined two companies a total of £180,000. The companies, Fenland Telecom Ltd and Marsh "
            "Direct Solutions Ltd, made thousands of calls to people on the TPS.\n\n"
            "Fenland Telecom Ltd was fined £100,000 for making 9,000 calls. Marsh Direct Solutions Ltd was "
            "fined £80,000 for making 300 calls. Marsh Direct Solutions Ltd ignored warnings from the TPS, and "
            "Marsh Direct Solutions Ltd kept calling.")
    action = default_extractor().extract(text, kind="article")[0]
    assert (action.organisation, action.amount_gbp) == ("Fenland Telecom Ltd", 100_000)


@pytest.mark.parametrize("text, party", [
    # a court story calls the defendant by surname after naming them once in full
    ("Council officer fined\n\nA former council officer has been fined for reading social care records. Marsh "
     "pleaded guilty at Fenbury Magistrates Court to unlawfully obtaining personal data and was fined £400. The "
     "council said Sian Marsh had been dismissed after an audit.", "Sian Marsh"),
    ("Receptionist fined\n\nMarsh, who worked as a receptionist at a Fenbury surgery, was fined £300 at Fenbury "
     "Magistrates Court. Sian Marsh had looked at the records of 20 patients.", "Sian Marsh"),
    # a title, and the full name only in a possessive
    ("MP fined over automated calls\n\nTom Fenwick's campaign made 35,000 automated calls to party members. The ICO "
     "has fined Mr Fenwick £5,000 for the calls, which were made without consent.", "Tom Fenwick"),
    # two people of one surname: which one is not for the surname to say
    ("Brothers in court\n\nDan Marsh and Sam Marsh, who ran a claims firm, appeared at Fenbury Magistrates Court. "
     "Marsh was fined £300 for unlawfully obtaining data.", "Marsh"),
    # a one-word company is no person's surname, whatever word stands before it
    ("Insurer fined\n\nThe ICO has fined Ousebank £80,000 for losing customer files. Lands Ousebank, its "
     "subsidiary, was not involved.", "Ousebank"),
])
def test_a_person_is_named_in_full(extractor: Extractor, text: str, party: str) -> None:
    """One person is one name in the database: "Sian Marsh", not "Marsh" in one story and "Ms Marsh" in
    the next."""
    assert extractor.extract(text, kind="article")[0].organisation == party
