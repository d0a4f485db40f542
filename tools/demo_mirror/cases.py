"""The real enforcement cases the offline mirror is built from: facts only, prose our own.

Every organisation name, date, amount and count here is a real, published fact; where each comes
from is listed in pipeline/demo/README.md. The sentences are written for this project; none is
copied from the ICO, the press or the corpus. Page ids, PDF tokens and createdDateTime stamps are
invented unless README.md says otherwise (the real ones are not public in any source we hold).

`build_mirror.py` renders these records into the mirror tree; tests and the demo only ever read
the rendered files, through the mirror server.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    """A `<further-Reading>` element on a detail page: a notice PDF or a related link."""

    path: str                 # site-relative: /media2/<token>/<file>.pdf or a page path
    title: str
    welsh: bool = False       # a Welsh twin of the notice (the collector ignores these)
    location: str | None = None  # related links: "About the ICO", "External link"


@dataclass(frozen=True)
class EnforcementCase:
    """One row of the ICO enforcement register and its detail page (and notice, if any)."""

    page_id: int
    title: str                # the organisation as the register titles it
    url: str                  # site-relative detail-page URL
    date: str                 # "d Month yyyy", as in filterItemMetaData
    type: str                 # "Monetary penalties", "Reprimands", "Enforcement notices", "Prosecutions"
    sector: str | None
    created: str              # createdDateTime: the CMS stamp, days or weeks after the date
    description: str          # the listing card's one-paragraph description
    summary: tuple[str, ...]  # the detail page's summary paragraphs (div.prose p)
    attachments: tuple[Attachment, ...] = ()
    legacy: bool = False      # rendered in the pre-2024 layout (dl/dt/dd, plain <a> PDF links)
    notice: str | None = None  # key into NOTICES: the text of the attached notice PDF


@dataclass(frozen=True)
class NewsItem:
    """One ICO news release or blog post (rootPageId 2816)."""

    page_id: int
    title: str
    url: str
    date: str                 # "d Month yyyy"
    iso_date: str             # article:published_time
    type: str                 # "News", "Blog", "Statement"
    created: str
    description: str
    paragraphs: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# The ICO enforcement register (rootPageId 17222)
# --------------------------------------------------------------------------------------------
E = "/action-weve-taken/enforcement"
ADVANCED_MPN_PDF = "/media2/k3vq8zt1/advanced-computer-software-group-ltd-mpn-20250327.pdf"
ADVANCED_MPN_PDF_CY = "/media2/k3vq8zt1/advanced-computer-software-group-ltd-mpn-cym-20250327.pdf"
ADVANCED_NEWS_2025 = "/about-the-ico/media-centre/news-and-blogs/2025/03/software-provider-fined-3m-following-2022-ransomware-attack/"
ADVANCED_NEWS_2024 = ("/about-the-ico/media-centre/news-and-blogs/2024/08/"
                      "provisional-decision-to-impose-6m-fine-on-software-provider-following-2022-ransomware-attack/")
NEWS_23ANDME = "/about-the-ico/media-centre/news-and-blogs/2025/06/23andme-fined-for-failing-to-protect-uk-users-genetic-data/"

ENFORCEMENT: tuple[EnforcementCase, ...] = (
    EnforcementCase(
        page_id=121904, title="ACRO Criminal Records Office",
        url=f"{E}/2026/08/acro-criminal-records-office/",
        date="7 August 2026", type="Reprimands", sector="Central government",
        created="2026-08-12T09:41:17.203Z",
        description=("We have issued a reprimand to ACRO Criminal Records Office for infringing Articles "
                     "32(1), 32(1)(b) and 32(1)(d) of the UK GDPR, after a cyber incident that may have "
                     "affected the personal data of approximately 10,000 UK data subjects."),
        summary=(
            "The Commissioner has reprimanded ACRO Criminal Records Office under the UK GDPR. The "
            "reprimand concerns Articles 32(1), 32(1)(b) and 32(1)(d): the duty to keep personal "
            "data secure and to test that the security measures work.",
            "It follows a cyber incident in which the personal data of approximately 10,000 UK data "
            "subjects may have been affected. A reprimand carries no fine; it sets out what the "
            "organisation must improve.",
        ),
        attachments=(
            Attachment("/media2/p7fd2c0a/acro-criminal-records-office-reprimand.pdf",
                       "ACRO Criminal Records Office reprimand"),
            Attachment("/media2/p7fd2c0a/acro-criminal-records-office-cym-reprimand.pdf",
                       "ACRO Criminal Records Office reprimand (Welsh)", welsh=True),
        ),
        notice="acro",
    ),
    EnforcementCase(
        page_id=121877, title="Elderly Aids Limited",
        url=f"{E}/2026/08/elderly-aids-limited-en/",
        date="6 August 2026", type="Enforcement notices", sector="General business",
        created="2026-08-11T14:02:51.480Z",
        description=("Elderly Aids Limited, which sold call-blocking devices, made 758,053 unsolicited "
                     "direct marketing calls to people registered with the TPS or CTPS, in breach of "
                     "regulations 21 and 24 of PECR. The calls led to 20 complaints."),
        summary=(
            "Elderly Aids Limited promoted call-blocking devices by telephone. It made 758,053 "
            "unsolicited direct marketing calls to subscribers registered with the Telephone "
            "Preference Service or the Corporate TPS who had not said they were willing to receive "
            "them, contravening regulations 21 and 24 of PECR.",
            "Twenty complaints were made about the calls. The enforcement notice orders the company "
            "to stop making such calls.",
        ),
    ),
    EnforcementCase(
        page_id=121655, title="Debbie Okparavero and Maliha Islam – Proceeds of Crime Act",
        url=f"{E}/2026/05/debbie-okparavero-and-maliha-islam-proceeds-of-crime-act/",
        date="29 May 2026", type="Prosecutions", sector=None,
        created="2026-06-04T10:15:40.112Z",
        description=("Confiscation orders totalling over £118,000 have been made against two people "
                     "after our prosecution, under the Proceeds of Crime Act."),
        summary=(
            "Following a prosecution brought by the ICO, the court has made confiscation orders "
            "totalling over £118,000 against Debbie Okparavero and Maliha Islam under the Proceeds "
            "of Crime Act 2002.",
            "A confiscation order recovers the benefit of crime. It is not a fine and it is not "
            "imposed by the Commissioner.",
        ),
    ),
    EnforcementCase(
        page_id=120121, title="Thermotech Wall and Loft Surveys Ltd",
        url=f"{E}/2026/05/thermotech-wall-and-loft-surveys-ltd-en/",
        date="28 May 2026", type="Enforcement notices", sector=None,
        created="2026-07-07T16:26:05.967Z",
        description="TWLS instigated 575,062 unsolicited direct marketing calls in breach of PECR.",
        summary=(
            "Thermotech Wall and Loft Surveys Ltd (TWLS) instigated 575,062 unsolicited direct "
            "marketing calls, in breach of the Privacy and Electronic Communications Regulations.",
            "The enforcement notice requires TWLS to stop making marketing calls to people who have "
            "not agreed to receive them.",
        ),
    ),
    EnforcementCase(
        page_id=121590, title="KRA Consultancy Ltd",
        url=f"{E}/2026/05/kra-consultancy-ltd/",
        date="20 May 2026", type="Monetary penalties", sector="Marketing",
        created="2026-05-27T08:30:12.645Z",
        description="KRA Consultancy Ltd was fined £300,000 for unlawful direct marketing in breach of PECR.",
        summary=(
            "We have fined KRA Consultancy Ltd £300,000 for direct marketing that broke the Privacy "
            "and Electronic Communications Regulations.",
            "The company could not show that the people it contacted had agreed to hear from it.",
        ),
    ),
    EnforcementCase(
        page_id=121571, title="Rizwan Manjra – Proceeds of Crime Act",
        url=f"{E}/2026/05/rizwan-manjra-proceeds-of-crime-act/",
        date="15 May 2026", type="Prosecutions", sector=None,
        created="2026-05-21T11:47:03.390Z",
        description="We have secured a £355,000 confiscation order against Rizwan Manjra under the Proceeds of Crime Act.",
        summary=(
            "After an ICO prosecution, the court has made a £355,000 confiscation order against "
            "Rizwan Manjra under the Proceeds of Crime Act 2002.",
            "The order takes back money made from the offending. It is a confiscation order, not a "
            "penalty set by the Commissioner.",
        ),
    ),
    EnforcementCase(
        page_id=121302, title="Jacksons Marketing Ltd",
        url=f"{E}/2026/03/jacksons-marketing-ltd/",
        date="12 March 2026", type="Monetary penalties", sector=None,
        created="2026-03-19T15:20:44.007Z",
        description="Jacksons Marketing Ltd was fined £130,000 for marketing in breach of PECR.",
        summary=(
            "We have fined Jacksons Marketing Ltd £130,000 for unlawful marketing under the Privacy "
            "and Electronic Communications Regulations.",
            "The penalty notice explains how the amount was reached.",
        ),
    ),
    EnforcementCase(
        page_id=121047, title="Reddit, Inc.",
        url=f"{E}/2026/02/reddit-inc/",
        date="23 February 2026", type="Monetary penalties", sector="Online technology and telecoms",
        created="2026-02-23T07:05:00.000Z",
        description=("We imposed a £14,472,500.00 penalty to Reddit, Inc. for infringing Articles 5(1)(a), "
                     "6, and 8, and Article 35 of the UK GDPR."),
        summary=(
            "Reddit, Inc. must pay a penalty of £14,472,500.00 for infringing Articles 5(1)(a), 6 "
            "and 8 of the UK GDPR and Article 35, which requires a data protection impact "
            "assessment before high-risk processing.",
            "Article 8 sets the conditions for a child's consent to online services; Article 35 "
            "requires an impact assessment before processing that is likely to be high risk.",
        ),
        attachments=(
            Attachment("/media2/hrlmvj14/reddit-mpn-20260223.pdf", "Reddit, Inc. monetary penalty notice"),
        ),
        notice="reddit",
    ),
    EnforcementCase(
        page_id=120988, title="Media Lab.AI, Inc.",
        url=f"{E}/2026/02/media-labai-inc/",
        date="4 February 2026", type="Monetary penalties", sector="Online technology and telecoms",
        created="2026-02-10T12:12:12.500Z",
        description="£247,590 penalty imposed on Media Lab.AI, Inc. for infringements of the UK GDPR.",
        summary=(
            "We have imposed a £247,590 penalty on Media Lab.AI, Inc. for infringing the UK GDPR.",
            "The notice sets out the infringements and the steps we took before deciding the amount.",
        ),
    ),
    EnforcementCase(
        page_id=120960, title="TMAC Ltd",
        url=f"{E}/2026/02/tmac-ltd-en/",
        date="3 February 2026", type="Enforcement notices", sector="General business",
        created="2026-02-09T09:00:31.771Z",
        description="TMAC contravened regulations 21 and 24 of PECR by making unsolicited marketing calls.",
        summary=(
            "TMAC Ltd contravened regulations 21 and 24 of the Privacy and Electronic Communications "
            "Regulations.",
            "The enforcement notice requires it to stop calling people who have registered with the "
            "Telephone Preference Service unless they have agreed to its calls.",
        ),
    ),
    EnforcementCase(
        page_id=119210, title="23andMe, Inc.",
        url=f"{E}/2025/06/23andme-inc/",
        date="17 June 2025", type="Monetary penalties", sector=None,
        created="2025-06-17T06:55:09.342Z",
        description=("We have fined 23andMe, Inc. £2.31m for failing to protect the personal data of "
                     "155,592 UK residents after a credential stuffing attack in 2023."),
        summary=(
            "23andMe, Inc. must pay a penalty of £2,310,000. Its security was not good enough to stop "
            "a credential stuffing attack in 2023 that exposed the personal data, including genetic "
            "information, of 155,592 UK residents.",
            "The penalty notice is dated 5 June 2025 and concerns Articles 5(1)(f) and 32 of the UK GDPR.",
        ),
        attachments=(
            Attachment("/media2/m2ax7rqe/23andme-inc-penalty-notice-20250605.pdf", "23andMe, Inc. penalty notice"),
            Attachment(NEWS_23ANDME, "23andMe fined for failing to protect UK users' genetic data",
                       location="About the ICO"),
        ),
        notice="23andme",
    ),
    EnforcementCase(
        page_id=118655, title="DPP Law Ltd",
        url=f"{E}/2025/04/dpp-law-ltd/",
        date="14 April 2025", type="Monetary penalties", sector="Legal",
        created="2025-04-16T10:30:00.000Z",
        description="DPP Law Ltd was fined £60,000 after a cyber attack that ended with client data posted on the dark web.",
        summary=(
            "We have fined DPP Law Ltd £60,000. The firm did not have adequate security in place, and "
            "a cyber attack on its systems led to client data being published on the dark web.",
            "The firm is based in Bootle, Merseyside.",
        ),
        attachments=(
            Attachment("/media2/d4wn9bq2/dpp-law-ltd-penalty-notice.pdf", "DPP Law Ltd penalty notice"),
        ),
        notice="dpp",
    ),
    EnforcementCase(
        page_id=118402, title="Advanced Computer Software Group Ltd",
        url=f"{E}/2025/03/advanced-computer-software-group-ltd/",
        date="27 March 2025", type="Monetary penalties", sector=None,
        created="2025-03-27T06:30:41.905Z",
        description=("We have fined Advanced Computer Software Group Ltd £3,076,320 for security failings "
                     "that put the personal information of 79,404 people at risk in a 2022 ransomware attack."),
        summary=(
            "Advanced Computer Software Group Ltd (Advanced), which now trades as OneAdvanced, must pay "
            "a penalty of £3,076,320. As a data processor for NHS and care providers it did not have "
            "appropriate security measures in place before a ransomware attack in August 2022, in "
            "which the personal information of 79,404 people was taken.",
            "The attackers got in through a customer account that did not use multi-factor "
            "authentication. In August 2024 we announced a provisional penalty of £6.09m. After "
            "considering Advanced's representations, and its engagement with the National Cyber "
            "Security Centre, the National Crime Agency and the NHS after the attack, we reduced the "
            "amount. Advanced accepted the decision and agreed to pay without appealing.",
        ),
        attachments=(
            Attachment(ADVANCED_MPN_PDF, "Advanced Computer Software Group Ltd monetary penalty notice"),
            Attachment(ADVANCED_MPN_PDF_CY, "Advanced Computer Software Group Ltd monetary penalty notice (Welsh)",
                       welsh=True),
            Attachment(ADVANCED_NEWS_2025, "Software provider fined £3m following 2022 ransomware attack",
                       location="About the ICO"),
        ),
        notice="advanced",
    ),
    EnforcementCase(
        page_id=114210, title="The Central Young Men's Christian Association",
        url=f"{E}/2024/04/the-central-young-mens-christian-association/",
        date="6 March 2024", type="Monetary penalties", sector="Charitable and voluntary",
        created="2024-04-03T13:44:20.115Z",
        description=("The Central YMCA was fined £7,500 after an email to people on a programme for people "
                     "living with HIV exposed their addresses to every recipient."),
        summary=(
            "We have fined the Central Young Men's Christian Association (Central YMCA) £7,500. An "
            "email about a programme for people living with HIV was sent with every recipient's "
            "address visible to the others, revealing that each was likely to be living with HIV.",
            "The penalty notice is dated 6 March 2024.",
        ),
        attachments=(
            Attachment("/media/action-weve-taken/mpns/4029222/central-ymca-mpn.pdf",
                       "The Central Young Men's Christian Association monetary penalty notice"),
        ),
        notice="ymca",
    ),
    EnforcementCase(
        page_id=41203, title="Royal Mail Group Limited",
        url=f"{E}/royal-mail-group-limited/",
        date="7 March 2022", type="Monetary penalties", sector=None,
        created="2022-03-09T11:00:00.000Z",
        description="Royal Mail Group Limited was fined £20,000 for sending marketing emails to people who had opted out.",
        summary=(
            "We have fined Royal Mail Group Limited £20,000 for sending direct marketing emails, in "
            "breach of regulation 22 of PECR, to people who had opted out of marketing.",
            "The company is based at 185 Farringdon Road, London.",
        ),
    ),
    EnforcementCase(
        page_id=41090, title="Tuckers Solicitors LLP",
        url=f"{E}/tuckers-solicitors-llp/",
        date="28 February 2022", type="Monetary penalties", sector="Legal",
        created="2022-03-10T09:20:00.000Z",
        description="Tuckers Solicitors LLP was fined £98,000 after a 2020 ransomware attack exposed court bundles.",
        summary=(
            "We have fined the London criminal law firm Tuckers Solicitors LLP £98,000 for failing to "
            "keep personal data secure. The firm became aware of a ransomware attack on 24 August 2020.",
            "Court bundles were published on the dark web after the attack.",
        ),
    ),
    EnforcementCase(
        page_id=40552, title="The Ministry of Justice",
        url=f"{E}/the-ministry-of-justice/",
        date="18 January 2022", type="Enforcement notices", sector="Central government",
        created="2022-01-20T12:00:00.000Z",
        description=("The Ministry of Justice failed to give 7,753 data subjects copies of their personal "
                     "data without undue delay, contravening Article 15 and section 45 DPA 2018."),
        summary=(
            "The Ministry of Justice did not answer subject access requests from 7,753 people on time. "
            "That breached Article 15 of the UK GDPR and section 45 of the Data Protection Act 2018.",
            "The enforcement notice requires the Ministry to clear the backlog.",
        ),
        attachments=(
            Attachment("/media/action-weve-taken/enforcement-notices/4019514/moj-enforcement-notice-20220118.pdf",
                       "The Ministry of Justice enforcement notice"),
        ),
        legacy=True,
        notice="moj",
    ),
    EnforcementCase(
        page_id=39880, title="Saga Services Limited",
        url=f"{E}/saga-services-limited-mpn/",
        date="15 September 2021", type="Monetary penalties", sector="Finance insurance and credit",
        created="2021-09-16T08:45:00.000Z",
        description=("We have fined Saga Services Limited £150,000 after 128,895,718 unsolicited marketing "
                     "emails were sent at its instigation without valid consent."),
        summary=(
            "Saga Services Limited has been fined £150,000. Between 29 November 2018 and 2 May 2019 "
            "partner companies sent 128,895,718 marketing emails at its instigation to people who had "
            "not validly consented, in breach of regulation 22 of PECR.",
            "An enforcement notice was issued to the company on the same day.",
        ),
        attachments=(
            Attachment("/media/action-weve-taken/mpns/4018551/saga-services-limited-mpn.pdf",
                       "Saga Services Limited monetary penalty notice"),
            Attachment("/media/action-weve-taken/enforcement-notices/4018552/saga-services-limited-en.pdf",
                       "Saga Services Limited enforcement notice"),
        ),
        notice="saga-mpn",
    ),
    EnforcementCase(
        page_id=39879, title="Saga Services Limited",
        url=f"{E}/saga-services-limited-en/",
        date="15 September 2021", type="Enforcement notices", sector="Finance insurance and credit",
        created="2021-09-16T08:44:00.000Z",
        description=("Saga Services Limited instigated 128,895,718 unsolicited direct marketing emails, sent "
                     "between 29 November 2018 and 2 May 2019 without valid consent."),
        summary=(
            "Between 29 November 2018 and 2 May 2019, 128,895,718 unsolicited direct marketing emails "
            "were received by subscribers after being sent at the instigation of Saga Services "
            "Limited, without the consent PECR requires.",
            "The enforcement notice orders the company to stop. A monetary penalty was issued the same day.",
        ),
        attachments=(
            Attachment("/media/action-weve-taken/enforcement-notices/4018552/saga-services-limited-en.pdf",
                       "Saga Services Limited enforcement notice"),
            Attachment("/media/action-weve-taken/mpns/4018551/saga-services-limited-mpn.pdf",
                       "Saga Services Limited monetary penalty notice"),
        ),
        notice="saga-en",
    ),
    EnforcementCase(
        page_id=40977, title="Unite the Union",
        url=f"{E}/unite-the-union/",
        date="25 October 2021", type="Monetary penalties", sector="Membership association",
        created="2021-10-27T09:00:00.000Z",
        description=("Unite the Union made 57,665 unsolicited direct marketing calls to people registered "
                     "with the TPS over twelve months, leading to 27 complaints."),
        summary=(
            "Over a twelve-month period Unite the Union repeatedly breached regulation 21 of PECR, "
            "making 57,665 unsolicited direct marketing calls to subscribers registered with the "
            "Telephone Preference Service.",
            "Those calls led to 27 complaints to the Commissioner.",
        ),
    ),
    EnforcementCase(
        page_id=39881, title="Saga Personal Finance Limited",
        url=f"{E}/saga-personal-finance-ltd-mpn/",
        date="15 September 2021", type="Monetary penalties", sector="Finance insurance and credit",
        created="2021-09-16T08:46:00.000Z",
        description="Saga Personal Finance Ltd was fined £75,000 for 28,523,745 unsolicited direct marketing messages.",
        summary=(
            "We have fined Saga Personal Finance Ltd £75,000. It instigated 28,523,745 unsolicited "
            "direct marketing messages for which the recipients had not given valid consent.",
            "Saga Personal Finance is a separate company from Saga Services Limited, which was fined "
            "on the same day.",
        ),
    ),
    EnforcementCase(
        page_id=39870, title="We Buy Any Car Limited",
        url=f"{E}/we-buy-any-car-limited/",
        date="13 September 2021", type="Monetary penalties", sector="Retail and manufacture",
        created="2021-09-16T08:40:00.000Z",
        description="We Buy Any Car Limited was fined £200,000 for sending unsolicited marketing emails and texts.",
        summary=(
            "We have fined We Buy Any Car Limited £200,000 for sending direct marketing emails and "
            "text messages without valid consent, in breach of PECR.",
            "The company is based in Farnham, Surrey.",
        ),
    ),
    EnforcementCase(
        page_id=39655, title="DialADeal Scotland Ltd",
        url=f"{E}/dialadeal-scotland-ltd-mpn/",
        date="5 September 2021", type="Monetary penalties", sector="Retail and manufacture",
        created="2021-09-07T10:00:00.000Z",
        description="DialADeal Scotland Ltd was fined £150,000 for unsolicited marketing calls to people registered with the TPS.",
        summary=(
            "We have fined DialADeal Scotland Ltd £150,000. It made unsolicited direct marketing calls "
            "to people who were registered with the Telephone Preference Service and had not given "
            "valid consent.",
        ),
    ),
    EnforcementCase(
        page_id=39620, title="First Choice Selection Services Limited",
        url=f"{E}/first-choice-selection-services-limited/",
        date="7 September 2021", type="Enforcement notices", sector="General business",
        created="2021-09-08T10:00:00.000Z",
        description=("First Choice Selection Services Limited did not answer a subject access request as "
                     "Article 15 of the UK GDPR requires."),
        summary=(
            "First Choice Selection Services Limited failed to tell a person, without undue delay, "
            "whether it processed their personal data, and failed to give them a copy, contravening "
            "Article 15 of the EU GDPR and of the UK GDPR.",
            "The enforcement notice requires the company to answer the request.",
        ),
    ),
    EnforcementCase(
        page_id=39501, title="Parkin Beacher Ltd",
        url=f"{E}/parkin-beacher-ltd-en/",
        date="19 August 2021", type="Enforcement notices", sector="Marketing",
        created="2021-08-20T09:00:00.000Z",
        description="Parkin Beacher Ltd, trading as Your Pension Options, made unlawful pensions marketing calls.",
        summary=(
            "Parkin Beacher Ltd (PBL), a Halifax company trading as Your Pension Options, called "
            "people about their pensions without being authorised to do so. We fined it £50,000 and "
            "this enforcement notice orders it to stop making such calls.",
        ),
    ),
    EnforcementCase(
        page_id=38120, title="Brazier Consulting Services Ltd",
        url=f"{E}/brazier-consulting-services-ltd/",
        date="25 June 2021", type="Monetary penalties", sector="Marketing",
        created="2021-07-01T09:00:00.000Z",
        description="Brazier Consulting Services Ltd was fined £200,000 for unsolicited marketing calls.",
        summary=(
            "We have fined Leeds-based Brazier Consulting Services Ltd £200,000 for making "
            "unsolicited direct marketing calls in breach of PECR.",
        ),
    ),
    EnforcementCase(
        page_id=25880, title="Ticketmaster UK Limited",
        url=f"{E}/ticketmaster-uk-limited/",
        date="13 November 2020", type="Monetary penalties", sector=None,
        created="2020-11-13T08:00:00.000Z",
        description="Ticketmaster UK Limited was fined £1.25m for failing to protect customers' payment details.",
        summary=(
            "We have fined Ticketmaster UK Limited £1,250,000 for failing to keep its customers' "
            "personal data secure. A chat-bot on its online payment page was the route of the breach.",
            "Around 9.4 million customers across Europe were told their data might have been affected.",
        ),
        attachments=(
            Attachment("/media/action-weve-taken/mpns/2618609/ticketmaster-uk-limited-mpn.pdf",
                       "Ticketmaster UK Limited monetary penalty notice"),
        ),
        legacy=True,
        notice="ticketmaster",
    ),
)

# The promoted card the real API slips into enforcement results (dropped by URL prefix).
PROMOTED_JOBS_ROW = {
    "id": 2741,
    "title": "Jobs",
    "url": "/about-the-ico/jobs/",
    "filterItemMetaData": "",
    "createdDateTime": "2026-09-01T08:00:00.000Z",
    "description": "",
}

# --------------------------------------------------------------------------------------------
# ICO news, blogs and speeches (rootPageId 2816)
# --------------------------------------------------------------------------------------------
NEWS: tuple[NewsItem, ...] = (
    NewsItem(
        page_id=119215, title="23andMe fined for failing to protect UK users' genetic data",
        url=NEWS_23ANDME,
        date="17 June 2025", iso_date="2025-06-17T00:01:00+01:00", type="News",
        created="2025-06-16T16:00:00.000Z",
        description="A £2.31m penalty after a 2023 cyber attack exposed data of 155,592 UK residents.",
        paragraphs=(
            "We have fined the genetic testing company 23andMe, Inc. £2.31m for failing to protect "
            "the personal data of its UK customers.",
            "In 2023 attackers used credential stuffing to get into accounts. The data of 155,592 UK "
            "residents was exposed, including in some cases health reports and family-tree details.",
            "The company did not have adequate authentication and verification measures in place.",
        ),
    ),
    NewsItem(
        page_id=118410, title="Software provider fined £3m following 2022 ransomware attack",
        url=ADVANCED_NEWS_2025,
        date="27 March 2025", iso_date="2025-03-27T00:01:00+00:00", type="News",
        created="2025-03-26T17:00:00.000Z",
        description="Advanced Computer Software Group Ltd fined £3.07m; 79,404 people's data was taken.",
        paragraphs=(
            "We have fined Advanced Computer Software Group Ltd (Advanced) £3.07m for security "
            "failings that left the personal information of 79,404 people exposed in a ransomware "
            "attack in August 2022.",
            "Advanced provides IT and software to organisations including the NHS. The attackers "
            "entered its health and care systems through a customer account that did not have "
            "multi-factor authentication, and the attack disrupted services including NHS 111.",
            "This is the first time we have fined a data processor. We announced a provisional "
            "penalty of £6.09m in August 2024. We reduced it after considering the company's "
            "representations and its proactive engagement with the National Cyber Security Centre, "
            "the National Crime Agency and the NHS. Advanced agreed to a voluntary settlement and "
            "will pay the final penalty of £3,076,320 without appeal.",
        ),
    ),
    NewsItem(
        page_id=110932, title="Provisional decision to impose £6m fine on software provider following 2022 ransomware attack",
        url=ADVANCED_NEWS_2024,
        date="7 August 2024", iso_date="2024-08-07T00:01:00+01:00", type="News",
        created="2024-08-06T16:30:00.000Z",
        description="The ICO has provisionally decided to fine Advanced £6.09m over security failings.",
        paragraphs=(
            "We have provisionally decided to fine Advanced Computer Software Group Ltd (Advanced) "
            "£6.09m. Our provisional view is that it failed to put in place measures to protect the "
            "personal information of 82,946 people before a ransomware attack in August 2022.",
            "Advanced supplies IT and software services to the NHS and other healthcare providers, "
            "handling personal information on their behalf as a data processor. The attackers got "
            "into its health and care systems through a customer account without multi-factor "
            "authentication. The stolen data included phone numbers and medical records, and "
            "details of how to get into the homes of 890 people who received care at home.",
            "The attack disrupted services including NHS 111. These findings are provisional: we "
            "will consider any representations from Advanced before reaching a final decision.",
        ),
    ),
    NewsItem(
        page_id=64211, title="Blog: providing certainty on how we enforce the laws we regulate",
        url="/about-the-ico/media-centre/news-and-blogs/2022/12/blog-providing-certainty-on-how-we-enforce-the-laws-we-regulate/",
        date="6 December 2022", iso_date="2022-12-06T10:00:00+00:00", type="Blog",
        created="2022-12-06T09:30:00.000Z",
        description="How we decide when to use our powers, and why we publish what we do.",
        paragraphs=(
            "This post explains how we choose between advice, reprimands and penalties, and why we "
            "publish our decisions so organisations can learn from them.",
            "It announces no action against any organisation.",
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Press: three demo feeds. The outlets are invented (our own prose must not be passed off as a
# real publisher's); each feed has the shape of a real kind of feed (see README.md).
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Feed:
    key: str
    outlet: str               # publisher name
    style: str                # "wordpress" (RSS 2.0), "atom" (Register-like), "gnews" (Google News RSS)
    feed_path: str            # where the feed is served
    site_path: str            # the outlet's home on the mirror (articles live below it)
    publishers: tuple[str, ...] = field(default_factory=tuple)  # gnews: outlets its items point at


FEEDS: dict[str, Feed] = {
    "caresystems": Feed("caresystems", "Care Systems Weekly", "wordpress",
                        "/press/caresystemsweekly/feed/", "/press/caresystemsweekly"),
    "dataledger": Feed("dataledger", "The Data Ledger", "atom",
                       "/press/thedataledger/security/headlines.atom", "/press/thedataledger"),
    "gnews": Feed("gnews", "Google News", "gnews", "/rss/search", "/rss",
                  publishers=("northernbusinesspost", "compliancedaily")),
}
PUBLISHERS: dict[str, str] = {
    "northernbusinesspost": "Northern Business Post",
    "compliancedaily": "Compliance Daily",
}


@dataclass(frozen=True)
class PressArticle:
    """One press article. `outlet_key` is the publisher whose site serves the page; for Google
    News items it differs from the feed that lists it."""

    feed: str
    outlet_key: str
    slug: str
    title: str
    published: str            # ISO 8601 with offset
    author: str
    summary: str
    paragraphs: tuple[str, ...]
    about: str | None         # which case it reports (README key); None: irrelevant, filtered out
    gnews_id: str | None = None


ARTICLES: tuple[PressArticle, ...] = (
    # ---- Care Systems Weekly (WordPress RSS 2.0) ----
    PressArticle(
        "caresystems", "caresystemsweekly", "advanced-faces-6-09m-fine-over-2022-ransomware-attack",
        "NHS software supplier Advanced faces £6.09m fine over 2022 ransomware attack",
        "2024-08-07T10:42:00+01:00", "Priya Natarajan",
        "The data watchdog has provisionally decided to fine the supplier behind NHS 111 software.",
        (
            "Advanced Computer Software Group, the supplier whose systems went down during the 2022 "
            "cyber attack that hit NHS 111, faces a fine of £6.09m from the Information "
            "Commissioner's Office.",
            "The regulator said on Wednesday that its provisional finding was that Advanced had not "
            "protected the personal information of 82,946 people. The attackers got in through a "
            "customer account that had no multi-factor authentication.",
            "Among the data taken were the details needed to enter the homes of 890 people receiving "
            "care at home. The company, which now calls itself OneAdvanced, can make representations "
            "before the ICO reaches a final decision.",
            "GP out-of-hours and urgent care services were among those left working on paper for "
            "weeks after the August 2022 attack.",
        ),
        "advanced-2024",
    ),
    PressArticle(
        "caresystems", "caresystemsweekly", "oneadvanced-ico-penalty-settled-at-3-07m",
        "OneAdvanced ICO penalty settled at £3.07m, half the provisional figure",
        "2025-03-27T09:15:00+00:00", "Priya Natarajan",
        "The final penalty for the 2022 ransomware attack is £3,076,320.",
        (
            "The Information Commissioner's Office has fined Advanced Computer Software Group "
            "£3.07m over the 2022 ransomware attack that disrupted NHS 111, roughly half the £6.09m "
            "it proposed last summer.",
            "The final notice puts the number of people whose data was taken at 79,404, revised "
            "from the earlier estimate. The exact penalty is £3,076,320.",
            "The regulator said it had taken into account the company's representations and the way "
            "it worked with the National Cyber Security Centre and the National Crime Agency after "
            "the attack. OneAdvanced agreed to pay without appealing.",
        ),
        "advanced-2025",
    ),
    PressArticle(
        "caresystems", "caresystemsweekly", "acro-reprimanded-after-cyber-incident",
        "Criminal records office ACRO reprimanded after cyber incident",
        "2026-08-10T08:00:00+01:00", "Tom Reilly",
        "The ICO says around 10,000 people's data may have been affected.",
        (
            "ACRO Criminal Records Office has been reprimanded by the Information Commissioner's "
            "Office after a cyber incident that may have affected the personal data of about "
            "10,000 people in the UK.",
            "The reprimand, dated 7 August, finds that ACRO breached the security requirements of "
            "Article 32 of the UK GDPR. A reprimand carries no fine.",
        ),
        "acro",
    ),
    PressArticle(
        "caresystems", "caresystemsweekly", "trust-completes-move-to-new-patient-record",
        "Trust completes move to new electronic patient record",
        "2026-07-01T12:00:00+01:00", "Tom Reilly",
        "A two-year programme ends with the last wards going live.",
        (
            "A hospital trust in the Midlands has switched its last wards over to a new electronic "
            "patient record, ending a two-year programme.",
            "Staff said the new system cut the time spent on handovers between shifts.",
        ),
        None,
    ),
    # ---- The Data Ledger (Atom, Register-like) ----
    PressArticle(
        "dataledger", "thedataledger", "ico-advanced-6m-fine",
        "ICO lines up £6m fine for NHS supplier Advanced after ransomware raid",
        "2024-08-07T13:05:00+00:00", "Gareth Holm",
        "Watchdog says over 80,000 people had data swiped via an account with no MFA.",
        (
            "Britain's data regulator wants to fine Advanced, the software house whose 2022 "
            "ransomware infection knocked NHS 111 systems offline, about £6m.",
            "The Information Commissioner's Office says its provisional view is that the company "
            "failed to protect data belonging to over 80,000 people, and that the intruders walked "
            "in through a customer login with no multi-factor authentication.",
            "Nothing is final yet: Advanced gets to argue its case before the ICO decides.",
        ),
        "advanced-2024",
    ),
    PressArticle(
        "dataledger", "thedataledger", "advanced-ico-fine-final",
        "Advanced's ICO bill for 2022 ransomware mess lands at £3.09m",
        "2025-03-28T07:30:00+00:00", "Gareth Holm",
        "Down from the £6m the regulator floated last year.",
        (
            "OneAdvanced will pay the Information Commissioner's Office £3.09m over the 2022 "
            "ransomware attack on its health and care platforms, well under the figure first proposed.",
            "The watchdog now says 79,404 people had their data taken. The company agreed to settle "
            "rather than appeal.",
        ),
        "advanced-2025",
    ),
    PressArticle(
        "dataledger", "thedataledger", "reddit-ico-penalty",
        "Reddit hit with £14.47m UK data protection penalty",
        "2026-02-24T09:00:00+00:00", "Gareth Holm",
        "The ICO cites Articles 5, 6, 8 and 35 of the UK GDPR.",
        (
            "Reddit, Inc. has been told to pay a £14,472,500 penalty by the Information "
            "Commissioner's Office.",
            "The regulator's notice, dated 23 February, finds infringements of Articles 5(1)(a), 6 "
            "and 8 of the UK GDPR and of Article 35, which requires an impact assessment before "
            "high-risk processing.",
        ),
        "reddit",
    ),
    PressArticle(
        "dataledger", "thedataledger", "23andme-fined-2-31m",
        "23andMe fined £2.31m by UK regulator over credential stuffing breach",
        "2025-06-17T11:20:00+01:00", "Sasha Brooks",
        "155,592 UK residents were affected by the 2023 attack.",
        (
            "The Information Commissioner's Office has fined genetic testing firm 23andMe £2.31m "
            "for failing to protect UK customers' data.",
            "Attackers reused leaked passwords to get into accounts in 2023. The regulator says "
            "155,592 UK residents were affected.",
        ),
        "23andme",
    ),
    PressArticle(
        "dataledger", "thedataledger", "chipmaker-quarter",
        "Chipmaker's quarterly revenue beats forecasts on datacentre demand",
        "2026-06-15T16:00:00+01:00", "Sasha Brooks",
        "Shares rose in after-hours trading.",
        (
            "A large chip designer reported quarterly revenue ahead of analyst expectations, "
            "driven by orders for datacentre accelerators.",
            "Its shares rose six per cent in after-hours trading.",
        ),
        None,
    ),
    # ---- Google News search feed; pages served by two publishers ----
    PressArticle(
        "gnews", "northernbusinesspost", "advanced-software-firm-faces-6-09m-data-penalty",
        "Software firm Advanced faces £6.09m data penalty over NHS hack",
        "2024-08-08T06:30:00+01:00", "Helen Marsh",
        "The ICO says 82,946 people were affected by the 2022 attack.",
        (
            "Advanced Computer Software Group faces a £6.09m penalty from the Information "
            "Commissioner's Office over the 2022 ransomware attack on its NHS systems.",
            "The watchdog's provisional finding is that the company failed to protect the data of "
            "82,946 people. Access was gained through an account without multi-factor authentication.",
            "The proposed penalty is far larger than most the regulator has issued to businesses in "
            "the region: earlier this year the Central YMCA was fined £7,500 after an email exposed "
            "the addresses of people on an HIV support programme.",
        ),
        "advanced-2024", gnews_id="CBMiWkFVX3lxTE5hZHZhbmNlZC02LTA5bS1wZW5hbHR5LW5icA",
    ),
    PressArticle(
        "gnews", "compliancedaily", "advanced-faces-6m-ico-fine",
        "Advanced faces £6m ICO fine after hack exposed over 80,000 patients' data",
        "2024-08-07T15:10:00+01:00", "Marcus Webb",
        "A provisional fine for a data processor is a first for the UK regulator.",
        (
            "The Information Commissioner's Office has proposed a £6m fine for Advanced, an IT "
            "supplier to the NHS, after a ransomware attack that exposed data on over 80,000 people.",
            "Compliance teams should note that Advanced acted as a data processor: processors have "
            "their own security duties under the UK GDPR.",
        ),
        "advanced-2024", gnews_id="CBMiVkFVX3lxTE5jb21wbGlhbmNlLWFkdmFuY2VkLTZtLWljbw",
    ),
    PressArticle(
        "gnews", "compliancedaily", "kra-consultancy-fined-300000",
        "Marketing company KRA Consultancy fined £300,000",
        "2026-05-21T10:00:00+01:00", "Marcus Webb",
        "The ICO's latest penalty under the PECR marketing rules.",
        (
            "KRA Consultancy Ltd has been fined £300,000 by the Information Commissioner's Office "
            "for direct marketing that broke the Privacy and Electronic Communications Regulations.",
            "The penalty was announced on 20 May.",
        ),
        "kra", gnews_id="CBMiU0FVX3lxTE5rcmEtY29uc3VsdGFuY3ktZmluZWQtMzAwMDAw",
    ),
    PressArticle(
        "gnews", "northernbusinesspost", "355000-confiscation-order-rizwan-manjra",
        "£355,000 confiscation order after ICO prosecution of Rizwan Manjra",
        "2026-05-18T07:45:00+01:00", "Helen Marsh",
        "The order was made under the Proceeds of Crime Act.",
        (
            "A court has made a £355,000 confiscation order against Rizwan Manjra following a "
            "prosecution brought by the Information Commissioner's Office.",
            "The order, under the Proceeds of Crime Act, recovers money gained through crime; it is "
            "not a fine.",
        ),
        "manjra", gnews_id="CBMiUUFVX3lxTE5tYW5qcmEtY29uZmlzY2F0aW9uLTM1NTAwMA",
    ),
    PressArticle(
        "gnews", "northernbusinesspost", "bootle-law-firm-dpp-fined-60000",
        "Bootle law firm DPP fined £60,000 after cyber attack",
        "2025-04-16T08:20:00+01:00", "Helen Marsh",
        "Client data was posted on the dark web after the attack.",
        (
            "DPP Law Ltd, based in Bootle, has been fined £60,000 by the Information Commissioner's "
            "Office after a cyber attack led to client data being posted on the dark web.",
            "The regulator found the firm's security measures were not adequate.",
        ),
        "dpp", gnews_id="CBMiUEFVX3lxTE5kcHAtbGF3LWJvb3RsZS1maW5lZC02MDAwMA",
    ),
)
