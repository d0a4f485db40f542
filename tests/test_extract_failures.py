"""The failure taxonomy and its spaCy patterns, as a table of sentences in our own words."""
from __future__ import annotations

import re

import pytest

from pipeline.extract import failures
from pipeline.extract.extractor import default_extractor
from pipeline.extract.failures import TAXONOMY, build_matcher, find_failures


@pytest.fixture(scope="module")
def nlp_and_matcher():
    nlp = default_extractor().nlp           # the model is loaded once per test session
    return nlp, build_matcher(nlp.vocab)


def codes(nlp_and_matcher, sentence: str) -> set[str]:
    nlp, matcher = nlp_and_matcher
    return {code for code, _, _ in find_failures(matcher, nlp.make_doc(sentence))}


def test_taxonomy_shape_and_required_codes() -> None:
    required = {"no_mfa", "unpatched_systems", "no_vulnerability_scanning", "weak_passwords",
                "inadequate_logging_monitoring", "no_encryption", "misdirected_disclosure",
                "unlawful_marketing_calls", "unlawful_marketing_messages", "no_consent",
                "transparency_failure", "excessive_retention", "no_dpia", "access_control_failure",
                "inadequate_security", "children_data", "delayed_breach_report", "subject_access_failure"}
    assert required <= TAXONOMY.keys()
    for code, (label, description) in TAXONOMY.items():
        assert re.fullmatch(r"[a-z_]+", code)
        assert label and description
        assert callable(getattr(failures, f"pattern_{code}")), code


@pytest.mark.parametrize("sentence, expected", [
    ("Attackers logged in through a supplier account that did not have multi-factor authentication.", "no_mfa"),
    ("The remote access portal was not protected by 2FA.", "no_mfa"),
    ("Its VPN lacked MFA for over a year.", "no_mfa"),
    ("The server ran an unpatched version of the mail software.", "unpatched_systems"),
    ("The firm had failed to apply a critical security patch released months earlier.", "unpatched_systems"),
    ("Several machines ran an operating system that was out of date.", "unpatched_systems"),
    ("There was no regular vulnerability scanning of the network.", "no_vulnerability_scanning"),
    ("The company had never commissioned penetration testing.", "no_vulnerability_scanning"),
    ("Staff used weak passwords that were shared between accounts.", "weak_passwords"),
    ("The accounts were compromised by credential stuffing.", "weak_passwords"),
    ("There was insufficient logging of administrator activity.", "inadequate_logging_monitoring"),
    ("The trust did not monitor access to its patient records.", "inadequate_logging_monitoring"),
    ("The laptop held unencrypted files about clients.", "no_encryption"),
    ("The memory stick was not encrypted.", "no_encryption"),
    ("A spreadsheet was emailed in error to the wrong recipient.", "misdirected_disclosure"),
    ("The school inadvertently disclosed pupils' names to other parents.", "misdirected_disclosure"),
    ("The email was sent to 300 people without using bcc.", "misdirected_disclosure"),
    ("The company made thousands of unsolicited marketing calls.", "unlawful_marketing_calls"),
    ("Many of the numbers called were registered with the Telephone Preference Service.", "unlawful_marketing_calls"),
    ("It sent unsolicited text messages promoting its loans.", "unlawful_marketing_messages"),
    ("Millions of marketing emails went to people.", "unlawful_marketing_messages"),
    ("The messages were sent without valid consent.", "no_consent"),
    ("The privacy notice did not explain that data would be sold.", "transparency_failure"),
    ("People were not informed that their calls were recorded.", "transparency_failure"),
    ("Records were kept for much longer than necessary.", "excessive_retention"),
    ("The council had no retention schedule for these files.", "excessive_retention"),
    ("The school did not complete a DPIA before using facial recognition.", "no_dpia"),
    ("No data protection impact assessment was carried out.", "no_dpia"),
    ("There were no access controls on the shared drive.", "access_control_failure"),
    ("The firm failed to restrict access to the case files.", "access_control_failure"),
    ("It also failed to prevent unauthorised access to children's data.", "access_control_failure"),
    ("A sub-contractor who did not wipe the hard drives sold them online.", "inadequate_security"),
    ("It failed to implement appropriate technical and organisational measures.", "inadequate_security"),
    ("The app processed children's data without safeguards.", "children_data"),
    ("The breach was not reported within 72 hours of discovery.", "delayed_breach_report"),
    ("The department failed to respond to subject access requests on time.", "subject_access_failure"),
])
def test_failure_sentences(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence", [
    "We urge every organisation to turn on multi-factor authentication.",
    "The company has since rolled out MFA across all accounts.",
    "Regular vulnerability scanning and patching are basic steps.",
    "Customer data was not affected and our monitoring continues.",     # negation scope ends at "and"
    "The regulator publishes guidance on encryption.",
    "Managers did not monitor which staff had completed their data protection training.",
    "Staff reported that spam emails were being sent from the compromised mail server.",
])
def test_advice_and_remediation_are_not_failures(nlp_and_matcher, sentence: str) -> None:
    found = codes(nlp_and_matcher, sentence)
    assert not found & {"no_mfa", "no_vulnerability_scanning", "unpatched_systems",
                        "inadequate_logging_monitoring", "no_encryption", "unlawful_marketing_messages"}, found


def test_every_failure_keeps_its_sentence_and_generic_security_gives_way() -> None:
    text = ("The Information Commissioner has fined Example Care Ltd £50,000. "
            "The firm failed to implement appropriate security measures. "
            "Its remote gateway did not have multi-factor authentication.")
    action = default_extractor().extract(text)[0]
    assert action.failures == ["no_mfa"]                  # the specific failure wins
    ev = action.evidence["failure:no_mfa"]
    assert text[ev.start:ev.end] == ev.sentence
    assert "multi-factor" in ev.sentence


@pytest.mark.parametrize("sentence, expected", [
    ("The firm lacked basic security measures, such as mandatory multi-factor authentication.", "no_mfa"),
    ("Failures were identified in relation to password management, and the update patches in use.",
     "unpatched_systems"),
    ("It did not ensure its servers were kept up to date with the latest security updates.", "unpatched_systems"),
    ("Hackers got in by exploiting known software vulnerabilities.", "unpatched_systems"),
    ("The firm failed to adequately scan its systems for vulnerabilities.", "no_vulnerability_scanning"),
    ("Each address was in the 'To' field, visible to all recipients.", "misdirected_disclosure"),
    ("The ministry was fined for accidentally sharing the details of applicants.", "misdirected_disclosure"),
    ("The company sent 1,234,567 texts in a month.", "unlawful_marketing_messages"),
    ("People complained about spam texts offering loans.", "unlawful_marketing_messages"),
])
def test_failures_as_press_phrases_them(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("The ICO found the provider violated Articles 5(1)(f) and 32 of the UK GDPR.", {"inadequate_security"}),
    ("The council infringed Article 12(3) and Article 15 UK GDPR.", {"subject_access_failure"}),
    ("It failed to comply with Art. 33(1) UK GDPR.", {"delayed_breach_report"}),
    ("The app breached Articles 6, 8 and 13 of the UK GDPR.",
     {"no_lawful_basis", "children_data", "transparency_failure"}),
    ("The clinic infringed Article 9 UK GDPR.", {"no_lawful_basis"}),
    ("The firm contravened regulation 22 of PECR.", {"unlawful_marketing_messages"}),
    ("The company breached regulations 21 and 24 of the Privacy and Electronic Communications Regulations.",
     {"unlawful_marketing_calls"}),
    ("The school did not carry out a DPIA, in breach of Article 35.", {"no_dpia"}),
    # the law that applies and the powers used are not findings
    ("Under Article 33(1), a personal data breach must be reported within 72 hours.", set()),
    ("Article 83 gives the Commissioner the power to impose a fine.", set()),
])
def test_failures_from_provisions_cited_as_breached(sentence: str, expected: set[str]) -> None:
    assert {code for code, _, _ in failures.cited_failures(sentence)} == expected


def test_consent_as_press_phrases_it(nlp_and_matcher) -> None:
    assert "no_consent" in codes(nlp_and_matcher, "The firm could not show that the people it called had agreed "
                                                   "to hear from it.")
    assert "no_consent" not in codes(nlp_and_matcher, "Customers agreed to the new terms.")


@pytest.mark.parametrize("sentence, expected", [
    # misdirected disclosure, the ways press tells it
    ("Ward lists were faxed to the wrong fax number for weeks.", "misdirected_disclosure"),
    ("A housing officer emailed the file to an incorrect postal address.", "misdirected_disclosure"),
    ("Dozens of letters were misdirected over the summer.", "misdirected_disclosure"),
    ("A clerk posted the report on one pupil to a neighbour instead of the pupil's father.",
     "misdirected_disclosure"),
    ("The council was reprimanded for releasing victim details to a gang.", "misdirected_disclosure"),
    ("A tenant's address was disclosed to her former partner.", "misdirected_disclosure"),
    ("The council disclosed the new address of a data subject to an ex-partner who had abused her.",
     "misdirected_disclosure"),
    ("A surgery revealed details about a woman and her children to her estranged husband.",
     "misdirected_disclosure"),
    ("The trust apologised for the incorrect disclosure of a CD of case papers.", "misdirected_disclosure"),
    ("The statement ended up in the hands of a local journalist.", "misdirected_disclosure"),
    ("An officer did not properly redact the witness statement.", "misdirected_disclosure"),
    # records left where anyone could find them were not kept secure; nobody sent them anywhere
    ("Boxes of case files were left in an unlocked corridor.", "inadequate_security"),
    # staff training
    ("Neither member of staff involved had received any data protection training.", "inadequate_training"),
    ("The firm failed to provide its callers with sufficient guidance or training on the rules.",
     "inadequate_training"),
    ("Staff training and awareness in relation to data protection duties were inadequate.", "inadequate_training"),
    ("The surgery failed to provide sufficient data protection guidance and training to its receptionist.",
     "inadequate_training"),
    ("The errors could have been avoided if the college had put proper policies, training and checks in place.",
     "inadequate_training"),
    ("Clerks were largely unaware of their responsibilities under the law.", "inadequate_training"),
    ("Its data protection training was insufficient for the role.", "inadequate_training"),
    ("The board showed an inadequate awareness of data protection law.", "inadequate_training"),
    # children's data
    ("The letter held sensitive data about three vulnerable children.", "children_data"),
    ("Files relating to a child in care were sent out.", "children_data"),
    # consent for marketing
    ("The firm could not provide evidence that it had consent to send the messages.", "no_consent"),
    ("The texts went out without people's permission.", "no_consent"),
    ("None of the individuals had consented to receive direct marketing from the firm.", "no_consent"),
    ("None of the staff involved had received data protection training.", "inadequate_training"),
    # security in general, as press words it
    ("The firm was fined for failing to secure customers' personal data.", "inadequate_security"),
    ("The firm was fined for failing to protect the security of its customers' personal data.", "inadequate_security"),
    ("A lack of security measures on the carrier's systems led to the breach.", "inadequate_security"),
    ("This was a serious failure of data security on the firm's part.", "inadequate_security"),
    ("The fine relates to a failure to adequately protect 500,000 paper documents.", "inadequate_security"),
    ("The penalty follows security failings at the retailer.", "inadequate_security"),
    ("Poor security let the attackers in.", "inadequate_security"),
    ("The security measures in place were simply not good enough.", "inadequate_security"),
    # data carried off: a loss or theft the regulator penalised
    ("The social worker's laptop bag was stolen from her car.", "inadequate_security"),
    ("The council lost paper records about a family in its care.", "inadequate_security"),
    ("The penalty follows the loss of two DVDs holding witness interviews.", "inadequate_security"),
    # what would have prevented it, and passwords found wanting
    ("The hack could have been prevented if the firm had used more up-to-date software.", "unpatched_systems"),
    ("The regulator said passwords were not secure.", "weak_passwords"),
])
def test_more_failures_as_press_phrases_them(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence, absent", [
    ("The firm was not completely open and transparent with investigators.", "transparency_failure"),
    ("The loss could have been mitigated by acting on issues found in the penetration tests.",
     "no_vulnerability_scanning"),
    ("Unwanted marketing can result in data falling into the hands of scammers.", "misdirected_disclosure"),
    ("Customer records were not affected and training continues this year.", "inadequate_training"),
    ("The school gave parents guidance on keeping children safe online.", "children_data"),
    ("The company disclosed the incident to the regulator within a day.", "misdirected_disclosure"),
    ("The regulator urged firms to protect their customers' data.", "inadequate_security"),
    ("The firm lost a tender for the contract last year.", "inadequate_security"),
    ("Its software had always been kept up to date, the firm said.", "unpatched_systems"),
])
def test_near_misses_are_not_failures(nlp_and_matcher, sentence: str, absent: str) -> None:
    assert absent not in codes(nlp_and_matcher, sentence)


def test_article_12_3_time_limit_is_subject_access_not_transparency() -> None:
    found = {c for c, _, _ in failures.cited_failures(
        "The force infringed Article 12(3) UK GDPR by not answering requests within one month.")}
    assert found == {"subject_access_failure"}
    assert {c for c, _, _ in failures.cited_failures("The app infringed Article 12(1) UK GDPR.")} == \
        {"transparency_failure"}


def test_a_press_story_of_a_misdirected_fax_reads_both_failures() -> None:
    text = ("Example Community Trust has been fined £40,000 by the Information Commissioner. "
            "Patient lists were faxed to the wrong fax number for three months. "
            "The trust failed to provide sufficient guidance and training to the clerk who sent them.")
    action = default_extractor().extract(text)[0]
    assert action.failures == ["misdirected_disclosure", "inadequate_training"]


@pytest.mark.parametrize("text, expected", [
    # a texting case whose spokesman speaks of calls and texts together
    ("Example Loans Ltd has been fined £120,000 for sending millions of spam texts. "
     "\"People are fed up with being bombarded with nuisance calls and text messages,\" the regulator said.",
     ["unlawful_marketing_messages"]),
    # a calling case; the law is summed up for both media at once
    ("Example Windows Ltd has been fined £80,000 for making unsolicited marketing calls to people on the TPS. "
     "The law says people should not receive unsolicited texts or automated marketing calls they did not ask for.",
     ["unlawful_marketing_calls"]),
    # only the pair is named: both media stand
    ("Example Leads Ltd has been fined £50,000 over a campaign of unsolicited calls and texts.",
     ["unlawful_marketing_calls", "unlawful_marketing_messages"]),
])
def test_calls_and_texts_named_together_give_way_to_the_medium_of_the_case(text: str, expected: list[str]) -> None:
    action = default_extractor().extract(text)[0]
    assert [c for c in action.failures if c.startswith("unlawful_marketing")] == expected


def test_a_failure_of_another_case_is_not_this_ones() -> None:
    text = ("Example Phones Ltd has been fined £60,000 for sending spam texts to people who never agreed to them. "
            "It comes a month after Other Dialler Ltd was fined £350,000 for nuisance calls.")
    action = default_extractor().extract(text)[0]
    assert action.organisation == "Example Phones Ltd"
    assert "unlawful_marketing_calls" not in action.failures
    assert "unlawful_marketing_messages" in action.failures


def test_a_sentence_that_goes_on_with_another_case_is_that_cases() -> None:
    """A round-up's second item names its company in the sentence after its fine."""
    text = ("Example Calls Ltd has been fined £60,000 by the ICO for making 1.2 million nuisance calls.\n\n"
            "The firm made the calls to people registered with the TPS.\n\n"
            "The ICO has also fined a Leeds debt firm £40,000. It said Other Loans Ltd sent 300,000 spam texts "
            "to people who had not agreed to them.")
    action = default_extractor().extract(text)[0]
    assert action.organisation == "Example Calls Ltd"
    assert "unlawful_marketing_messages" not in action.failures
    assert "unlawful_marketing_calls" in action.failures


@pytest.mark.parametrize("sentence, expected", [
    ("Multi-factor authentication was not enabled on the admin portal.", "no_mfa"),
    ("The firm had been notified of the vulnerability by a vendor alert two years earlier.", "unpatched_systems"),
    ("Its password management policies were not in place at the time.", "weak_passwords"),
    ("The retailer ignored clear warning signs of the intrusion.", "inadequate_logging_monitoring"),
    ("The attack went undetected for eleven weeks.", "inadequate_logging_monitoring"),
    ("Access controls on the shared folder were inadequate.", "access_control_failure"),
])
def test_absences_told_after_the_thing(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


def test_a_detail_that_went_unnoticed_is_not_a_monitoring_failure(nlp_and_matcher) -> None:
    assert "inadequate_logging_monitoring" not in codes(
        nlp_and_matcher, "The extra column went unnoticed during testing of the spreadsheet.")


@pytest.mark.parametrize("sentence, expected", [
    ("A second attack exploited the same vulnerability a month later.", "unpatched_systems"),
    ("The firm had two early warnings that it was unaware of.", "inadequate_logging_monitoring"),
    ("The newsletter went to 500 parents without using BCC.", "misdirected_disclosure"),
])
def test_repeat_attacks_missed_warnings_and_bcc(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


def test_initials_of_an_organisation_are_not_a_bcc_field(nlp_and_matcher) -> None:
    assert "misdirected_disclosure" not in codes(
        nlp_and_matcher, "The regulator said BCC's approach to its duties showed a poor attitude.")


def test_a_firm_named_after_calls_is_not_a_call(nlp_and_matcher) -> None:
    named = codes(nlp_and_matcher, "The texts urged people to sign up with Nuisance Call Shield Ltd for a fee.")
    assert "unlawful_marketing_calls" not in named
    assert "unlawful_marketing_calls" in codes(nlp_and_matcher, "People complained about Nuisance Calls from the firm.")


@pytest.mark.parametrize("sentence, expected", [
    # the negation reaches past a possessive, a curly "n’t" and an in-word hyphen
    ("The charity did not have the donors' consent to share their details.", "no_consent"),
    ("The charity did not have the donors’ consent to share their details.", "no_consent"),
    ("The clinic wasn’t using two-factor authentication on its mail server.", "no_mfa"),
    ("The shop did not have a well-designed password policy.", "weak_passwords"),
    ("The shop was unable to provide evidence that customers had consented to the texts.", "no_consent"),
    # consent, as press tells it
    ("The lender sent messages without the appropriate consents in place.", "no_consent"),
    ("The volunteers had not consented to the sharing.", "no_consent"),
    ("Broad consent for marketing emails is not enough under the rules.", "no_consent"),
    ("The retailer emailed 40,000 people who had already opted out of its newsletters.", "no_consent"),
    # transparency
    ("The club failed to explain to 9,000 members that their details would be sold.", "transparency_failure"),
    ("The app shared data without being fully clear with users that it would do so.", "transparency_failure"),
    ("Shoppers were not given sufficient information about the tracking.", "transparency_failure"),
    ("The regulator found the tracking was neither lawful, fair nor transparent.", "transparency_failure"),
    ("The platform failed to use children's personal information lawfully.", "no_lawful_basis"),
    # lawful basis
    ("The gym chain had been unlawfully processing the fingerprints of its staff.", "no_lawful_basis"),
    ("The recording of the calls had not been lawful.", "no_lawful_basis"),
    # security in general
    ("The regulator cited a failure to secure the booking server.", "inadequate_security"),
    ("The personal data was not stored securely on the web host.", "inadequate_security"),
    ("Visitors found the unsecured patient records in an empty office.", "inadequate_security"),
    ("The records were held on an insufficiently secure network.", "inadequate_security"),
    # specific security failures
    ("The hotel failed to change an insecure password on an old admin account.", "weak_passwords"),
    ("The mailbox was protected only by an easy-to-guess password.", "weak_passwords"),
    ("The trust had an inadequate account lockout policy.", "weak_passwords"),
    ("The agency failed to ensure the password for the admin account was sufficiently complex.", "weak_passwords"),
    ("The firm had been warned about a critical vulnerability in its web server.", "unpatched_systems"),
    ("The council failed to fix the vulnerability in a timely manner.", "unpatched_systems"),
    ("The backup tapes had not been encrypted.", "no_encryption"),
    ("The regulator cited a lack of encryption, security and monitoring of the devices.",
     "inadequate_logging_monitoring"),
    ("There should have been proper monitoring systems in place.", "inadequate_logging_monitoring"),
    ("The firm was unable to provide evidence of regular penetration testing.", "no_vulnerability_scanning"),
    ("Forty contractors had unsupervised access to the archive.", "access_control_failure"),
    ("Agents had wide-ranging access to the account records of customers.", "access_control_failure"),
    # training, retention, impact assessment
    ("The inquiry failed to train staff on using the bcc field.", "inadequate_training"),
    ("Cyber security training was also found to be lacking.", "inadequate_training"),
    ("The clinic kept the notes of callers for six years longer than was necessary.", "excessive_retention"),
    ("The firm did not adequately assess the data protection risks of the chatbot.", "no_dpia"),
    # disclosure
    ("The council inadvertently identified 900 homeowners in a spreadsheet.", "misdirected_disclosure"),
    ("A stranger was added to the staff chat group in error.", "misdirected_disclosure"),
    ("The spreadsheet published online held hidden data about 2,000 tenants.", "misdirected_disclosure"),
    ("The complaint followed the inappropriate disclosure of her medical history.", "misdirected_disclosure"),
    ("The office disclosed a tenant's new address to her landlord.", "misdirected_disclosure"),
    # marketing volume, told either way round
    ("The bank sent nearly three million nuisance emails to its customers.", "unlawful_marketing_messages"),
    ("The 2.1 million emails, sent over six months, promoted its loans.", "unlawful_marketing_messages"),
])
def test_general_phrasings_of_failures(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert failures.PREFILTER_RE.search(sentence.lower()) and failures.FINDING_RE.search(sentence.lower())   # reaches the matcher
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence, absent", [
    # an authority's permission is no data subject's consent
    ("He acted without the permission of the court.", "no_consent"),
    ("She looked at the files without her employer's permission.", "no_consent"),
    # people on the TPS "opted out" of calls: the calls are the failure
    ("The people called had opted out of marketing calls by joining the TPS.", "no_consent"),
    # told of a breach is its notification, not privacy information
    ("Customers were not told about the breach for a year.", "transparency_failure"),
    ("Customers were not told until the next day.", "transparency_failure"),
    ("Breaches must be reported without undue delay.", "delayed_breach_report"),
    ("The council failed to give the requester the information without undue delay.", "delayed_breach_report"),
    ("The attackers used an admin account that was no longer needed.", "excessive_retention"),
    ("Its records management policy had not been updated since 2018.", "unpatched_systems"),
    ("The attacker's actions did not meet the conditions for an alert.", "no_lawful_basis"),
    ("The texts were sent without informed consent.", "transparency_failure"),
    ("Staff were not given sufficient information notices.", "transparency_failure"),
    ("Case records were not populated with adequate information.", "transparency_failure"),
    # a mix of encrypted and unencrypted answers, an internal report, an attacker's hands
    ("The stolen table held encrypted or unencrypted security answers.", "no_encryption"),
    ("There was a delay in reporting the breach internally.", "delayed_breach_report"),
    ("The data ended up in the hands of the attackers.", "misdirected_disclosure"),
    ("The new policy should prevent inappropriate disclosures in future.", "misdirected_disclosure"),
    # accuracy of records is not patching
    ("There was no system to ensure regular updates for patient details.", "unpatched_systems"),
    ("The letters asked people to amend out-of-date personal information.", "unpatched_systems"),
    # a business decision to restrict access, a lender's unsecured loans
    ("The firm's decision to restrict access in the UK is a commercial one.", "access_control_failure"),
    ("The texts offered unsecured loans to people in debt.", "inadequate_security"),
    # file permissions are settings; a call the law forbids is the call's failure
    ("The firm ought to have carried out audits and restricted file and directory permissions.", "no_consent"),
    ("It would have realised that it could not lawfully make unsolicited marketing calls.", "no_lawful_basis"),
    ("The injected script was able to unlawfully process the card details.", "no_lawful_basis"),
    ("Only trained staff may open the archive.", "inadequate_training"),
    # an attack told is no finding about access control, a record destroyed on purpose no failure
    ("Hackers gained unauthorised access to the booking system.", "access_control_failure"),
    ("The drives were wiped and destroyed by the contractor.", "inadequate_security"),
])
def test_more_near_misses_are_not_failures(nlp_and_matcher, sentence: str, absent: str) -> None:
    assert absent not in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("Given that the seventh data protection principle was contravened, a penalty was due.",
     {"inadequate_security"}),
    ("The firm breached the fifth principle by keeping files for decades.", {"excessive_retention"}),
    ("The seventh principle requires appropriate security.", set()),      # the law, not a finding
    # an undertaking given to comply with a principle was given because it was breached
    ("Action Undertaking to comply with the seventh data protection principle.", {"inadequate_security"}),
    # (an article a sentence asks compliance with may be the powers' own)
    ("The notice requires the firm to comply with Article 58 of the UK GDPR.", set()),
])
def test_principles_of_the_1998_act_cited_as_breached(sentence: str, expected: set[str]) -> None:
    assert {code for code, _, _ in failures.cited_failures(sentence)} == expected


@pytest.mark.parametrize("text, expected", [
    # "marketing communications" may be calls: a calling case keeps only its calls
    ("Example Glazing Ltd has been fined £90,000 for making unsolicited marketing calls to people on the TPS. "
     "The regulator acts against unsolicited marketing communications of every kind.",
     ["unlawful_marketing_calls"]),
    # a calls case whose spokesman lists every medium with commas
    ("Example Boilers Ltd has been fined £70,000 for making unsolicited marketing calls. "
     "People can report nuisance calls, texts or emails to the regulator.",
     ["unlawful_marketing_calls"]),
    # alone, the generic phrase still names marketing messages
    ("Example Deals Ltd has been fined £40,000 for sending unsolicited marketing communications.",
     ["unlawful_marketing_messages"]),
])
def test_generic_marketing_words_give_way_to_the_medium_of_the_case(text: str, expected: list[str]) -> None:
    action = default_extractor().extract(text)[0]
    assert [c for c in action.failures if c.startswith("unlawful_marketing")] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The charity had \"secretly screened\" thousands of its supporters.", "transparency_failure"),
    ("The app tracked users without their knowledge.", "transparency_failure"),
    ("Buyers were not given a simple way to opt out of the emails.", "no_consent"),
    ("Forty agents had \"unjustifiably wide-ranging\" access to records.", "access_control_failure"),
    ("The regulator said the firm sent texts without \"valid\" consent.", "no_consent"),
    ("Only 3% of the insurer's 4,000 staff had completed data protection training.", "inadequate_training"),
    ("The shop ran a till system that was no longer supported by its maker.", "unpatched_systems"),
    ("The loss was not reported to the regulator until five months later.", "delayed_breach_report"),
    ("It took the charity eleven weeks to report the breach to the regulator.", "delayed_breach_report"),
    ("The force took almost two years to respond to some subject access requests.", "subject_access_failure"),
    ("Members were not made aware that their details would be sold.", "transparency_failure"),
    ("The gym did not tell members that their data would go to a broker.", "transparency_failure"),
    ("The firm instigated the sending of 3 million text messages.", "unlawful_marketing_messages"),
    ("Customers received emails despite having unsubscribed.", "no_consent"),
    ("The shop stored card numbers in plain text.", "no_encryption"),
    ("CCTV footage was retained indefinitely on the old recorder.", "excessive_retention"),
    ("The agency failed to delete the CVs once they were no longer needed.", "excessive_retention"),
    ("It failed to notify the regulator of the breach without undue delay.", "delayed_breach_report"),
    ("The addresses of 600 parents were visible to everyone on the list.", "misdirected_disclosure"),
    ("The app collected location data without users being aware.", "transparency_failure"),
    ("Shoppers would not have expected their data to be used in this way.", "transparency_failure"),
    ("The broker illegally sold the data of 20,000 savers.", "no_lawful_basis"),
    ("The clinic processed health data without a valid condition.", "no_lawful_basis"),
    ("Only half of the agents had completed training.", "inadequate_training"),
    ("Audits still found problems with the security of personal data.", "inadequate_security"),
    ("The app let partners read profiles without \"sufficiently clear and informed consent\".", "no_consent"),
    ("The files needn't have been exposed if the firm had appropriate security measures in place.",
     "inadequate_security"),
    ("Failings were found in its password policies, and the update patches in use.", "unpatched_systems"),
])
def test_invisible_processing_opt_out_and_quoted_words(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert failures.PREFILTER_RE.search(sentence.lower()) and failures.FINDING_RE.search(sentence.lower())
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence", [
    "The group chat was set up by staff without organisational knowledge.",
    "He copied the records without the knowledge of the data controller.",
    "Scripts could be changed at any time without the knowledge of the web team.",
])
def test_an_organisations_own_knowledge_is_not_transparency(nlp_and_matcher, sentence: str) -> None:
    assert "transparency_failure" not in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence, expected", [
    # staff not told how to do their job: a training or security failing, not transparency
    ("The trust failed to explain to employees that the encryption had to be switched on by hand.", False),
    ("The ICO found that the driver had not been told about the sensitivity of the information.", False),
    ("The charity's procedures had not been explained to its volunteers.", False),
    ("Nobody told staff that the cabinet held patient files.", False),
    # staff not told how their own data is used, and customers not told whoever else is named
    ("The firm did not tell employees that their fingerprints would be scanned.", True),
    ("After an employee complained, it emerged the firm did not tell customers that calls were recorded.", True),
])
def test_telling_staff_how_to_work_is_no_transparency_failure(nlp_and_matcher, sentence: str, expected: bool) -> None:
    """Transparency is owed to the people whose data it is."""
    assert ("transparency_failure" in codes(nlp_and_matcher, sentence)) is expected


@pytest.mark.parametrize("sentence", [
    "If consent had been given at all, it was not freely given, specific and informed.",
    "People were not given clear and informed choices about receiving marketing.",
])
def test_what_consent_must_be_is_no_transparency_failure(nlp_and_matcher, sentence: str) -> None:
    assert "transparency_failure" not in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence", [
    "The ICO has fined Fenland Tickets £1.25m for failing to keep its customers' personal data secure.",
    "Fenland Pharmacy was fined for failing to store special category data securely.",
    "Inappropriate organisational and technical measures.",
])
def test_more_ways_press_words_a_security_failure(nlp_and_matcher, sentence: str) -> None:
    assert "inadequate_security" in codes(nlp_and_matcher, sentence)


def test_childrens_data_alone_counts_when_the_penalty_is_about_it() -> None:
    fined = ("The Information Commissioner has fined Example Apps Ltd £90,000. "
             "It was fined for processing children's personal data in ways that breached the law.")
    assert default_extractor().extract(fined)[0].failures == ["children_data"]
    mention = ("The Information Commissioner has fined Example Apps Ltd £90,000. "
               "The firm makes games and its staff have children's data on file.")
    assert "children_data" not in default_extractor().extract(mention)[0].failures


# ---- since 1.12.0 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    # data sold on without telling the people it was about (not "told" of a breach: see below)
    ("The ICO fined the company £130,000 for selling the data of 20,000 customers to a list broker, "
     "without informing customers; a breach of the Data Protection Act.", "transparency_failure"),
    # access requests named without "subject"
    ("The ICO reprimanded a hospital trust for failing to adequately track data access requests.",
     "subject_access_failure"),
    ("The ICO has issued enforcement notices against Fenland Police for failing to respond to data subject "
     "requests for access to their personal information.", "subject_access_failure"),
    # training missing beside another safeguard, said of the staff
    ("An investigation found that the college did not have proper security controls and employee training "
     "in place.", "inadequate_training"),
])
def test_failures_as_press_phrases_them_since_1_12(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


@pytest.mark.parametrize("sentence", [
    "Customers were not told about the breach for weeks.",
    "It responded to approximately 68% of access requests within one month.",
    # a document's title
    "There is little or no guidance in the Data Access Request Form as to how staff should decide.",
])
def test_news_of_a_breach_and_requests_answered_are_no_failures(nlp_and_matcher, sentence: str) -> None:
    assert not codes(nlp_and_matcher, sentence) & {"transparency_failure", "subject_access_failure"}


# ---- since 1.13.0 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    # a copy of the data held, the complainant given their data, the right of access in quotes
    ("The regulator concluded that the police did not meet its duty to provide a complete copy of the data "
     "held on an individual.", "subject_access_failure"),
    ("The commissioner ruled that the force has failed to provide the complainant with their personal data "
     "within one month.", "subject_access_failure"),
    ("The Commissioner served two enforcement notices on the force for being unable to meet its legal "
     "obligations related to the public's 'Right of Access', under the Data Protection Act.",
     "subject_access_failure"),
    # security testing missing
    ("The charity also failed to carry out appropriate security testing, so it remained unaware of the "
     "website's weaknesses.", "no_vulnerability_scanning"),
    # a quoted term does not end the negation's reach
    ("The firm did not give customers a 'privacy notice' explaining how their data would be used.",
     "transparency_failure"),
    ("The ICO said Fenland Health did not have effective security in place to stop the employee.",
     "inadequate_security"),
    ("Fenland Health failed to recognise that the data was at risk and failed to take reasonable steps to "
     "secure it.", "inadequate_security"),
    ("Our investigation found material inadequacies in the way Fenland Health safeguarded personal data.",
     "inadequate_security"),
    ("The groups were created on a personal phone without proper authorisation or data protection safeguards.",
     "inadequate_security"),
    ("The council did not give the contractor instructions with regards to keeping the information secure.",
     "inadequate_security"),
    ("The ICO has issued an enforcement notice to Fenland Police over serious delays in handling subject access "
     "requests.", "subject_access_failure"),
])
def test_failures_as_press_phrases_them_since_1_13(nlp_and_matcher, sentence: str, expected: str) -> None:
    assert expected in codes(nlp_and_matcher, sentence)


def test_a_copy_of_the_data_taken_is_no_access_failure(nlp_and_matcher) -> None:
    # the thief's copy, not the person's own copy asked for
    sentence = "The hacker was not caught before he made a copy of the data held on the server."
    assert "subject_access_failure" not in codes(nlp_and_matcher, sentence)


def test_security_that_was_effective_is_no_failure(nlp_and_matcher) -> None:
    sentence = "The regulator found that the trust had effective security in place and took no action."
    assert "inadequate_security" not in codes(nlp_and_matcher, sentence)


def _table_sentences() -> list[str]:
    """Every sentence of this module's parametrised tables."""
    found: list[str] = []
    for name, test in list(globals().items()):
        for mark in getattr(test, "pytestmark", []) if name.startswith("test_") else []:
            if mark.name == "parametrize":
                found += [row[0] if isinstance(row, tuple) else row for row in mark.args[1]]
    return [s for s in found if isinstance(s, str)]


def test_matching_by_first_word_finds_what_one_matcher_with_every_pattern_finds() -> None:
    from spacy.matcher import Matcher
    nlp = default_extractor().nlp
    grouped = build_matcher(nlp.vocab)
    single = Matcher(nlp.vocab)
    for rule, patterns in grouped.rules.items():
        single.add(rule, patterns)
    sentences = _table_sentences()
    codes_seen = set()
    for sentence in sentences:
        doc = nlp.make_doc(sentence)
        assert set(grouped(doc)) == set(single(doc)), sentence
        codes_seen |= {nlp.vocab.strings[m].partition(":")[0].partition("@")[0] for m, _, _ in single(doc)}
    assert len(sentences) > 150 and len(codes_seen) >= 18      # the tables reach almost every code


@pytest.mark.parametrize("text, failures", [
    # the offence's own words ("without consent") are no consent failure of an organisation
    ("Receptionist fined for snooping\n\nA former hospital receptionist has been fined £400 at Fenbury Magistrates "
     "Court after she accessed the records of 30 patients without consent. Sian Marsh pleaded guilty to unlawfully "
     "obtaining personal data.", []),
    # a request left unanswered is what such a court may try
    ("Fenland Lettings director prosecuted\n\nThe director of Fenland Lettings has been fined £600 at Fenbury "
     "Magistrates Court for failing to respond to a subject access request.", ["subject_access_failure"]),
    # a penalty's "without consent" is the organisation's failure
    ("Fenland Calls Ltd has been fined £80,000 by the ICO for sending 2 million marketing texts without consent.",
     ["unlawful_marketing_messages", "no_consent"]),
])
def test_a_prosecution_names_the_failures_of_an_offence(text: str, failures: list[str]) -> None:
    """A court tries an offence; the taxonomy describes how a controller handles data."""
    assert default_extractor().extract(text, kind="article")[0].failures == failures


@pytest.mark.parametrize("sentence, expected", [
    # words of patching that speak of something else
    ("Your browser is no longer supported.", False),
    ("Its opt-out message read: we are not able to keep you up to date with our latest offers.", False),
    ("The council failed to dispose of its obsolete computers securely.", False),
    ("The staff handbook had not been updated to comply with the GDPR.", False),
    # software left unpatched
    ("The firm ran booking software that was no longer supported.", True),
    ("It failed to keep its servers up to date with security patches.", True),
])
def test_patching_words_about_other_things_are_no_unpatched_systems(nlp_and_matcher, sentence: str,
                                                                     expected: bool) -> None:
    assert ("unpatched_systems" in codes(nlp_and_matcher, sentence)) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("The council left the social care records accessible to anyone for five years.", True),
    ("Some 12,000 records were publicly accessible on the firm's website.", True),
    ("The server was set up without a password prompt, thereby giving anyone access to the files.", True),
    ("Accessing the portal did not require a username or password.", True),
    ("The charity should have restricted access to the group, the ICO said.", True),
    # what is meant to be public, and a log-in that was asked for
    ("The register is open to inspection at the town hall.", False),
    ("Staff needed a password to open the system.", False),
])
def test_data_anyone_could_reach_is_an_access_control_failure(nlp_and_matcher, sentence: str, expected: bool) -> None:
    assert ("access_control_failure" in codes(nlp_and_matcher, sentence)) is expected
