"""A topic for every case, so a journalist's word ("NHS", "council", "marketing") finds its cases.

The ICO states a sector for most register entries (e.g. "Health", "Local government"), but not
for all, and never for press-only cases; and a supplier to the NHS is filed under its own trade.
`case_topics()` therefore keeps the ICO's sector when there is one and adds the topics that the
case's own titles and summaries, and the failures it names, make plain. The result is stored as a
JSON array in `cases.topic` (computed whenever a case is refreshed) and indexed for full-text
search with the case, so "NHS" matches the topic "NHS" (kept apart from "Health": a genetic
testing firm is a health case, not an NHS one).

Rules are words with word boundaries, checked in lower case; each topic is a short phrase a
reader recognises. They are deliberately few: a missing topic only means a case is found through
its documents instead (the site's search covers those too).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

# topic -> pattern over the case's titles, summaries and sector (lower case)
_TEXT_TOPICS: dict[str, re.Pattern[str]] = {
    "NHS": re.compile(r"\b(nhs|health boards?)\b"),
    "Health": re.compile(r"\b(nhs|hospitals?|health ?care|health|patients?|gp surgery|clinics?|"
                         r"care homes?|pharmac\w*|medical|dental|genetic)\b"),
    "Local government": re.compile(r"\b(council|borough|local authority|county council|city council)\b"),
    "Central government": re.compile(r"\b(ministry of|department for|department of|home office|cabinet office|"
                                     r"hmrc|government department|central government)\b"),
    "Policing and justice": re.compile(r"\b(police|constabulary|criminal records|prison|courts? service|"
                                       r"criminal justice|probation|proceeds of crime|prosecuted|prosecution)\b"),
    "Education": re.compile(r"\b(schools?|universit(y|ies)|college|academy trust|pupils?|students?|education)\b"),
    "Marketing calls and messages": re.compile(r"\b(marketing|nuisance calls?|cold calls?|spam|texts? messages?|"
                                               r"telephone preference service|tps|pecr|unsolicited)\b"),
    "Finance": re.compile(r"\b(bank|banking|insurance|insurer|loans?|lender|credit|finance|financial|mortgage)\b"),
    "Online services and technology": re.compile(r"\b(online|app|apps|platform|social media|software|"
                                                 r"technology|telecoms?|website)\b"),
    "Cyber attack": re.compile(r"\b(ransomware|cyber ?attacks?|cyber incident|hack(ed|ers?)?|malware|"
                               r"phishing|threat actor)\b"),
    "Charity": re.compile(r"\b(charit(y|ies|able)|voluntary|ymca)\b"),
    "Legal services": re.compile(r"\b(solicitors?|law firm|legal services|barristers?)\b"),
    "Payment card data": re.compile(r"\b(payment details|card details|payment card|cardholders?)\b"),
}
# Every case gets a topic: this one says honestly that none of the rules applied.
UNCLASSIFIED = "Not classified"

# Failures that say what kind of case it is, whatever the words.
_FAILURE_TOPICS = {
    "unlawful_marketing_calls": "Marketing calls and messages",
    "unlawful_marketing_messages": "Marketing calls and messages",
    "children_data": "Children's data",
}

# A topic that makes a case one against a public body (as the ICO's public-sector approach uses it).
# (Not "Policing and justice": a prosecution of a person is not a case against a public body.)
_PUBLIC_TOPICS = {"Local government", "Central government"}
_PUBLIC_SECTORS = {"central government", "local government", "criminal justice", "regulators", "education"}
_PUBLIC_NAMES = re.compile(r"\b(nhs|council|police|constabulary|ministry of|department for|university|"
                           r"school|health board|authority)\b")


def case_topics(sector: str | None, texts: Iterable[str | None], failures: Iterable[str] = (),
                organisation: str | None = None) -> list[str]:
    """The case's topics: the ICO's sector first (when stated), then those its words show."""
    topics: list[str] = []
    if sector and sector.strip():
        topics.append(sector.strip())
    words = " ".join(t for t in (sector, organisation, *texts) if t).lower()
    sector_word = (sector or "").strip().lower()[:5]
    for topic, pattern in _TEXT_TOPICS.items():
        # "Legal services" says nothing the ICO's "Legal" did not.
        if sector_word and topic.lower().startswith(sector_word):
            continue
        if topic not in topics and pattern.search(words):
            topics.append(topic)
    for code in failures:
        failure_topic = _FAILURE_TOPICS.get(code)
        if failure_topic and failure_topic not in topics \
                and not (sector_word and failure_topic.lower().startswith(sector_word)):
            topics.append(failure_topic)
    name = (organisation or "").lower()
    if (set(topics) & _PUBLIC_TOPICS or (sector or "").strip().lower() in _PUBLIC_SECTORS
            or _PUBLIC_NAMES.search(name)) and "Public body" not in topics:
        topics.append("Public body")
    return topics or [UNCLASSIFIED]


def topic_json(sector: str | None, texts: Iterable[str | None], failures: Iterable[str] = (),
               organisation: str | None = None) -> str | None:
    """case_topics() as the JSON array stored in cases.topic."""
    return json.dumps(case_topics(sector, texts, failures, organisation), ensure_ascii=False)
