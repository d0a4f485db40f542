"""An RSS or Atom feed (bytes) → FeedItems, with feedparser.

feedparser only ever sees bytes our own polite client fetched (RELIABILITY.md A4: its own HTTP
has no timeout and no size cap). Feeds are hostile input, so before parsing we refuse any DTD
entity declaration (billion laughs, XXE: RSS and Atom never need one), and afterwards every
title and summary becomes plain text, because feedparser leaves `text/plain` content
unsanitised.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import feedparser

from pipeline.parsers.errors import FeedMalformedError, ParseError
from pipeline.parsers.text import clean_line, html_to_text, normalise_date, safe_url

logger = logging.getLogger(__name__)

GOOGLE_NEWS_HOST = "news.google.com"


@dataclass
class FeedItem:
    url: str | None            # the item's link (http/https only); None when the feed gives none
    title: str
    published: str | None      # YYYY-MM-DD, None when missing or absurd
    summary: str               # plain text
    outlet: str | None         # publisher, when the feed names one (Google News <source>)
    guid: str                  # the item's identity in the feed; "sha256:…" when it has none


@dataclass
class ParsedFeed:
    """What a feed yielded, with the problems worth reporting without failing."""

    items: list[FeedItem] = field(default_factory=list)
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html\b)", re.IGNORECASE)


def parse_feed(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> list[FeedItem]:
    """The contract's form: just the items. See `read_feed` for warnings and duplicate counts."""
    return read_feed(body, url=url, headers=headers).items


def read_feed(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse a feed. Raises FeedMalformedError (`feed_malformed`, or `xml_forbidden_dtd` for a
    feed declaring entities) when there is nothing usable; broken XML that still yielded items
    is returned with a warning, because a partly readable feed beats no feed.
    """
    _refuse_unsafe_or_not_a_feed(body, url)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    response_headers.setdefault("content-location", url)
    # A BytesIO, never the bytes themselves: given bytes or a str, feedparser may treat them as
    # a file name or a URL and open it.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers,
                              sanitize_html=True, resolve_relative_uris=True)

    result = ParsedFeed(title=html_to_text(parsed.feed.get("title")) or None)
    if parsed.bozo:
        problem = _describe_bozo(parsed.bozo_exception)
        if not parsed.entries:
            raise FeedMalformedError(f"{url}: not a readable feed ({problem})")
        result.warnings.append(f"{url}: feed is not well-formed ({problem}); {len(parsed.entries)} item(s) read")
    elif not parsed.entries and not parsed.version:
        raise FeedMalformedError(f"{url}: not an RSS or Atom feed")

    google_news = _is_google_news(parsed, url)
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry, url=url, google_news=google_news)
        if item is None:
            result.warnings.append(f"{url}: an item with no title and no link was skipped")
            continue
        if item.guid in seen:
            result.duplicates += 1
            continue
        seen.add(item.guid)
        result.items.append(item)
    if parsed.bozo and not result.items:
        raise FeedMalformedError(f"{url}: not a readable feed ({_describe_bozo(parsed.bozo_exception)}); "
                                 f"no usable item in what could be recovered")
    if result.duplicates:
        result.warnings.append(f"{url}: {result.duplicates} duplicate item(s) ignored")
    for warning in result.warnings:
        logger.warning("%s", warning)
    return result


def _refuse_unsafe_or_not_a_feed(body: bytes, url: str) -> None:
    if not body or not body.strip():
        raise FeedMalformedError(f"{url}: empty body", error_class="feed_malformed")
    head = body
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            head = body[len(bom):].decode(encoding, errors="replace").encode("utf-8")
    if _ENTITY_DECL.search(head):
        raise ParseError("xml_forbidden_dtd", f"{url}: feed declares XML entities (<!ENTITY); refused")
    if _HTML_START.match(head.lstrip(codecs.BOM_UTF8)):
        raise FeedMalformedError(f"{url}: got an HTML page, not a feed")


def _describe_bozo(exc: object) -> str:
    if exc is None:
        return "unknown problem"
    where = ""
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_line):
        try:
            where = f" at line {get_line()}, column {exc.getColumnNumber()}"  # type: ignore[attr-defined]
        except Exception:
            where = ""
    return f"{type(exc).__name__}: {clean_line(str(exc))[:200]}{where}"


def _is_google_news(parsed: feedparser.FeedParserDict, url: str) -> bool:
    generator = str(parsed.feed.get("generator", ""))
    return urlsplit(url).netloc.lower() == GOOGLE_NEWS_HOST or generator.startswith("NFE/")


def _item(entry: feedparser.FeedParserDict, *, url: str, google_news: bool) -> FeedItem | None:
    title = html_to_text(entry.get("title"))
    link = safe_url(entry.get("link"), url)
    if link is None:
        for candidate in entry.get("links", []):
            if candidate.get("rel", "alternate") == "alternate":
                link = safe_url(candidate.get("href"), url)
                if link:
                    break
    summary = html_to_text(entry.get("summary") or _first_content(entry))
    published = None
    for key in ("published_parsed", "updated_parsed"):
        # dict.get, not entry.get: feedparser's own lookup maps the two keys onto each other
        # with a DeprecationWarning.
        value = dict.get(entry, key)
        if value:
            published = normalise_date(value)
            break

    outlet = None
    source = entry.get("source")
    if isinstance(source, Mapping):
        outlet = clean_line(source.get("title")) or None
    if google_news and " - " in title:
        headline, _, tail = title.rpartition(" - ")
        if outlet is None or tail.strip() == outlet:
            title, outlet = headline.strip(), outlet or tail.strip() or None

    if not title and link is None:
        return None
    guid = clean_line(entry.get("id")) or link
    if not guid:
        digest = hashlib.sha256(f"{title}\n{published or ''}\n{url}".encode("utf-8")).hexdigest()
        guid = f"sha256:{digest}"
    return FeedItem(url=link, title=title, published=published, summary=summary,
                    outlet=outlet, guid=guid)


def _first_content(entry: feedparser.FeedParserDict) -> str | None:
    content = entry.get("content")
    if isinstance(content, list) and content:
        return content[0].get("value")
    return None


__all__ = ["FeedItem", "ParsedFeed", "parse_feed", "read_feed", "GOOGLE_NEWS_HOST"]
