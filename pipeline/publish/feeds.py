"""The site's ready Atom feeds: new actions, fines over an amount, a search term, an organisation.

Served by the project's Datasette plugin at /feeds/<name>.atom (see plugin.py). They are written
here rather than as datasette-atom canned queries because a journalist's feed reader needs what
that plugin cannot give: a feed-level author, `application/atom+xml`, the action's date as
`published`, entries that link to the case page on this site, and one clear error entry when a
parameter cannot be read.

Dates: `published` is the action's own date; `updated` is when the pipeline first saw the case,
except for an action older than NEWS_WINDOW_DAYS when it was first seen, which is dated by the
action. So the first build of a database (which "first sees" every case from 2020 on) does not
announce old fines as news: they sort at their own dates, below anything genuinely new.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
FEED_AUTHOR = "Enforcement Monitor"
NEWS_WINDOW_DAYS = 30
MAX_ENTRIES = 50
DEFAULT_MIN_AMOUNT = 100_000

# (path, title, example query string, what it follows): what the home page lists.
FEEDS: list[tuple[str, str, str, str]] = [
    ("new-actions", "New enforcement actions", "", "every new fine, reprimand, notice or prosecution"),
    ("fines", "Fines over an amount", "?over=%C2%A3100%2C000", "fines of at least the amount (£100,000, 100k or 1.5m)"),
    ("search", "Anything matching a search", "?q=NHS", "cases whose notices or coverage match the words (OR, prefix*, NEAR work)"),
    ("organisation", "One organisation", "?name=Advanced", "actions against an organisation, by any name it uses"),
]

_AMOUNT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>k|thousand|m|mn|million|bn|billion)?$")
_UNITS = {None: 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000,
          "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}


class AmountError(ValueError):
    """A feed parameter that is not an amount of pounds; the message says how to write one."""


def parse_gbp(text: str | None, default: int | None = None) -> int | None:
    """Whole pounds from what a person types: "100000", "£100,000", "100k", "1.5m", "£2 million".

    Empty or missing gives `default`. Anything else raises AmountError: a feed that silently
    subscribed to every fine on a typo would be worse than no feed.
    """
    if text is None or not str(text).strip():
        return default
    cleaned = str(text).strip().lower().replace("£", "").replace(",", "").replace("gbp", "").strip()
    match = _AMOUNT.match(cleaned)
    if not match:
        raise AmountError(f"{str(text)[:60]!r} is not an amount of pounds: write 100000, £100,000, 100k or 1.5m")
    return int(round(float(match.group("number")) * _UNITS[match.group("unit")]))


def format_gbp(value: int | float | None) -> str:
    """£3,076,320; "amount not stated" for None."""
    if value is None:
        return "amount not stated"
    return f"£{int(value):,}"


@dataclass
class Entry:
    """One feed entry: a case, or the single entry that explains an error or an empty feed."""

    id: str
    title: str
    link: str | None
    published: str | None
    updated: str
    content: str


def _timestamp(value: str | None) -> str | None:
    """An ISO 8601 UTC timestamp for a YYYY-MM-DD, YYYY-MM or full timestamp; None if unreadable."""
    if not value:
        return None
    value = str(value).strip()
    for pattern, length in (("%Y-%m-%dT%H:%M:%SZ", 20), ("%Y-%m-%d", 10), ("%Y-%m", 7)):
        try:
            parsed = datetime.strptime(value[:length], pattern)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def entry_dates(action_date: str | None, first_seen: str | None) -> tuple[str | None, str]:
    """(published, updated) for a case: see the module docstring for why."""
    published = _timestamp(action_date)
    seen = _timestamp(first_seen) or published or "1970-01-01T00:00:00Z"
    if published is not None:
        acted = date.fromisoformat(published[:10])
        if date.fromisoformat(seen[:10]) - acted > timedelta(days=NEWS_WINDOW_DAYS):
            return published, published
    return published, seen


def case_entry(case: dict[str, Any], site_url: str, case_path: str) -> Entry:
    """The entry for one case row (id, organisation, action_type, amount_gbp, status, ...)."""
    action = str(case.get("action_type") or "action").replace("_", " ")
    title = f"{case.get('organisation') or 'Unknown organisation'}: {action}"
    if case.get("amount_gbp") is not None:
        title += f" {format_gbp(case['amount_gbp'])}"
    published, updated = entry_dates(case.get("action_date"), case.get("first_seen"))
    content = " ".join(part for part in (
        case.get("action_date") or "", case.get("status") or "", "—", case.get("summary") or "") if part)
    return Entry(id=f"urn:enforcement-monitor:case:{case['id']}", title=title,
                 link=site_url.rstrip("/") + case_path, published=published, updated=updated,
                 content=content)


def message_entry(kind: str, title: str, content: str, link: str | None) -> Entry:
    """A single entry that explains itself: a parameter error, or nothing to report yet."""
    return Entry(id=f"urn:enforcement-monitor:{kind}", title=title, link=link, published=None,
                 updated="1970-01-01T00:00:00Z" if kind == "nothing-yet" else _now(), content=content)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_document(*, feed_id: str, title: str, self_url: str, site_url: str, entries: list[Entry]) -> bytes:
    """A complete Atom 1.0 document (RFC 4287): feed id, title, updated, author, links, entries."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    sub(feed, "updated", max((e.updated for e in entries), default="1970-01-01T00:00:00Z"))
    author = sub(feed, "author")
    sub(author, "name", FEED_AUTHOR)
    sub(author, "uri", site_url)
    sub(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    sub(feed, "link", href=site_url, rel="alternate", type="text/html")
    sub(feed, "generator", "Enforcement Monitor")
    for item in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", item.id)
        sub(entry, "title", item.title)
        if item.link:
            sub(entry, "link", href=item.link, rel="alternate", type="text/html")
        if item.published:
            sub(entry, "published", item.published)
        sub(entry, "updated", item.updated)
        sub(entry, "content", item.content, type="text")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")).encode("utf-8")
