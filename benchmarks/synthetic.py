"""Synthetic enforcement documents written from this project's own sentence templates.

The scale benchmarks need thousands of distinct documents: distinct organisations, amounts,
dates and counts, in the shapes the collectors produce (an ICO register page with the listing's
facts in its metadata, the notice PDF's text, an ICO news release, press articles). Every
sentence below was written for this project; nothing comes from the ICO, the press or
../shared/corpus. Generation is deterministic (seeded), so two runs ingest the same set.

    from benchmarks.synthetic import synthetic_documents
    documents = synthetic_documents(1000)      # list[Document], in arrival order
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.models import Document

FETCHED_AT = "2026-11-01T00:00:00+00:00"

# Organisation names: prefix × core × trade × suffix, enumerated (never drawn), so all distinct.
_PREFIXES = ("Northgate", "Harbour", "Kestrel", "Amberley", "Westfield", "Oakhurst", "Riverside",
             "Brightwater", "Coldstream", "Fairhaven", "Greystone", "Highcroft", "Ironbridge",
             "Juniper", "Kingsmead", "Larkspur", "Marlow", "Newbury", "Orchard", "Pennine",
             "Queensway", "Redcliffe", "Silverdale", "Thornbury", "Upland", "Valemount",
             "Whitmore", "Yarrow", "Ashdown", "Beacon", "Calder", "Dunmore")
_CORES = ("Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Horizon", "Indigo",
          "Keystone", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz", "Sterling",
          "Summit", "Tidal", "Vanguard", "Willow", "Zenith", "Aurora", "Cedar")
_TRADES = (("Logistics", "Transport"), ("Lettings", "Housing"), ("Dental Care", "Health"),
           ("Recruitment", "Employment"), ("Energy Services", "Utilities"),
           ("Home Improvements", "Retail"), ("Insurance Brokers", "Finance"),
           ("Solicitors", "Legal"), ("Academy Trust", "Education"), ("Pharmacy", "Health"),
           ("Marketing", "Marketing"), ("Software", "Technology"), ("Care Homes", "Social care"),
           ("Debt Advice", "Finance"), ("Telecom", "Telecoms"), ("Security Systems", "Retail"))
_SUFFIXES = ("Ltd", "Limited", "plc", "Group Ltd", "LLP", "UK Ltd")

_ACTIONS = (
    # listed_type, listed_action_type, instrument, weight
    ("Monetary penalties", "monetary_penalty", "monetary penalty notice", 5),
    ("Reprimands", "reprimand", "reprimand", 4),
    ("Enforcement notices", "enforcement_notice", "enforcement notice", 2),
)
_ACTION_POOL = [a for a in _ACTIONS for _ in range(a[3])]

_BREACHES = (
    ("sent {n:,} unsolicited marketing text messages to people who had not consented",
     "regulation 22 of the Privacy and Electronic Communications Regulations 2003"),
    ("made {n:,} unsolicited marketing calls to numbers registered with the Telephone Preference "
     "Service", "regulation 21 of the Privacy and Electronic Communications Regulations 2003"),
    ("failed to keep the personal data of {n:,} customers secure after a ransomware attack",
     "Article 32 of the UK GDPR"),
    ("disclosed the personal data of {n:,} people by sending an email to the wrong recipients",
     "Articles 5(1)(f) and 32 of the UK GDPR"),
    ("did not respond to {n:,} subject access requests within the statutory period",
     "Article 12(3) and Article 15 of the UK GDPR"),
    ("left a database holding the records of {n:,} patients open to the internet without a password",
     "Article 32(1) of the UK GDPR"),
)
_OUTLETS = (("Care Systems Weekly", "caresystemsweekly"), ("The Data Ledger", "thedataledger"),
            ("Northern Business Post", "northernbusinesspost"), ("Compliance Daily", "compliancedaily"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class SyntheticCase:
    """One made-up enforcement action: the facts every document about it repeats."""

    index: int
    organisation: str
    sector: str
    listed_type: str
    action_type: str
    instrument: str
    amount: int | None
    affected: int
    breach: str
    provision: str
    day: date


def organisation_name(index: int) -> tuple[str, str]:
    """The index-th distinct organisation name and its sector."""
    prefix = _PREFIXES[index % len(_PREFIXES)]
    rest = index // len(_PREFIXES)
    core = _CORES[rest % len(_CORES)]
    rest //= len(_CORES)
    trade, sector = _TRADES[rest % len(_TRADES)]
    rest //= len(_TRADES)
    suffix = _SUFFIXES[rest % len(_SUFFIXES)]
    generation = rest // len(_SUFFIXES)
    name = f"{prefix} {core} {trade} {suffix}"
    if generation:                      # past 73,728 names: a numbered trading arm, still distinct
        name = f"{prefix} {core} {trade} {generation + 1} {suffix}"
    return name, sector


def synthetic_case(index: int, rng: random.Random, start: date = date(2012, 1, 2)) -> SyntheticCase:
    name, sector = organisation_name(index * 7919 % 73728)   # spread over the name space
    listed_type, action_type, instrument, _ = rng.choice(_ACTION_POOL)
    affected = rng.randrange(40, 400_000)
    breach, provision = rng.choice(_BREACHES)
    amount = None
    if action_type == "monetary_penalty":
        # Distinct amounts: a base that grows with the index plus a random hundreds part.
        amount = (5_000 + index * 250 + rng.randrange(1, 40) * 100) if rng.random() < 0.8 else \
            (100_000 * rng.randrange(1, 60) + index * 1_000)
    return SyntheticCase(index, name, sector, listed_type, action_type, instrument, amount, affected,
                         breach.format(n=affected), provision, start + timedelta(days=index // 2))


def _long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _money(amount: int) -> str:
    return f"£{amount:,}"


def _short_money(amount: int) -> str:
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:.2f}m".replace(".00m", "m")
    return f"£{amount:,}"


def register_page(case: SyntheticCase) -> Document:
    """The ICO register's detail page, with the listing's facts as the collector keeps them."""
    what = {"monetary_penalty": f"We have fined {case.organisation} {_money(case.amount or 0)}",
            "reprimand": f"We have issued a reprimand to {case.organisation}",
            "enforcement_notice": f"We have issued an enforcement notice to {case.organisation}"}
    paragraphs = [
        f"{what[case.action_type]} after it {case.breach}, in breach of {case.provision}.",
        f"Our investigation found that {case.organisation} had no adequate measures in place and "
        f"that about {case.affected:,} people were affected.",
        "The organisation has since told us about the steps it has taken and we will monitor its "
        "progress.",
    ]
    if case.action_type == "enforcement_notice":
        paragraphs.append(f"The notice requires {case.organisation} to stop the processing within 35 days.")
    slug = case.organisation.lower().replace(" ", "-")
    iso = case.day.isoformat()
    return Document(
        url=f"https://ico.example/action-weve-taken/enforcement/{case.day.year}/{slug}/",
        source="ico-enforcement", kind="enforcement_page", title=case.organisation,
        text="\n\n".join(paragraphs), published=iso, fetched_at=FETCHED_AT, outlet="ICO",
        metadata={"ico_page_id": 200_000 + case.index, "listed_type": case.listed_type,
                  "listed_action_type": case.action_type, "sector": case.sector,
                  "listed_date": iso, "summary": paragraphs[0], "organisation": case.organisation},
    )


def notice(case: SyntheticCase, rng: random.Random) -> Document:
    """The notice PDF's text: a heading, the statute, numbered findings (a few thousand words)."""
    heading = case.instrument.upper()
    statute = ("Privacy and Electronic Communications (EC Directive) Regulations 2003"
               if "regulation" in case.provision else "Data Protection Act 2018")
    lines = ["DATA PROTECTION ACT 2018 AND UK GENERAL DATA PROTECTION REGULATION",
             heading, f"To: {case.organisation}", f"Date: {_long_date(case.day)}",
             f"1. The Information Commissioner has decided to issue {case.organisation} with a "
             f"{case.instrument} under the {statute}."]
    findings = [
        "The Commissioner's investigation found that the organisation {breach}.",
        "The organisation did not carry out a data protection impact assessment before it began "
        "the processing, and its staff had not been trained in the handling of personal data.",
        "Records supplied during the investigation show that complaints about the practice were "
        "received over a period of several months before any action was taken.",
        "The Commissioner considers that the contravention was serious because of the number of "
        "people affected and the nature of the personal data involved.",
        "The organisation co-operated with the investigation and has since reviewed its policies.",
        "The Commissioner has taken into account the representations made by the organisation.",
    ]
    paragraph = 2
    for _ in range(rng.randrange(6, 14)):
        for sentence in findings:
            lines.append(f"{paragraph}. " + sentence.format(breach=case.breach))
            paragraph += 1
    if case.amount:
        lines.append(f"{paragraph}. The Commissioner has decided to impose a monetary penalty of "
                     f"{_money(case.amount)} on {case.organisation}.")
    elif case.action_type == "enforcement_notice":
        lines.append(f"{paragraph}. The Commissioner requires {case.organisation} to comply with "
                     f"{case.provision} within 35 days of the date of this notice.")
    else:
        lines.append(f"{paragraph}. The Commissioner has decided to issue a reprimand to "
                     f"{case.organisation} in respect of the infringement of {case.provision}.")
    page = register_page(case)
    slug = case.organisation.lower().replace(" ", "-")
    return Document(
        url=f"https://ico.example/media/enforcement/{case.index}/{slug}-notice.pdf",
        source="ico-enforcement", kind="notice", title=f"{case.organisation} {case.instrument}",
        text="\n".join(lines), published=case.day.isoformat(), fetched_at=FETCHED_AT, outlet="ICO",
        parent_url=page.url, metadata=dict(page.metadata),
    )


def press_release(case: SyntheticCase) -> Document:
    """An ICO news release about a fine."""
    day = case.day + timedelta(days=1)
    title = f"{case.organisation} fined {_short_money(case.amount or 0)} by the ICO"
    text = "\n\n".join([
        f"We have fined {case.organisation} {_short_money(case.amount or 0)} after it {case.breach}.",
        f"The penalty follows an investigation which found that {case.affected:,} people were "
        f"affected by the failings.",
        "Organisations must take the protection of people's information seriously, and we will "
        "act when they do not.",
    ])
    return Document(
        url=f"https://ico.example/about-the-ico/media-centre/news/{day.year}/{case.index}/",
        source="ico-news", kind="press_release", title=title, text=text,
        published=day.isoformat(), fetched_at=FETCHED_AT, outlet="ICO",
    )


def press_article(case: SyntheticCase, rng: random.Random, variant: int) -> Document:
    """A press article about the action, a day or more after it, in one of a few shapes."""
    outlet, site = _OUTLETS[(case.index + variant) % len(_OUTLETS)]
    day = case.day + timedelta(days=1 + variant * rng.randrange(1, 20))
    short = case.organisation.rsplit(" ", 1)[0] if rng.random() < 0.4 else case.organisation
    verb = {"monetary_penalty": f"fined {_short_money(case.amount or 0)}",
            "reprimand": "reprimanded", "enforcement_notice": "served with an enforcement notice"}
    title = f"{short} {verb[case.action_type]} by data watchdog"
    paragraphs = [
        f"{case.organisation} has been {verb[case.action_type]} by the Information Commissioner's "
        f"Office after it {case.breach}.",
        f"The regulator said on {_long_date(case.day)} that the failings had affected about "
        f"{case.affected:,} people.",
        f"A spokesperson for {short} said the company had apologised and had changed its "
        "procedures since the incident.",
        f"The case is one of several involving the {case.sector.lower()} sector this year, and "
        "campaigners said the regulator should use its powers more often.",
    ]
    rng.shuffle(paragraphs[2:])
    slug = f"{short.lower().replace(' ', '-')}-{case.index}-{variant}"
    return Document(
        url=f"https://{site}.example/news/{day.year}/{slug}/", source=f"{site}-feed",
        kind="article", title=title, text="\n\n".join(paragraphs), published=day.isoformat(),
        fetched_at=FETCHED_AT, outlet=outlet,
    )


def case_documents(case: SyntheticCase, rng: random.Random) -> list[Document]:
    """Every document about one case: the register page, and often a notice, a release, press."""
    documents = [register_page(case)]
    if case.action_type != "reprimand" and rng.random() < 0.5:
        documents.append(notice(case, rng))
    if case.action_type == "monetary_penalty" and rng.random() < 0.3:
        documents.append(press_release(case))
    for variant in range(rng.choice((0, 1, 1, 1, 2))):
        documents.append(press_article(case, rng, variant))
    return documents


def synthetic_documents(n: int, seed: int = 15) -> list[Document]:
    """`n` distinct documents about ~n/2.4 distinct cases, ordered as a nightly run meets them:
    by date, and within a day the register before the news before the press."""
    rng = random.Random(seed)
    documents: list[Document] = []
    index = 0
    while len(documents) < n:
        documents.extend(case_documents(synthetic_case(index, rng), rng))
        index += 1
    documents = documents[:n]
    order = {"enforcement_page": 0, "notice": 1, "press_release": 2, "article": 3}
    documents.sort(key=lambda d: (d.published or "", order[d.kind]))
    return documents


__all__ = ["SyntheticCase", "organisation_name", "synthetic_case", "synthetic_documents"]
