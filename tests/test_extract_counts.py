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
    # a duration
    "Firms must not call numbers listed with the TPS for more than 28 days unless people agreed.",
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
    "Training was on offer, but only 461 of approximately 6000 staff had taken it.",
])
def test_systems_accounts_and_the_base_of_a_share_are_not_people(text: str) -> None:
    assert find_counts(text) == []
    assert find_counts(text, allow_bare=True) == []


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
    ("A clerk sent details relating to one patient's treatment to a neighbour.", True),
    ("Suspects learnt the address of a single witness.", True),
    ("The records of one person were left on a train.", True),
    # a list of the data before whose it was
    ("The name, address, phone numbers and date of birth of one customer were shown to another.", True),
    # "a patient", "a witness" say whose data it was, not how many people: no count is stated
    ("A clerk sent details relating to a patient's treatment to a neighbour.", False),
    ("Suspects learnt the address of a witness.", False),
    ("The council sent details of a child protection case to the wrong address.", False),
    ("Data concerning a natural person's health is special category data.", False),
])
def test_one_person_whose_data_it_was(text: str, single: bool) -> None:
    assert (find_single_subject(text) is not None) is single


def test_one_person_whose_details_another_viewed() -> None:
    text = ("Fen Telecom has been fined £1,000 by the ICO for reporting a breach late. Through a fault in its "
            "log-in page, the name, address and date of birth of one customer had been viewed by another.")
    assert default_extractor().extract(text)[0].subjects_affected == 1


def test_one_person_counts_only_when_no_number_is_given() -> None:
    text = ("Example Health Board has been fined £40,000 by the Information Commissioner. "
            "A nurse sent details relating to one patient's treatment to the wrong address.")
    assert default_extractor().extract(text)[0].subjects_affected == 1
    unstated = text.replace("one patient's", "a patient's")
    assert default_extractor().extract(unstated)[0].subjects_affected is None
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


@pytest.mark.parametrize("text", [
    "More than 900 people complained to the regulator about the recorded calls.",
    "412 people complained about the texts.",
    "Two employees were convicted of unlawfully obtaining data.",
    "1,200 staff members downloaded the app onto their phones.",
    "The portal held details of between 20,000 and 40,000 customers.",
    "More than 150,000 recordings of phone conversations were saved.",
    "Recital 38 GDPR explains that children merit specific protection.",
    "Of the 11 app emails, 3 prompted customers to download the app.",
    "Of the 120,400 possible recipients, the company found that 15,210 had agreed.",
    "On 12 March customers were told of the breach.",
    "The records of Covid-19 patients were shared.",
])
def test_people_who_acted_ranges_and_references_are_not_people_affected(text: str) -> None:
    assert find_counts(text, allow_bare=True) == []


def test_the_base_after_out_of_is_not_the_count() -> None:
    counts = find_counts("it exposed the addresses of 120 individuals out of 300 recipients")
    assert [c.value for c in counts] == [120]


@pytest.mark.parametrize("text, value", [
    ("the personal data of 412,000 of the charity's supporters", 412_000),
    ("the email was sent to 85 inquiry participants", 85),
    ("the personal data of 12 million Britons", 12_000_000),
    ("hackers reached 712 unencrypted cardholder details", 712),
    ("21,440 customer details could be accessed", 21_440),
    ("the data of 512,000 Acme Global health insurance customers", 512_000),
    ("The ICO said over 120,000 U.K. residents had data stolen", 120_000),
    ("the names of 265 Afghan interpreters were disclosed", 265),
    ("exposing the data of 600 prisoners", 600),
    ("the details of a quarter of a million viewers", 250_000),
    ("a back-up tape of financial information belonging to 46,000 policy holders", 46_000),
    ("Records of 82,000 UK drivers were taken in the attack", 82_000),
    ("he emailed 26 CVs of job applicants to an agency", 26),
])
def test_more_nouns_for_people_and_their_details(text: str, value: int) -> None:
    assert [c.value for c in find_counts(text)] == [value]


@pytest.mark.parametrize("text, count", [
    # the UK figure the regulator or the penalty's sentence gives, not the breach's worldwide total
    ("Acme Credit has been fined £500,000 by the ICO after it failed to protect the personal data of 12 million "
     "Britons. A cyber attack exposed information belonging to 120 million people around the world.", 12_000_000),
    ("Genecheck has been fined £2 million by the ICO. Hackers stole data on more than 5 million users. "
     "The ICO said over 120,000 UK residents had their data stolen.", 120_000),
    # a worldwide figure in the penalty's own sentence stays the count
    ("Grand Hotels has been fined £18 million by the ICO. The fine concerned a breach of around 300 million guest "
     "records worldwide (around six million from the UK).", 300_000_000),
    # what a system holds is not what was taken from it
    ("Carewell has been fined £175,000 by the ICO. An employee obtained the personal information of 412,000 "
     "customers. The data was taken from a system which holds records relating to 2 million people.", 412_000),
    # (but a database that held people's details when it was reached counts them)
    ("Fen Loans has been fined £90,000 by the ICO. Hackers reached a database which held the details of 500,000 "
     "customers, including the bank details of 20,000 customers.", 500_000),
    # a finer rounding of the same figure wins
    ("Advice Line has been fined £200,000 by the ICO after a hacker accessed almost 20,000 people's details. "
     "Details of about 19,700 people were being stored unnecessarily.", 19_700),
    # a range is no count
    ("Fenwire has been fined £100,000 by the ICO. Contractors had access to data belonging to between 20,000 and "
     "40,000 customers.", None),
    # people whose data it is, whatever the verb
    ("Fen Bank has been reprimanded by the ICO. The ICO found that the bank had sent incorrect balances on 2,718 "
     "customers' loan accounts to credit agencies.", 2_718),
    # data revealed, people reached or picked up, data held without consent, access gained to records
    ("Fen Trust has been fined £60,000 by the ICO. The trust had accidentally revealed 1,204 patients' email "
     "addresses.", 1_204),
    ("Fen Energy has been fined £150,000 by the ICO for a cold calling campaign that targeted over four million "
     "consumers.", 4_000_000),
    ("Fen Homes has been fined £50,000 by the ICO. The firm made 2,000,000 automated calls, with more than "
     "900,000 people picking up.", 900_000),
    ("Fen Video has been fined £45,000 by the ICO. Attackers gained access to a database containing about two "
     "million customer records.", 2_000_000),
    # the people a case is brought against, and offenders who took the data, are not the people affected
    ("Jon Marsh has been prosecuted by the ICO, which has commenced criminal proceedings against eight "
     "individuals over the unlawful obtaining of data from garages.", None),
    ("Jon Marsh has been prosecuted by the ICO. The ICO found that eight individuals had taken information "
     "relating to people in road accidents.", None),
    # more ways press counts people: offenders' data, "270,000-plus", a name with "&", people spammed
    ("Fen Probation has been fined £80,000 by the ICO. The stolen laptops held sensitive personal data "
     "relating to approximately 4,500 offenders.", 4_500),
    ("Fen Loans has been fined £60,000 by the ICO for spamming the 270,000-plus people on its list.", 270_000),
    ("Fen & Co has been served an enforcement notice by the ICO after the theft of a computer containing "
     "details of 26,000 F&C staff.", 26_000),
    # lines of a spreadsheet are no people
    ("Fen Motors has been fined £50,000 by the ICO. Staff had accessed and copied over 29,500 lines of personal "
     "information.", None),
    # people described as the offenders, in a role, or taken on to help are not the people affected
    ("Fen Motors has been fined £50,000 by the ICO. Two former workers at the Fen Motors call centre were this "
     "week given suspended sentences.", None),
    ("Fen Motors has been fined £50,000 by the ICO. The ICO named two former employees, who unlawfully copied "
     "and sold accident data.", None),
    ("Fen Leads has been fined £50,000 by the ICO. Those same two people were also the directors of the firm "
     "that collected the data.", None),
    ("Fen Police has been reprimanded by the ICO, which approved its plans for the backlog, including seconding "
     "two members of staff to the team.", None),
    # the regulator's words quoted: 'to "access ..."'
    ("Fen Tiles has been fined £55,000 by the ICO. A hacker used a coding error to \"access 669 unencrypted "
     "cardholder details\", the notice said.", 669),
    # a larger count of an earlier incident the story recalls is that incident's
    ("The Fenland Prison Service has been fined £180,000. The ICO served the penalty following the loss of a "
     "hard drive which contained information on 2,935 prisoners. The incident followed a similar case in 2011, "
     "when the ICO was alerted to the loss of another hard drive containing the details of 16,000 prisoners.",
     2_935),
    # a breach log's "How much" field gives the incident's count
    ("Fenland District Council\n\nLoss of personal data.\n\nHow much\n1,204 records.\n\nTwo laptops were stolen "
     "from 40 offices.\n\nRegulatory action\nUndertaking signed to encrypt laptops.", 1_204),
    ("Fenland Prison Service\n\nWhat Theft of laptops holding offender records.\nHow much About four records.\n"
     "\nRegulatory action\nUndertaking issued by the ICO to encrypt all laptops used by 300 staff.", 4),
])
def test_which_count_is_the_people_affected(extractor, text: str, count: int | None) -> None:
    assert extractor.extract(text, kind="article")[0].subjects_affected == count


def test_on_a_page_of_several_cases_a_sentence_led_by_another_organisation_is_its_own(extractor) -> None:
    opening = "The ICO has issued reprimands to two organisations for disclosing people's details by email. "
    cases = ("The Fen Advice Council sent an email to 12 people using the cc field. The Marsh Advocacy Office, set "
             "up after a public inquiry, sent a newsletter to 240 subscribers using the 'to' field.")
    action = extractor.extract(opening + cases, kind="article")[0]
    assert (action.organisation, action.subjects_affected) == ("Fen Advice Council", 12)


def test_a_round_up_section_under_another_organisations_heading_is_its_own(extractor) -> None:
    text = ("Here are the top 3 fines issued by the ICO this year:\n\n"
            "Fenland Dialling Ltd fined £350,000\n\n"
            "Fenland Dialling Ltd was held responsible for over 40 million automated nuisance calls.\n\n"
            "Marsh County Records Office fined £150,000\n\n"
            "The office lost laptops holding interview videos. They involved 38 victims and witnesses.\n")
    action = extractor.extract(text, kind="article")[0]
    assert (action.organisation, action.subjects_affected) == ("Fenland Dialling Ltd", None)


def test_staff_gathered_in_a_group_are_its_members_not_people_affected() -> None:
    assert find_counts("a WhatsApp group of 26 staff members was created in which patient data was shared") == []
    assert [c.value for c in find_counts("the data of 26 staff members was exposed")] == [26]


@pytest.mark.parametrize("text, counts", [
    # an age is no count of people: the calls' targets are described, not counted
    ("The calls targeted people aged over 60 who owned their home.", []),
    ("The firm bought lists of homeowners aged 60 and over with landlines.", []),
    ("The data of 60 people aged over 65 was sent to a marketing firm.", [60]),
    # whom misdirected data reached, not whose it was; an email's own recipients are counted
    ("A worker emailed information about vulnerable people to 23 unintended recipients.", []),
    ("The newsletter was sent to 245 recipients with every address visible.", [245]),
])
def test_an_age_and_the_wrong_recipients_are_not_people_affected(text: str, counts: list[int]) -> None:
    assert [c.value for c in find_counts(text, allow_bare=True)] == counts
