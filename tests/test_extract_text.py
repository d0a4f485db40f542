"""Cleaning OCR'd notices and press pages, with offsets that still point into the original."""
from __future__ import annotations

from pipeline.extract.text import clean, split_sentences, story_end

OCR_NOTICE = (
    "                 ICO.\n      Information Commissioner's Office\n\n"
    "          MONETARY    PENALTY NOTICE\n\n   TO:  Example Widgets Ltd\n\n"
    "1.   The Commissioner has decided to issue\n\n     Example Widgets Ltd with a penalty. The protec-\n"
    "     tion of data failed\n\n     badly.\n\n                  3\n\n"
    "2.   The amount of the penalty is £10,000.\n"
)

PRESS_PAGE = (
    "Firm fined over data loss\n\nBy Sam Writer\n\n"
    "The regulator fined Example Widgets Ltd on Tuesday. It said the firm failed its customers.\n\n"
    "The company said it would appeal the decision.\n\n"
    "Previous post Another Company wins an award\nNext post Some Other Story\nLeave a Reply\n"
)


def test_page_furniture_and_broken_words_are_removed() -> None:
    ct = clean(OCR_NOTICE, kind="notice")
    assert "ICO." not in ct.text and "Information Commissioner's Office" not in ct.text
    assert "protection" in ct.text
    assert "\n3\n" not in ct.text
    assert ct.ocr_like


def test_offsets_map_back_into_the_original() -> None:
    ct = clean(OCR_NOTICE, kind="notice")
    i = ct.text.index("£10,000")
    a, b = ct.to_original(i, i + len("£10,000"))
    assert OCR_NOTICE[a:b] == "£10,000"
    j = ct.text.index("Example Widgets Ltd with")
    a, b = ct.to_original(j, j + len("Example Widgets Ltd"))
    assert OCR_NOTICE[a:b] == "Example Widgets Ltd"


def test_sentences_split_on_headings_and_numbered_paragraphs_not_line_wraps() -> None:
    ct = clean(OCR_NOTICE, kind="notice")
    sentences = [ct.text[a:b] for a, b in split_sentences(ct)]
    assert "MONETARY PENALTY NOTICE" in sentences
    assert "TO: Example Widgets Ltd" in sentences
    joined = [s for s in sentences if s.startswith("The Commissioner has decided")]
    assert joined and "Example Widgets Ltd with a penalty." in joined[0]


def test_press_boilerplate_tail_is_cut() -> None:
    ct = clean(PRESS_PAGE, kind="article")
    assert "Another Company" not in ct.text and "Leave a Reply" not in ct.text
    assert "appeal the decision" in ct.text
    assert not ct.ocr_like
    assert story_end(PRESS_PAGE) == PRESS_PAGE.index("Previous post")


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith of Example Co. Ltd. spoke. The Commissioner e.g. fined it. Then it ended."
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences[-1] == "Then it ended."
    assert len(sentences) <= 3


def test_very_long_sentences_are_capped() -> None:
    text = "word, " * 1000
    assert all(b - a <= 800 for a, b in split_sentences(text))


def test_a_press_release_ends_at_its_notes_to_editors() -> None:
    release = ("Claims firm ordered to stop calls\n\nThe ICO has served an enforcement notice on Northway Claims "
               "Ltd. It must stop calling people on the TPS. The firm made more than 40,000 calls between April and "
               "August to people who had told the TPS they did not want them, and 190 of them complained. "
               "The ICO's head of investigations said the firm had ignored earlier warnings.\n\nNotes to editors\n\n1. The ICO can take action "
               "to change behaviour. This includes criminal prosecution and audit.\n2. The ICO has duties under "
               "the Freedom of Information Act (FOIA) and the Environmental Information Regulations (EIR).\n")
    ct = clean(release, kind="article")
    assert "Northway Claims Ltd" in ct.text
    assert "criminal prosecution" not in ct.text and "FOIA" not in ct.text


def test_a_pound_sign_the_encoding_broke_is_a_pound_sign_again() -> None:
    for broken in ("Â£60,000", "拢60,000", "\ufffd60,000"):
        page = f"Firm fined\n\nFenland Homes Ltd has been fined {broken} by the ICO.\n"
        ct = clean(page, kind="article")
        start = ct.text.index("£60,000")
        assert page[slice(*ct.to_original(start, start + len("£60,000")))].endswith("60,000")
    # a replacement character elsewhere is left alone
    assert "£" not in clean("A \ufffd note and 5 \ufffd marks\n", kind="article").text


def test_a_headline_a_scraper_ran_into_the_story_is_split_from_it() -> None:
    original = "Fenland PoliceA police force which left tapes in a basement has been fined £100,000."
    ct = clean(original, kind="article")
    assert ct.text.startswith("Fenland Police\nA police force")
    i = ct.text.index("A police")
    assert original[slice(*ct.to_original(i, i + len("A police")))] == "A police"
    # a name with capitals inside is left alone
    assert clean("The McAfee report and iOS The app", kind="article").text == "The McAfee report and iOS The app"


def test_a_stock_pictures_file_name_run_into_the_story_is_split_from_it() -> None:
    original = "Fenland Tickets pays fine\n\nriver-4471902_1920Fenland Tickets has dropped its appeal."
    ct = clean(original, kind="article")
    assert "\nFenland Tickets has dropped" in ct.text
    assert "1920Fenland" not in ct.text
    # a name that holds a figure and an underscore without a picture's shape stays
    assert "A_1920 Ltd" in clean("The firm A_1920 Ltd was fined.", kind="article").text


def test_a_word_run_into_the_next_headline_is_split() -> None:
    ct = clean("Clerk fined for snoopingFenland Police has been fined £80,000.", kind="article")
    assert "snooping\nFenland Police has been fined" in ct.text
    # names written with an inner capital keep it
    assert clean("LinkedIn, easyJet and TalkTalk", kind="article").text == "LinkedIn, easyJet and TalkTalk"


def test_a_short_line_repeated_in_a_row_is_furniture_but_a_listings_labels_stay() -> None:
    page = "Slide background\nSlide background\nSlide background\n\nFenland Police was fined £80,000."
    assert clean(page, kind="article").text.strip() == "Fenland Police was fined £80,000."
    listing = "What\nLost laptop\nRegulator\nUndertaking\n\nWhat\nLost disc\nRegulator\nUndertaking"
    assert clean(listing, kind="article").text.count("What") == 2
    # a notice repeats its own lines, which name the party
    assert clean("Fenland Ltd\nFenland Ltd\nPENALTY NOTICE", kind="notice").text.count("Fenland Ltd") == 2


def test_a_byline_run_into_its_date_is_split() -> None:
    assert clean("Jo Fenwick4 March 2024", kind="article").text == "Jo Fenwick 4 March 2024"
    assert clean("FenlandMarketingJan 20, 2026", kind="article").text == "FenlandMarketing Jan 20, 2026"
    # a lower-case word and a figure are left alone
    assert clean("covid19 March 2020", kind="article").text == "covid19 March 2020"


def test_a_stored_pages_date_line_is_a_sentence_of_its_own() -> None:
    text = "date 2019-04-12 A pregnancy club has been fined £400,000.\n\nFenbaby UK shared its members' data."
    first = split_sentences(text)[0]
    assert text[first[0]:first[1]] == "date 2019-04-12"
