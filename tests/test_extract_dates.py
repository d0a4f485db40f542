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
    # a court appearance, and the day of a court's hearing (a breach "took place"; a hearing is the action)
    ("She appeared before magistrates in Fenland on the 24th September 2018 and admitted obtaining data.",
     "2018-09-24"),
    ("In a hearing that took place on 2 July 2018, the magistrates' court issued a £4,500 fine.", "2018-07-02"),
    ("The attack took place on 2 July 2018; the firm was later fined.", None),
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


# ---- forms press pages and OCR'd notices write (texts invented for these tests) ------------------------
from pipeline.extract import Extractor  # noqa: E402
from pipeline.extract.dates import find_url_date, find_yearless_dates  # noqa: E402


@pytest.mark.parametrize("text, iso", [
    ("On 2ndJune 2021, the notice was served", "2021-06-02"),    # the space lost after an ordinal
    ("June 3, 20214 min read", "2021-06-03"),                   # a reading time glued to the year
    ("the 4 thday of March 2023", "2023-03-04"),                 # OCR'd signature lines
    ("the 28day of February 2022", "2022-02-28"),
    ("the 17hday of May 2021", "2021-05-17"),
    ("the 30° day of October 2020", "2020-10-30"),
    ("the 22 nd day of June 2021", "2021-06-22"),
    ("in 2019 June 20204", None),                                # a longer number is no year
    ("On the 12th of March 2019 the firm", "2019-03-12"),
    ("Decided: 26.09.2024", "2024-09-26"),                       # a case page's numeric form
    ("date 2019-03-12T10:00:00Z", "2019-03-12"),
    ("On 27/Mar/2020, Fenland Leads Ltd received a fine", "2020-03-27"),   # a database's and a feed's forms
    ("28-Mar-2019 10:28", "2019-03-28"),
    ("Council rapped\n\n04/05/16\n\nShare", "2016-05-04"),       # a two-digit year on a line of its own
    ("open 24/7/365 and 1/2/30 days", None),                       # ... and nowhere else
])
def test_parse_odd_forms(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_dated_line_is_a_signature_at_the_start_of_a_line() -> None:
    text = ("7. The firm replied in a letter dated 10 May 2023 and asked for more time.\n"
            "Signed for the Commissioner\n   14Dated the 2 nd day of August 2023\n")
    dated = find_dated_line(text)
    assert dated is not None and dated.iso == "2023-08-02"
    assert find_dated_line("In a Notice of Appeal dated 10 May 2023 the firm challenged the penalty.") is None


@pytest.mark.parametrize("text, reference, isos", [
    ("Appearing at Leeds Magistrates' Court on 12 March, the clerk was fined.", "2013-03-14", ["2013-03-12"]),
    ("On 13th November the regulator fined the firm.", "2020-11-20", ["2020-11-13"]),
    ("He was sentenced on 12 December, the court heard.", "2014-01-03", ["2013-12-12"]),   # last year's
    ("He was sentenced on March 12 at the crown court.", "2019-04-01", ["2019-03-12"]),
    ("On 12 March 2019 the firm was fined.", "2019-04-01", []),       # has its year: not yearless
    ("Staff may on 5 may be asked to leave.", "2019-06-01", []),       # "may" the verb
])
def test_yearless_dates(text: str, reference: str, isos: list[str]) -> None:
    found = find_yearless_dates(text, reference)
    assert [d.iso for d in found] == isos
    for d in found:
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("sentence, iso", [
    # a date opening a reported clause belongs to that clause: here the breach
    ("The reprimand records that on 14 August 2022, a contractor left the laptop in a car, and it was "
     "stolen.", None),
    ("On 25 March 2025, the ICO confirmed that the firm broke data protection law.", "2025-03-25"),
    # a company confirming a fact is no action, and the regulator contacting it is a step of the inquiry
    ("When contacted by the regulator in May 2018, Northwind Analytics confirmed it still held the data.", None),
    # a prosecution's court date
    ("He pleaded guilty to unlawfully obtaining data when he appeared at Leeds Magistrates' Court on "
     "3 August 2022.", "2022-08-03"),
    # an appeal is not the action; the decision it challenges is
    ("In a Notice of Appeal dated 10 May 2023 the firm challenges a penalty notice issued on 12 April 2023.",
     "2023-04-12"),
    ("In its original ruling, made in January 2020, the regulator found the retailer at fault.", "2020-01"),
    # announcing an inquiry is no action; an earlier event past "comes after"; the regulator's powers
    ("In March 2025, the ICO announced three investigations into how video apps use children's data.", None),
    ("The penalty comes after the firm's former director was prosecuted on 8 October 2013 for failing to "
     "register.", None),
    ("The penalty brings the total levied on councils since the ICO won new powers in April 2010 to £1m.", None),
    ("In May 2020 the regulator took enforcement action against two callers.", "2020-05"),
    # an undertaking is an action
    ("The undertaking was agreed in August 2010, but the ICO did not publish it then.", "2010-08"),
    ("On 30 January 2015, Fenland Search signed an Undertaking with the ICO.", "2015-01-30"),
])
def test_action_dates_in_more_sentences(sentence: str, iso: str | None) -> None:
    found = action_dates_in([(0, sentence)])
    assert (found[0].iso if found else None) == iso


def test_a_yearless_court_date_is_read_against_the_page_date() -> None:
    sentences = [(0, "Appearing at Leeds Magistrates' Court on 12 March, Jo Bloggs was prosecuted and fined £500.")]
    assert [d.iso for d in action_dates_in(sentences, reference="2013-03-14")] == ["2013-03-12"]
    assert action_dates_in(sentences) == []     # no page date: no year to give it


def test_a_month_without_its_year_takes_the_one_year_the_page_gives_that_month() -> None:
    from pipeline.extract.dates import yearless_month_action_date
    text = ("Nuisance calls\n\nIn January, we concluded the cases below: Kestrel Leads Ltd received a "
            "monetary penalty of £80,000.\n\nDuring the month to the end of January 2019 we had 83 cases open.")
    sentences = [(0, text[:text.index("During")]), (text.index("During"), text[text.index("During"):])]
    found = yearless_month_action_date(sentences, text)
    assert found is not None and found.iso == "2019-01" and text[found.start:found.end] == "January"
    # two years for that month: no way to tell which
    assert yearless_month_action_date(sentences, text + " In January 2018 we had 70.") is None
    # no year at all for it
    assert yearless_month_action_date(sentences[:1], sentences[0][1]) is None


def test_yesterday_in_a_prosecution() -> None:
    sentences = [(0, "At the magistrates' hearing yesterday, the former clerk was prosecuted under section 55 "
                     "of the Act and fined £300.")]
    found = relative_action_date(sentences, "2014-09-10")
    assert found is not None and found.iso == "2014-09-09"


@pytest.mark.parametrize("head, iso", [
    ("Council fined\n\nTuesday, March 19, 2019\n\nThe council has been fined", "2019-03-19"),
    ("Trust fined\n- 18 July 2018\nThe trust has been fined", "2018-07-18"),
    ("Trust ordered to act\n\n9 Mar 2015 03:52 PM\n\nThe trust has been ordered", "2015-03-09"),
    ("Inquiry fined\n\nWed 18 Jul 2018 20.02 EDT\n\nThe inquiry has been fined", "2018-07-18"),
    ("Charities apologise\n\n05 Apr 2017 News\n\nOne of the charities", "2017-04-05"),
    ("Platform faces fine\n\nMarch 22, 20262 min read2 sources\nShare:", "2026-03-22"),
    ("April 5, 2018 4.52 pm This story is over 69 months old\n\nForce fined £130k", "2018-04-05"),
    ("Firm fined\nBy Jo Bloggs | 12 March 2019\nThe firm", "2019-03-12"),
    ("Firm fined\nPosted by Jo Bloggs on 12 March 2019\nThe firm", "2019-03-12"),
    ("Firm fined\nUpdated: 12:05, 12 Mar 2019\nThe firm", "2019-03-12"),
    ("Firm fined\n12 March 2019 by Jo Bloggs\nThe firm", "2019-03-12"),
    ("The breach was discovered by staff on 4 June 2022.", None),
    ("Firm fined\n12 March 2019 by the regulator and the court\n", None),
    # a site header's date of today, above the title, is not the story's
    ("Friday, April 26, 2024\nHome > News > Council ordered to clear its backlog", None),
    # ... but above a headline it is the story's own
    ("Wednesday, 10 February 2010\n\nparty hit by regulator over automated calls\n\nThe regulator has served",
     "2010-02-10"),
    ("Force fined\n\n12 May 2018 the force was fined for losing discs", None),
    # an author's name before the date, even run into its weekday; a time makes a first line the story's
    ("Jo BloggsThursday 21 June 2012\n\nTrust fined £90,000 over abandoned hospital", "2012-06-21"),
    ("Jo Bloggs 30 October 2013\n\nCouncil fined for lost memory stick", "2013-10-30"),
    ("Monday 24 June 2019 1:57 pm\n\nNetwork fined £90,000 for spam texts", "2019-06-24"),
    # ... but never a field's label
    ("Breach details\n\nWhen 14 December 2011\nWhy emails went astray", None),
    # a cue with a weekday, an "added" stamp, a section before the date, a reading time after it
    ("Board ordered to act\n\nPublished: Tuesday 9th December 2014\n", "2014-12-09"),
    ("Firm fined\n Article added: 30/08/2017\n", "2017-08-30"),
    ("Uni rapped\n\nBy Jo Bloggs\n\nPosted in Security, 1st March 2012 15:02 GMT\n", "2012-03-01"),
    ("Council fined\n\nJuly 26, 2013 Read time: 2 mins\n", "2013-07-26"),
    # a site's name set off by a bar; a time before the weekday and a town before the byline
    ("Firm fined over access request\n\nData-Law Digest | 11 Feb 2019 | 12:07 pm | 2 min. read\n", "2019-02-11"),
    ("Cabs to record passengers\n\n10:30am Tuesday 24th April 2012 in Fenland By Jo Bloggs\n", "2012-04-24"),
    # ... but a sentence before the bar is no site's name
    ("Firm fined\n\nThe firm was fined. | 11 Feb 2019\n", None),
    # a time after the date, with its "at"
    ("July 17, 2024 at 07:52AM\n\nCouncil reprimanded over ransomware attack", "2024-07-17"),
    # a release's label; a time and a weekday after "last updated"
    ("Firm fined £175,000 over spam texts\n\nNews release: 17 December 2013\n", "2013-12-17"),
    ("Page last updated at 17:24 GMT, Saturday, 24 January 2009\n\nPatient records on stolen laptop", "2009-01-24"),
    # a release's label set off by dashes; a time in brackets, then the site's furniture
    ("Firm fined £70,000 over PPI calls\n\nICO - news release - 1 October 2014\n", "2014-10-01"),
    ("ISP fined for calls\n\nTuesday, May 16th, 2023 (3:07 pm) - Score 1,384\n\nFenland Telecom has been fined",
     "2023-05-16"),
])
def test_publication_date_lines(head: str, iso: str | None) -> None:
    found = find_publication_date(head)
    assert (found.iso if found else None) == iso


def test_a_publication_stamp_below_the_story(extractor: Extractor) -> None:
    story = ("Health board ordered to protect records\n\nThe ICO has served an enforcement notice on Fenland "
             "Health Board after patient letters were found in a skip. " + "The board must act. " * 80 +
             "\n\nPublished: Tuesday 9th December 2014\n")
    assert find_publication_date(story[:1000]) is None
    assert main_action(extractor, story, kind="article").action_date == "2014-12-09"


def test_a_dated_address_as_the_last_resort(extractor: Extractor) -> None:
    found = [find_url_date(u) for u in ("URL: https://news.example.org/2019/03/12/firm-fined",
                                        "https://example.org/news/2025/05/statement/")]
    assert [f.iso if f else None for f in found] == ["2019-03-12", "2025-05"]
    assert find_url_date("http://www.example.org/cases/GRC/2023/458.html") is None     # no month
    text = ("Original article: https://news.example.org/2019/03/12/lancing-leads-fined\n\n"
            "Lancing Leads Ltd has been fined £80,000 by the ICO for making nuisance calls.\n")
    assert main_action(extractor, text, kind="article").action_date == "2019-03-12"


# ---- which date the extractor gives the action (whole invented pages) --------------------------------
def test_a_date_line_glued_to_its_byline_dates_the_story(extractor: Extractor) -> None:
    text = ("Two firms fined for marketing texts\n\nFenlandMarketingJan 20, 2026\n\nThe ICO has fined Marsh Claims "
            "Ltd £120,000 for sending four million unlawful marketing texts.")
    assert main_action(extractor, text, kind="article").action_date == "2026-01-20"


def test_listing_fields_give_the_action_its_date_not_the_breach(extractor: Extractor) -> None:
    text = ("Eastbury Borough Council\n\nBreach details\n\nWhat Unencrypted laptops were stolen.\n"
            "When 25 May 2012\n\nRegulatory action\n\nRegulator ICO\nAction Monetary penalty of £90,000\n"
            "When 04 June 2013\nDetails The council was fined for failing to encrypt laptops.\n")
    assert main_action(extractor, text, kind="article").action_date == "2013-06-04"
    # the action's field may run on over a line before its date
    text = text.replace("Action Monetary penalty of £90,000\n", "Action Monetary penalty of £90,000\n"
                        "Enforcement notice issued to ensure staff are trained within 35 days.\n")
    assert main_action(extractor, text, kind="article").action_date == "2013-06-04"


def test_the_party_s_dated_sentence_beats_the_regulator_s_other_news(extractor: Extractor) -> None:
    text = ("Learning from reprimands\n\n14 December 2022\n\nOn 6 December 2022, the ICO announced that it "
            "would publish all reprimands it issues.\n\nExamples include a reprimand to Westshire Police in "
            "November 2022 after an error led to a wrongful arrest.\n")
    action = main_action(extractor, text, kind="article")
    assert (action.organisation, action.action_date) == ("Westshire Police", "2022-11")


def test_a_month_takes_its_day_from_a_later_sentence(extractor: Extractor) -> None:
    text = ("In August 2025, the ICO fined Harbour Leads Ltd £200,000 for making automated marketing calls.\n\n"
            "The ICO issued the £200,000 penalty on 21 August 2025, with an early payment discount.\n")
    assert main_action(extractor, text, kind="article").action_date == "2025-08-21"


def test_a_month_takes_its_day_from_the_page_s_date_in_that_month(extractor: Extractor) -> None:
    text = ("Leads firm fined\n\n27 March 2025\n\nIn March 2025, the ICO fined Kestrel Leads Ltd £50,000 "
            "for making nuisance calls.\n")
    assert main_action(extractor, text, kind="article").action_date == "2025-03-27"
    other = text.replace("27 March 2025", "2 April 2025")
    assert main_action(extractor, other, kind="article").action_date == "2025-03"


def test_another_case_s_date_is_not_this_action_s(extractor: Extractor) -> None:
    text = ("Harbour Hotels fined £9m\n\nPosted on 02 Nov 2021\n\nThe ICO has fined Harbour Hotels Ltd £9 "
            "million for failing to keep guests' data secure.\n\nThe fine is the second largest to date "
            "(after the £15 million fine issued to Skyline Airways in October 2021).\n")
    assert main_action(extractor, text, kind="article").action_date == "2021-11-02"


def test_an_upheld_penalty_keeps_its_notice_s_date(extractor: Extractor) -> None:
    text = ("First-tier Tribunal\nGeneral Regulatory Chamber\nDecision given on: 31 May 2023\n"
            "Between\nBrightside Leads Ltd\nAppellant\nand\nTHE INFORMATION COMMISSIONER\nRespondent\n"
            "Decision: The appeal is Dismissed\nREASONS\n1. Brightside Leads Ltd appeals against the "
            "Monetary Penalty Notice dated 22 September 2020 imposing a penalty of £60,000 for unsolicited "
            "marketing texts.\n2. The firm's grounds of appeal dated 1 October 2020 were considered.\n"
            "3. The appeal is dismissed and the penalty notice is upheld.\n")
    action = main_action(extractor, text)
    assert action.action_date == "2020-09-22"


def main_action(extractor: Extractor, text: str, **kw):
    actions = extractor.extract(text, **kw)
    assert actions, "expected an enforcement action"
    return actions[0]


@pytest.mark.parametrize("when", ["When\n17 March 2010", "17 March 2010."])
def test_a_breach_logs_date_after_its_regulatory_action(extractor: Extractor, when: str) -> None:
    log = ("Fenland Council\n\nWhat\nLoss of personal data.\n\nHow much\n37 records.\n\nRegulator\nICO\n\n"
           "Regulatory action\nUndertaking issued to ensure that staff are trained.\n\nReason for action\nThe "
           "council had no written policy in place.\n\n" + when + "\n\nOuse Council\n\nRegulatory action\n"
           "Undertaking issued.\n\nWhen\n2 May 2011\n")
    assert main_action(extractor, log, kind="article").action_date == "2010-03-17"


def test_a_stored_pages_date_line_dates_the_news_of_its_first_sentence(extractor: Extractor) -> None:
    text = ("date 2022-11-03 The Information Commissioner has agreed to reduce the £500,000 penalty imposed on the "
            "Fenland Office in 2021 to £50,000.\n\nThe Fenland Office appealed against the fine in December 2021.")
    assert main_action(extractor, text, kind="article").action_date == "2022-11-03"
