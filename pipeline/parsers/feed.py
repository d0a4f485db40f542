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
from urllib.parse import urlsplit, urlunsplit

import feedparser

from pipeline.parsers.errors import FeedMalformedError, ParseError
from pipeline.parsers.text import (
    clean_line,
    html_to_text,
    is_utf8_mislabelled,
    normalise_date,
    safe_url,
)

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
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
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
    content_type = response_headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() == "text/xml" and "charset" not in content_type.lower():
        # RFC 3023 made charset-less text/xml US-ASCII, and feedparser still follows it; RFC 7303
        # dropped that rule, and such feeds are really UTF-8 or say so in their XML declaration.
        response_headers["content-type"] = "application/xml"
    # A BytesIO, never the bytes themselves: given bytes or a str, feedparser may treat them as
    # a file name or a URL and open it.
    encoding_warning = _correct_mislabelled_utf8(body, response_headers, url)
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers,
                              sanitize_html=True, resolve_relative_uris=True)

    result = ParsedFeed(title=html_to_text(parsed.feed.get("title")) or None)
    if encoding_warning:
        result.warnings.append(encoding_warning)
    if parsed.bozo:
        problem = _describe_bozo(parsed.bozo_exception)
        if not parsed.entries:
            raise FeedMalformedError(f"{url}: not a readable feed ({problem})")
        if isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
            result.warnings.append(f"{url}: the feed's declared encoding is wrong; read as "
                                   f"{parsed.get('encoding') or 'detected'} ({problem})")
        elif not isinstance(parsed.bozo_exception, feedparser.NonXMLContentType):
            # (A feed served as text/html or without a Content-Type is common and harmless once
            # it parsed; broken XML is worth a warning with its line and column.)
            result.warnings.append(f"{url}: feed is not well-formed ({problem}); "
                                   f"{len(parsed.entries)} item(s) read")
    elif not parsed.entries and not parsed.version:
        raise FeedMalformedError(f"{url}: not an RSS or Atom feed")

    google_news = _is_google_news(parsed, url)
    seen: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry, url=url, google_news=google_news)
        if item is None:
            result.warnings.append(f"{url}: an item with no title and no link was skipped")
            continue
        # One story, one item: by id, and by canonical link too, because some feeds (the BBC's)
        # repeat a story under several ids ("…#0", "…#1") with the same link.
        keys = {f"guid:{item.guid}"} | ({f"url:{canonical_url(item.url)}"} if item.url else set())
        if keys & seen:
            result.duplicates += 1
            continue
        seen |= keys
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


_XML_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""")


def _correct_mislabelled_utf8(body: bytes, headers: dict[str, str], url: str) -> str | None:
    """A feed whose HTTP charset or XML declaration says windows-1252 (say) while its bytes are
    UTF-8 would come out as "Â£300,000". feedparser trusts the declaration, so when it is
    provably wrong, tell feedparser UTF-8 through the HTTP charset (which it ranks first).
    Returns the warning to report, or None."""
    content_type = headers.get("content-type", "")
    match = _HEADER_CHARSET.search(content_type) or _XML_DECLARED_ENCODING.match(body[:512])
    if match is None:
        return None
    group = match.group(1)
    declared = group.decode("ascii", "replace") if isinstance(group, bytes) else str(group)
    if not is_utf8_mislabelled(body, declared):
        return None
    media_type = content_type.split(";")[0].strip() or "application/xml"
    headers["content-type"] = f"{media_type}; charset=utf-8"
    return f"{url}: feed declares {declared} but is UTF-8; read as UTF-8"


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
        # Google News titles are "Headline - Publisher", and the suffix need not match <source>
        # (" - AWS" vs "Amazon Web Services (AWS)"): the suffix goes, <source> names the outlet.
        headline, _, tail = title.rpartition(" - ")
        if headline.strip():
            title, outlet = headline.strip(), outlet or tail.strip() or None

    if not title and link is None:
        return None
    guid = clean_line(entry.get("id")) or link
    if not guid:
        digest = hashlib.sha256(f"{title}\n{published or ''}\n{url}".encode("utf-8")).hexdigest()
        guid = f"sha256:{digest}"
    return FeedItem(url=link, title=title, published=published, summary=summary,
                    outlet=outlet, guid=guid)


# Query parameters that only track the reader (campaign tags), never choose the story.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|at_\w+|ocid|fbclid|gclid|mc_cid|mc_eid|cmp|ito|CMP)$")


def canonical_url(url: str) -> str:
    """The URL a story is known by: lower-case scheme and host, no default port, no fragment,
    no tracking parameters. Used to spot one story listed twice, never as a link to follow."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _TRACKING_PARAMS.match(pair.split("=", 1)[0]))
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def _first_content(entry: feedparser.FeedParserDict) -> str | None:
    content = entry.get("content")
    if isinstance(content, list) and content:
        return content[0].get("value")
    return None


__all__ = ["FeedItem", "ParsedFeed", "parse_feed", "read_feed", "canonical_url", "GOOGLE_NEWS_HOST"]
