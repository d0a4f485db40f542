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
from pipeline.parsers.text import clean_line, html_to_text, normalise_date, safe_url

logger = logging.getLogger(__name__)


@dataclass
class ListingItem:
    """One result card: what the register states about an item before its page is fetched."""

    ico_id: int | None
    title: str
    url: str                           # absolute
    listed_date: str | None            # YYYY-MM-DD, from filterItemMetaData
    listed_type: str | None            # "Monetary penalties", "Reprimands", "News"...
    listed_action_type: str            # monetary_penalty | enforcement_notice | reprimand | ...
    sector: str | None                 # often missing
    description: str
    created: str | None                # createdDateTime: the CMS stamp, not the action date


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

    pagination = data.get("pagination") if isinstance(data.get("pagination"), dict) else {}
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

    listed_date, listed_type, sector = split_metadata(row.get("filterItemMetaData"))
    created = row.get("createdDateTime") if isinstance(row.get("createdDateTime"), str) else None
    description = row.get("description") if isinstance(row.get("description"), str) else ""
    return ListingItem(
        ico_id=_int_or_none(row.get("id")),
        title=title,
        url=url,
        listed_date=listed_date,
        listed_type=listed_type,
        listed_action_type=action_type_for(listed_type),
        sector=sector,
        description=html_to_text(description),
        created=created,
    )


def split_metadata(value: object) -> tuple[str | None, str | None, str | None]:
    """"28 May 2026, Enforcement notices[, Marketing]" → (date, type, sector).

    Positional: part 0 the date, part 1 the type, the rest (if any) the sector. No sector name
    contains ", " (SOURCES.md §1.1), so splitting on it is safe.
    """
    if not isinstance(value, str) or not value.strip():
        return None, None, None
    parts = [clean_line(p) for p in value.split(", ")]
    listed_date = normalise_date(parts[0]) if parts else None
    listed_type = parts[1] or None if len(parts) > 1 else None
    sector = ", ".join(p for p in parts[2:] if p) or None
    return listed_date, listed_type, sector


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


__all__ = ["ListingItem", "SearchPage", "parse_search_page", "split_metadata", "action_type_for"]
