"""An ICO detail page (enforcement item or news release) → IcoPage.

Three shapes are known (SOURCES.md §1.4 and §2):
- the current Umbraco/Tailwind site: `main#main-content h1`, a facts panel of
  `ul li > span(label) + strong(value)`, the summary in `div.prose p`, and attachments as
  `<further-Reading x-href x-title x-size>` elements;
- the pre-2024 site: facts in `<dl><dt>Date</dt><dd>…</dd>` and plain `<a href="….pdf">` links;
- news releases: `og:title` (" | ICO" removed), `article:published_time` or `time[datetime]`.
Anything else raises LayoutChangedError naming the URL.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from pipeline.parsers.attachments import document_type
from pipeline.parsers.errors import LayoutChangedError, ParseError
from pipeline.parsers.text import (
    clean_line,
    clean_text,
    decode_html,
    html_to_text,
    normalise_date,
    safe_url,
)

logger = logging.getLogger(__name__)


@dataclass
class Attachment:
    """A document attached to a page: a notice or annex (.pdf, .docx, .rtf, .odt) on the same site."""

    url: str
    title: str | None
    size_bytes: int | None = None      # x-size, when the element states it (often it does not)
    file_type: str = "pdf"             # pdf | docx | rtf | odt (parsers.attachments.DOCUMENT_TYPES)


@dataclass
class RelatedLink:
    """A `further-Reading` element that points elsewhere (x-location), not an attachment."""

    url: str
    title: str | None
    location: str | None


@dataclass
class IcoPage:
    url: str
    title: str | None
    date: str | None           # YYYY-MM-DD: the facts panel's, else article:published_time
    type: str | None           # "Monetary penalties", as the facts panel states it
    sector: str | None
    summary: str | None        # the page's own one-paragraph description
    text: str                  # the body paragraphs
    attachments: list[Attachment] = field(default_factory=list)
    page_id: int | None = None  # DC.PageID, equal to the search API's `id`
    related_links: list[RelatedLink] = field(default_factory=list)
    layout: str = "current"    # "current" | "legacy" | "news": which shape was recognised
    # DC.Date: the CMS save date, not the action's date; used only when nothing better is known
    # (after the listing's date, which the page does not know: see collect.page_document).
    cms_date: str | None = None
    # The facts panel (or the older dt/dd list) as found: {"date": ..., "type": ..., "sector": ...}.
    facts: dict[str, str] = field(default_factory=dict)


# The register's site-wide banner, which older items carry inside the same div.prose as the case
# narrative (SOURCES.md §6). It is page furniture: never part of a document's text.
SITE_NOTICE = ("When searching by date, incorrect results may be produced due to errors with the dates "
               "of some documents added before 31 December 2024.")
_SITE_NOTICE = re.compile(r"\s*When searching by date,? incorrect results may be produced\b[^.]*"
                          r"(?:\.\s*|$)", re.IGNORECASE)


def strip_site_notice(text: str) -> str:
    """The text without the register's "When searching by date, incorrect results…" banner."""
    return _SITE_NOTICE.sub(" ", text).strip() if text else text


_WELSH_TITLE = re.compile(r"\b(welsh|cymraeg)\b", re.IGNORECASE)
_WELSH_FILE = re.compile(r"(^|[-_])cym([-_.]|$)", re.IGNORECASE)
_BODY_SELECTORS = ("div.prose", ".rich-text", "article", "main", "#main-content", "div#content", "body")


def parse_ico_page(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> IcoPage:
    """Parse a detail page of the current layout, the pre-2024 layout, or an ICO news page."""
    html = decode_html(body, headers)
    try:
        soup = BeautifulSoup(html, "lxml")
        for tag in soup(["script", "style", "noscript", "template"]):
            tag.decompose()     # never text, whatever the page puts in them
        return _parse(soup, url)
    except RecursionError:
        raise ParseError("parse_error", f"{url}: page nests too deeply to parse") from None


def _parse(soup: BeautifulSoup, url: str) -> IcoPage:
    page_id = _page_id(soup)
    main = soup.select_one("main#main-content")
    facts = _facts_panel(main) if main is not None else {}
    h1 = main.find("h1") if main is not None else None
    if main is not None and h1 is not None and (facts or main.select_one("div.prose")
                                                 or main.find("further-reading")):
        return _current(soup, main, h1, facts, url, page_id)

    dl_facts = _definition_facts(soup)
    if "date" in dl_facts and soup.find("h1") is not None:
        return _legacy(soup, dl_facts, url, page_id)

    og_title = _meta(soup, property_="og:title")
    published = _meta(soup, property_="article:published_time") or _time_datetime(soup)
    if og_title and published:
        return _news(soup, og_title, published, url, page_id)

    raise LayoutChangedError(f"{url}: neither the current nor the pre-2024 ICO page layout was recognised")


def _current(soup: BeautifulSoup, main: Tag, h1: Tag, facts: dict[str, str], url: str,
             page_id: int | None) -> IcoPage:
    attachments, related = _current_attachments(main, url)
    prose = main.select("div.prose")
    text = _paragraphs(prose) if prose else _paragraphs([main])
    date_value = normalise_date(facts.get("date")) or normalise_date(_meta(soup, property_="article:published_time"))
    return IcoPage(
        url=url,
        title=clean_line(h1.get_text(" ")) or None,
        date=date_value,
        type=facts.get("type"),
        sector=facts.get("sector"),
        summary=_description(soup),
        text=text,
        attachments=attachments,
        page_id=page_id,
        related_links=related,
        layout="current",
        cms_date=normalise_date(_meta(soup, name="DC.Date")),
        facts=facts,
    )


def _current_attachments(main: Tag, url: str) -> tuple[list[Attachment], list[RelatedLink]]:
    """Attachments are the same-site `further-Reading` elements (or plain links) whose path is a
    document, with or without `x-size` (SOURCES.md §6: a notice can come without one). Every
    other `further-Reading` is a related link. Welsh twins are skipped."""
    attachments: list[Attachment] = []
    related: list[RelatedLink] = []
    seen: set[str] = set()
    for element in main.find_all(["further-reading", "a"]):
        is_further = element.name == "further-reading"
        href = safe_url(_attr(element, "x-href" if is_further else "href"), url)
        if href is None:
            continue
        title = clean_line(_attr(element, "x-title") if is_further else element.get_text(" ")) or None
        file_type = document_type(href) if _same_site(href, url) else None
        if file_type is None:
            if is_further:
                related.append(RelatedLink(href, title, clean_line(_attr(element, "x-location")) or None))
            continue
        if href in seen:
            continue
        seen.add(href)
        if _is_welsh(href, title):
            logger.debug("Welsh twin skipped: %s", href)
            continue
        size = _int_or_none(_attr(element, "x-size")) if is_further else None
        attachments.append(Attachment(href, title, size, file_type))
    return attachments, related


def _attr(element: Tag, name: str) -> str | None:
    """An attribute's value as one string (bs4 returns a list for multi-valued attributes)."""
    value = element.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value if isinstance(value, str) else None


def _same_site(href: str, page_url: str) -> bool:
    return urlsplit(href).netloc.lower() == urlsplit(page_url).netloc.lower()


def _legacy(soup: BeautifulSoup, facts: dict[str, str], url: str, page_id: int | None) -> IcoPage:
    container = _first(soup, ("div.article-content", "article", "main", "#main-content", "div#content", "body"))
    attachments: list[Attachment] = []
    seen: set[str] = set()
    for link in (container or soup).find_all("a", href=True):
        href = safe_url(_attr(link, "href"), url)
        file_type = document_type(href) if href is not None and _same_site(href, url) else None
        if href is None or file_type is None or href in seen:
            continue
        title = clean_line(link.get_text(" ")) or None
        if _is_welsh(href, title):
            continue
        seen.add(href)
        attachments.append(Attachment(href, title, None, file_type))
    h1 = (container.find("h1") if container else None) or soup.find("h1")
    return IcoPage(
        url=url,
        title=clean_line(h1.get_text(" ")) if h1 else None,
        date=normalise_date(facts.get("date")),
        type=facts.get("type"),
        sector=facts.get("sector"),
        summary=_description(soup),
        text=_paragraphs([container] if container else [soup]),
        attachments=attachments,
        page_id=page_id,
        layout="legacy",
        cms_date=normalise_date(_meta(soup, name="DC.Date")),
        facts=facts,
    )


def _news(soup: BeautifulSoup, og_title: str, published: str, url: str, page_id: int | None) -> IcoPage:
    title = re.sub(r"\s*\|\s*ICO\s*$", "", clean_line(html_to_text(og_title)))
    container = _first(soup, _BODY_SELECTORS)
    return IcoPage(
        url=url,
        title=title or None,
        date=normalise_date(published),
        type=None,
        sector=None,
        summary=_description(soup),
        text=_paragraphs([container] if container else [soup]),
        attachments=[],
        page_id=page_id,
        layout="news",
    )


def _facts_panel(main: Tag) -> dict[str, str]:
    """`ul li > span(label) + strong(value)` → {"date": "28 May 2026", "type": ..., "sector": ...}."""
    facts: dict[str, str] = {}
    for li in main.select("ul li"):
        label = li.find("span", recursive=False)
        value = li.find("strong", recursive=False)
        if label is None or value is None:
            continue
        key = clean_line(label.get_text(" ")).rstrip(":").lower()
        if key in ("date", "type", "sector") and key not in facts:
            facts[key] = clean_line(value.get_text(" "))
    return facts


def _definition_facts(soup: BeautifulSoup) -> dict[str, str]:
    facts: dict[str, str] = {}
    for dt in soup.select("dl dt"):
        dd = dt.find_next_sibling("dd")
        if dd is None:
            continue
        key = clean_line(dt.get_text(" ")).rstrip(":").lower()
        if key in ("date", "type", "sector") and key not in facts:
            facts[key] = clean_line(dd.get_text(" "))
    return facts


def _paragraphs(containers: list[Tag]) -> str:
    """The text of the <p> (and list items) inside the containers, one paragraph per block."""
    blocks: list[str] = []
    for container in containers:
        for element in container.find_all(["p", "li"]):
            if element.name == "li" and (element.find("p") or element.find_parent(["nav", "footer", "header"])):
                continue
            if element.find_parent(["nav", "footer", "header", "aside", "form"]):
                continue
            if element.find_parent("ul", class_="text-sm"):
                continue   # the facts panel, already read
            text = strip_site_notice(clean_line(element.get_text(" ")))
            if text and _is_link_only(element, text):
                continue   # "Download the notice (PDF)", "Print this page": links, not prose
            if text and (not blocks or blocks[-1] != text):
                blocks.append(text)
    return clean_text("\n\n".join(blocks))


def _is_link_only(element: Tag, text: str) -> bool:
    link_text = clean_line(" ".join(a.get_text(" ") for a in element.find_all("a")))
    return bool(link_text) and len(link_text) >= 0.7 * len(text)


def _description(soup: BeautifulSoup) -> str | None:
    value = _meta(soup, property_="og:description") or _meta(soup, name="description")
    return strip_site_notice(html_to_text(value)) or None


def _meta(soup: BeautifulSoup, *, name: str | None = None, property_: str | None = None) -> str | None:
    if name is not None:
        tag = soup.find("meta", attrs={"name": re.compile(f"^{re.escape(name)}$", re.IGNORECASE)})
    else:
        tag = soup.find("meta", attrs={"property": property_ or ""})
    if not isinstance(tag, Tag):
        return None
    content = tag.get("content")
    return content.strip() if isinstance(content, str) and content.strip() else None


def _time_datetime(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    return _attr(tag, "datetime") if isinstance(tag, Tag) else None


def _page_id(soup: BeautifulSoup) -> int | None:
    return _int_or_none(_meta(soup, name="DC.PageID"))


def _first(soup: BeautifulSoup, selectors: tuple[str, ...]) -> Tag | None:
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None:
            return found
    return None


def _is_welsh(href: str, title: str | None) -> bool:
    filename = unquote(urlsplit(href).path.rsplit("/", 1)[-1])
    return bool((title and _WELSH_TITLE.search(title)) or _WELSH_FILE.search(filename))


def _int_or_none(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


__all__ = ["IcoPage", "Attachment", "RelatedLink", "parse_ico_page", "strip_site_notice", "SITE_NOTICE"]
