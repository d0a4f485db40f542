"""The ICO parsers on hand-written fixtures shaped like the real API and pages (SOURCES.md §1)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.parsers.errors import LayoutChangedError, ParseError
from pipeline.parsers.ico_page import Attachment, RelatedLink, parse_ico_page
from pipeline.parsers.ico_search_api import ListingItem, action_type_for, parse_search_page, split_metadata
from pipeline.sources import ICO_REGISTERS

PAGES = Path(__file__).parent / "fixtures" / "pages"
API = "https://ico.org.uk/api/search"
ENFORCEMENT = ICO_REGISTERS[17222]["url_prefixes"]
NEWS = ICO_REGISTERS[2816]["url_prefixes"]
E = "https://ico.org.uk/action-weve-taken/enforcement/"


def fixture(name: str) -> bytes:
    return (PAGES / name).read_bytes()


# -- search API ---------------------------------------------------------------------------------

def test_search_page_parses_every_register_row_and_drops_the_promoted_card():
    page = parse_search_page(fixture("api_search_enforcement_p1.json"), base_url=API, url_prefixes=ENFORCEMENT)
    assert (len(page.items), page.dropped, page.total_pages, page.total_results) == (24, 1, 2, 35)
    assert all(item.url.startswith(E) for item in page.items)
    assert "https://ico.org.uk/about-the-ico/jobs/" not in [item.url for item in page.items]
    assert page.items[0] == ListingItem(
        ico_id=120301,
        title="ACRO Criminal Records Office",
        url=E + "2026/08/acro-criminal-records-office/",
        listed_date="2026-08-07",
        listed_type="Reprimands",
        listed_action_type="reprimand",
        sector="Central government",
        description=("Reprimand issued to ACRO Criminal Records Office under Articles 32(1), 32(1)(b) and "
                     "32(1)(d) of the UK GDPR after a cyber incident that may have affected around 10,000 "
                     "people in the UK."),
        created="2026-08-12T09:14:22.103Z",
        listed_action_types=["reprimand"],
    )


def test_search_page_rows_without_a_sector_and_the_en_mpn_pair():
    items = {i.url: i for i in parse_search_page(fixture("api_search_enforcement_p1.json"),
                                                 base_url=API, url_prefixes=ENFORCEMENT).items}
    smith = items[E + "2026/07/geoffrey-smith/"]
    assert (smith.listed_date, smith.listed_type, smith.listed_action_type, smith.sector) == (
        "2026-07-17", "Prosecutions", "prosecution", None)
    thermotech = items[E + "2026/05/thermotech-wall-and-loft-surveys-ltd-en/"]
    assert (thermotech.ico_id, thermotech.listed_type, thermotech.sector, thermotech.created) == (
        120121, "Enforcement notices", None, "2026-07-07T16:26:05.967Z")
    assert thermotech.description == "TWLS instigated 575,062 unsolicited direct marketing calls in breach of PECR."
    en = items[E + "2026/08/elderly-aids-limited-en/"]
    mpn = items[E + "2026/08/elderly-aids-limited-mpn/"]
    assert en.title == mpn.title == "Elderly Aids Limited"
    assert (en.listed_action_type, mpn.listed_action_type) == ("enforcement_notice", "monetary_penalty")
    assert en.listed_date == mpn.listed_date == "2026-08-06"
    # A legacy-form URL (no YYYY/MM) is still under the register's prefix.
    assert items[E + "ministry-of-defence-mpn/"].listed_action_type == "monetary_penalty"
    # "–" and "£" survive decoding.
    assert items[E + "2026/05/rizwan-manjra-proceeds-of-crime-act/"].title == "Rizwan Manjra – Proceeds of Crime Act"


def test_empty_hole_page_is_not_an_error():
    page = parse_search_page(fixture("api_search_enforcement_p2_empty.json"), base_url=API, url_prefixes=ENFORCEMENT)
    assert (page.items, page.dropped, page.total_pages, page.total_results) == ([], 0, 2, 35)


def test_news_register_keeps_both_news_url_forms():
    page = parse_search_page(fixture("api_search_news_p1.json"), base_url=API, url_prefixes=NEWS)
    assert [i.url for i in page.items] == [
        "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/02/ico-fines-reddit/",
        "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/02/blog-storage-and-access-technologies/",
        "https://ico.org.uk/about-the-ico/news-and-events/news-and-blogs/2025/11/police-force-reprimanded/",
    ]
    assert page.dropped == 1
    assert [(i.listed_date, i.listed_type, i.listed_action_type, i.sector) for i in page.items][:2] == [
        ("2026-02-23", "News", "other", None), ("2026-02-12", "Blog", "other", None)]


@pytest.mark.parametrize("body", [b'{"items": []}', b"[]", b"<html>Maintenance</html>", b"", b'{"results": {}}'])
def test_search_json_without_results_is_a_layout_change(body):
    with pytest.raises(LayoutChangedError) as caught:
        parse_search_page(body, base_url=API, url_prefixes=ENFORCEMENT)
    assert caught.value.error_class == "layout_changed"
    assert API in caught.value.message


def test_rows_from_another_host_or_with_bad_urls_are_dropped():
    body = json.dumps({"results": [
        {"id": 1, "title": "Elsewhere", "url": "https://evil.example/action-weve-taken/enforcement/x/",
         "filterItemMetaData": "1 May 2026, Reprimands"},
        {"id": 2, "title": "Script", "url": "javascript:alert(1)", "filterItemMetaData": "1 May 2026, Reprimands"},
        {"id": 3, "title": "", "url": "/action-weve-taken/enforcement/no-title/"},
        "not an object",
        {"id": "4", "title": "Kept", "url": "/action-weve-taken/enforcement/kept/",
         "filterItemMetaData": "1 May 2026, Monetary penalties, Health, and more"},
    ], "pagination": {}}).encode()
    page = parse_search_page(body, base_url=API, url_prefixes=ENFORCEMENT)
    assert page.dropped == 4
    assert [(i.ico_id, i.url, i.sector) for i in page.items] == [(4, E + "kept/", "Health, and more")]
    assert (page.total_pages, page.total_results) == (None, None)


@pytest.mark.parametrize("value, expected", [
    ("28 May 2026, Enforcement notices, Marketing", ("2026-05-28", ["Enforcement notices"], "Marketing")),
    ("17 July 2026, Prosecutions", ("2026-07-17", ["Prosecutions"], None)),
    ("5 December 2025", ("2025-12-05", [], None)),
    ("not a date, Reprimands", (None, ["Reprimands"], None)),
    ("", (None, [], None)),
    (None, (None, [], None)),
])
def test_split_metadata(value, expected):
    assert split_metadata(value) == expected


@pytest.mark.parametrize("label, expected", [
    ("Monetary penalties", "monetary_penalty"), ("Enforcement notices", "enforcement_notice"),
    ("Reprimands", "reprimand"), ("Prosecutions", "prosecution"), ("Undertakings", "undertaking"),
    ("News", "other"), (None, "other"),
])
def test_action_type_for(label, expected):
    assert action_type_for(label) == expected


# -- detail pages -------------------------------------------------------------------------------

def test_current_layout_detail_page():
    url = E + "2026/08/elderly-aids-limited-en/"
    page = parse_ico_page(fixture("ico_detail_current_elderly_aids_en.html"), url=url)
    assert page.layout == "current"
    assert page.url == url
    assert page.title == "Elderly Aids Limited"
    assert (page.date, page.type, page.sector, page.page_id) == (
        "2026-08-06", "Enforcement notices", "General business", 120290)
    assert page.summary == ("Elderly Aids Limited made 758,053 unsolicited marketing calls about call blocking "
                            "devices to people registered with the TPS, in breach of Regulations 21 and 24 of PECR.")
    assert page.text == (
        "Elderly Aids Limited (EAL) promoted call blocking devices. Between 1 March 2025 and 31 October 2025 it "
        "made 758,053 unsolicited direct marketing calls to subscribers who were registered with the TPS or CTPS "
        "and who had not told EAL they were willing to receive such calls.\n\n"
        "The calls led to 20 complaints. The notice requires EAL to stop making such calls within 30 days, in "
        "line with Regulations 21 and 24 of the Privacy and Electronic Communications Regulations 2003.")
    # The PDF is an attachment; the Welsh twin is dropped; the x-location element is a related link.
    assert page.attachments == [Attachment(
        "https://ico.org.uk/media2/k3v9qz1a/elderly-aids-limited-en-20260806.pdf",
        "Elderly Aids Limited enforcement notice", 204912)]
    assert page.related_links == [RelatedLink(
        "https://ico.org.uk/about-the-ico/our-information/our-regulatory-approach/",
        "Our regulatory approach", "About the ICO")]
    # Navigation, breadcrumb, footer and the inline script are not text.
    for leaked in ("For the public", "Wycliffe House", "dataLayer", "Action we've taken"):
        assert leaked not in page.text


def test_legacy_layout_detail_page():
    url = E + "ministry-of-defence-mpn/"
    page = parse_ico_page(fixture("ico_detail_legacy_ministry_of_defence.html"), url=url)
    assert page.layout == "legacy"
    assert (page.title, page.date, page.type, page.sector, page.page_id) == (
        "Ministry of Defence", "2023-12-13", "Monetary penalties", "Central government", 4028623)
    assert page.attachments == [Attachment(
        "https://ico.org.uk/media/action-weve-taken/mpns/4028623/ministry-of-defence-monetary-penalty-notice.pdf",
        "Ministry of Defence monetary penalty notice", None)]
    assert page.text == (
        "The Ministry of Defence (MoD) has been fined £350,000 for disclosing personal information of people who "
        "were seeking relocation to the UK after the Taliban took control of Afghanistan in 2021.\n\n"
        "An email was sent to a distribution list of 245 people using the \"To\" field, so the address of every "
        "recipient could be seen by all of them.")
    assert page.summary.startswith("The Ministry of Defence has been fined £350,000")


def test_news_page():
    url = "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2026/02/ico-fines-reddit/"
    page = parse_ico_page(fixture("ico_news_reddit.html"), url=url)
    assert page.layout == "news"
    assert page.title == "ICO fines Reddit £14.47 million for failing to protect children's data"
    assert (page.date, page.type, page.sector, page.page_id, page.attachments) == ("2026-02-23", None, None, 121001, [])
    assert page.text.split("\n\n") == [
        "We have fined Reddit, Inc. £14,472,500 for processing the personal information of children under 13 "
        "without a lawful basis and for failing to carry out a data protection impact assessment.",
        "Our investigation found that the platform relied on users declaring their own age when they signed up.",
        "John Edwards, UK Information Commissioner, said the penalty should remind online services that "
        "children's data needs particular care.",
    ]


def test_an_unknown_layout_names_the_url():
    body = fixture("ico_detail_current_elderly_aids_en.html").replace(b'id="main-content"', b'id="page-body"')
    url = E + "2026/08/elderly-aids-limited-en/"
    with pytest.raises(LayoutChangedError) as caught:
        parse_ico_page(body, url=url)
    assert caught.value.error_class == "layout_changed"
    assert url in str(caught.value)


def test_script_in_title_and_paragraph_is_stored_as_text():
    body = (b'<html><body><main id="main-content"><h1>Fine <script>alert(1)</script></h1>'
            b'<div class="prose"><p>Text <img src=x onerror=alert(1)> here <script>evil()</script></p></div>'
            b'</main></body></html>')
    page = parse_ico_page(body, url=E + "x/")
    assert page.title == "Fine"
    assert "<" not in (page.title or "") and "<" not in page.text
    assert page.text.startswith("Text") and "here" in page.text


def test_deeply_nested_page_fails_cleanly_or_parses():
    body = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
    with pytest.raises(ParseError) as caught:
        parse_ico_page(body, url=E + "deep/")
    assert caught.value.error_class in ("layout_changed", "parse_error")


def test_markup_in_api_values_is_stripped():
    body = json.dumps({"results": [{
        "id": 9, "title": "Acme <b>Widgets</b> Ltd", "url": "/action-weve-taken/enforcement/acme/",
        "filterItemMetaData": "2 November 2026, Monetary penalties",
        "description": "We fined Acme <script>alert('api')</script> Widgets Ltd <img src=x onerror=alert(1)>£90,000.",
    }], "pagination": {"totalResults": 1, "totalPages": 1}}).encode()
    [item] = parse_search_page(body, base_url=API, url_prefixes=ENFORCEMENT).items
    assert (item.title, item.description) == ("Acme Widgets Ltd", "We fined Acme Widgets Ltd £90,000.")
