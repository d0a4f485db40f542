"""One page of the ICO search API (`POST /api/search`) → listing items.

The enforcement register and the news hub are client-rendered: their HTML holds no result
links, the JSON behind them does. A page looks like
`{"results": [{"id", "title", "url", "filterItemMetaData", "createdDateTime", "description"}],
"pagination": {"totalResults", "totalPages"}}` (see docs in SOURCES.md §1.2).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline.parsers.errors import LayoutChangedError
from pipeline.parsers.ico_page import strip_site_notice
from pipeline.parsers.text import clean_line, html_to_text, normalise_date, safe_url

logger = logging.getLogger(__name__)


@dataclass
class ListingItem:
    """One result card: what the register states about an item before its page is fetched."""

    ico_id: int | None
    title: str
    url: str                           # absolute
    listed_date: str | None            # YYYY-MM-DD, from filterItemMetaData
    listed_type: str | None            # "Monetary penalties", "Reprimands", "News"... as listed
                                       # ("Reprimands, Monetary penalties" for a multi-type item)
    listed_action_type: str            # monetary_penalty | enforcement_notice | reprimand | ...
    sector: str | None                 # often missing
    description: str
    created: str | None                # createdDateTime: the CMS stamp, not the action date
    # Every type the item lists, in order (an item can list several); the first is the one above.
    listed_action_types: list[str] = field(default_factory=list)


@dataclass
class SearchPage:
    items: list[ListingItem] = field(default_factory=list)
    total_pages: int | None = None
    total_results: int | None = None
    dropped: int = 0                   # rows outside the register (promoted cards) or unusable


# The register's type labels → our action types. Matched on a lower-case stem so that
# "Monetary penalty" / "Monetary penalties" / "Monetary penalty notices" all land the same.
_TYPE_STEMS = (
    ("monetary penalt", "monetary_penalty"),
    ("enforcement notice", "enforcement_notice"),
    ("reprimand", "reprimand"),
    ("prosecution", "prosecution"),
    ("undertaking", "undertaking"),
)


# The labels the register's filters offer (SOURCES.md §1.1): the Type checkboxes (plus the
# older registers' and the news hub's types) and the 19 Sector checkboxes. No label contains ", ".
TYPE_LABELS = ("Enforcement notices", "Reprimands", "Monetary penalties", "Prosecutions", "Undertakings",
               "News", "Blog", "Blogs", "Speech", "Speeches", "Statement", "Statements")
SECTOR_LABELS = (
    "Central government", "Charitable and voluntary", "Criminal justice", "Education and childcare",
    "Finance insurance and credit", "General business", "Health", "Land or property services", "Legal",
    "Local government", "Marketing", "Media", "Online technology and telecoms", "Political",
    "Regulators", "Retail and manufacture", "Social care", "Transport and leisure", "Utilities",
)
_TYPE_KEYS = {label.lower() for label in TYPE_LABELS}
_SECTOR_KEYS = {label.lower() for label in SECTOR_LABELS}


def _is_type_label(part: str) -> bool:
    key = part.lower()
    return key in _TYPE_KEYS or action_type_for(part) != "other"


def action_type_for(listed_type: str | None) -> str:
    """Map a register type label ("Monetary penalties") to an action type ("monetary_penalty")."""
    label = (listed_type or "").lower()
    for stem, action_type in _TYPE_STEMS:
        if stem in label:
            return action_type
    return "other"


def parse_search_page(body: bytes, *, base_url: str, url_prefixes: tuple[str, ...] | list[str]) -> SearchPage:
    """Parse one API response. Rows whose URL is not under `url_prefixes` are dropped and counted.

    Raises LayoutChangedError when the JSON is not the shape above: a changed API must stop the
    source by name, not look like an empty register.
    """
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LayoutChangedError(f"{base_url}: search API did not return JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise LayoutChangedError(f"{base_url}: search API JSON has no `results` list")

    found = data.get("pagination")
    pagination: dict = found if isinstance(found, dict) else {}
    page = SearchPage(
        total_pages=_int_or_none(pagination.get("totalPages")),
        total_results=_int_or_none(pagination.get("totalResults")),
    )
    base_host = urlsplit(base_url).netloc.lower()
    for row in data["results"]:
        item = _parse_row(row, base_url=base_url, base_host=base_host, url_prefixes=tuple(url_prefixes))
        if item is None:
            page.dropped += 1
        else:
            page.items.append(item)
    return page


def _parse_row(row: object, *, base_url: str, base_host: str, url_prefixes: tuple[str, ...]) -> ListingItem | None:
    if not isinstance(row, dict):
        logger.warning("search API row is not an object; dropped")
        return None
    url = safe_url(row.get("url") if isinstance(row.get("url"), str) else None, base_url)
    # The API's values are meant as plain text; any markup in them is stripped, never stored.
    title = clean_line(html_to_text(row.get("title") if isinstance(row.get("title"), str) else ""))
    if url is None or not title:
        logger.warning("search API row without a usable url/title dropped: %r", row.get("url"))
        return None
    parts = urlsplit(url)
    if parts.netloc.lower() != base_host or not parts.path.startswith(url_prefixes):
        logger.info("dropped a row outside the register: %s", url)
        return None

    listed_date, listed_types, sector = split_metadata(row.get("filterItemMetaData"))
    created = row.get("createdDateTime") if isinstance(row.get("createdDateTime"), str) else None
    description = row.get("description") if isinstance(row.get("description"), str) else ""
    return ListingItem(
        ico_id=_int_or_none(row.get("id")),
        title=title,
        url=url,
        listed_date=listed_date,
        listed_type=", ".join(listed_types) or None,
        listed_action_type=action_type_for(listed_types[0] if listed_types else None),
        sector=sector,
        description=strip_site_notice(html_to_text(description)),
        created=created,
        listed_action_types=[action_type_for(t) for t in listed_types],
    )


def split_metadata(value: object) -> tuple[str | None, list[str], str | None]:
    """"28 May 2026, Reprimands, Monetary penalties, Marketing" → (date, [types], sector).

    Part 0 is the date. The other parts are matched against the register's known type and
    sector labels (SOURCES.md §1.1), not read by position: an item can list several types, and
    the sector is often missing. A part that is neither is kept as the item states it: a type
    while no type was seen yet, otherwise part of the sector (so a new sector label is not lost).
    """
    if not isinstance(value, str) or not value.strip():
        return None, [], None
    parts = [clean_line(p) for p in value.split(", ")]
    listed_date = normalise_date(parts[0]) if parts else None
    types: list[str] = []
    sector_parts: list[str] = []
    for part in parts[1:]:
        if not part:
            continue
        if part.lower() in _SECTOR_KEYS or sector_parts:
            sector_parts.append(part)
        elif _is_type_label(part) or not types:
            types.append(part)
        else:
            logger.info("unknown label %r after the type(s) read as the sector", part)
            sector_parts.append(part)
    return listed_date, types, ", ".join(sector_parts) or None


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


__all__ = ["ListingItem", "SearchPage", "parse_search_page", "split_metadata", "action_type_for",
           "TYPE_LABELS", "SECTOR_LABELS"]
