"""A press article page → its main text, with trafilatura.

Only the story: no navigation, related-article lists, comments, "Previous post / Next post"
links, newsletter boxes or footers. Those leak into naive extraction (the seed articles in the
corpus show it) and then feed the extractor organisations and amounts from other stories.
trafilatura does most of the work; a short list of known trailing boilerplate lines is cut
afterwards, and when trafilatura finds nothing, BeautifulSoup paragraphs from the article body
are the fallback.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

import trafilatura
from bs4 import BeautifulSoup

from pipeline.parsers.errors import ParseError
from pipeline.parsers.text import clean_line, clean_text, decode_html, normalise_date

logger = logging.getLogger(__name__)


@dataclass
class ArticleText:
    title: str | None
    text: str
    published: str | None      # YYYY-MM-DD
    outlet: str | None         # og:site_name / the site's own name


# A line that starts the page furniture after a story: everything from it on is dropped.
_TAIL_MARKERS = re.compile(
    r"^(related (articles|stories|posts|content)|leave a (reply|comment)|previous (post|article)\b|"
    r"next (post|article)\b|more on this story|you may also like|read more:?$|comments?$|"
    r"share this (article|story)|want news like this|sign up (to|for) our newsletter|"
    r"most read|recommended for you)",
    re.IGNORECASE,
)
# A single boilerplate line, dropped wherever it appears.
_JUNK_LINE = re.compile(
    r"^(your email address will not be published\.?.*|required fields are marked.*|"
    r"share (this|on) .{0,30}|advertisement|skip to (main )?content|cookie(s)? (policy|settings).*)$",
    re.IGNORECASE,
)
_BOILERPLATE_HINT = re.compile(
    r"comment|related|share|social|footer|nav|menu|sidebar|newsletter|promo|advert|breadcrumb|"
    r"cookie|subscribe|signup|popular|recommend|tags?$|byline-social",
    re.IGNORECASE,
)


def extract_article(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ArticleText:
    """Extract an article's title, main text, date and outlet.

    Raises ParseError("extraction_empty") when no text at all can be found, and
    ParseError("parse_error") when the HTML cannot be parsed (e.g. absurdly deep nesting).
    """
    html = decode_html(body, headers)
    meta = _page_meta(html, url)
    text = ""
    title = published = outlet = None
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
        )
    except (RecursionError, ValueError, TypeError) as exc:  # deep or odd trees; fall back below
        logger.warning("trafilatura failed on %s (%s); using paragraph fallback", url, type(exc).__name__)
        document = None
    if document is not None:
        text = getattr(document, "text", None) or ""
        title = getattr(document, "title", None)
        published = getattr(document, "date", None)
        outlet = getattr(document, "sitename", None)

    text = _trim_boilerplate(text)
    if not text:
        text = _trim_boilerplate(_paragraph_fallback(html, url))
    if not text:
        raise ParseError("extraction_empty", f"{url}: no article text found")
    return ArticleText(
        title=clean_line(meta.get("title") or title) or None,
        text=text,
        published=normalise_date(meta.get("published")) or normalise_date(published),
        outlet=clean_line(meta.get("outlet") or outlet) or None,
    )


def _page_meta(html: str, url: str) -> dict[str, str | None]:
    """The facts a page states outright in its <head>: these beat anything guessed."""
    try:
        soup = BeautifulSoup(html[:300_000], "lxml")
    except RecursionError:
        return {}
    def meta(**attrs: str) -> str | None:
        tag = soup.find("meta", attrs=attrs)
        value = tag.get("content") if tag is not None else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    title = meta(property="og:title")
    if title is None:
        h1 = soup.find("h1")
        title = h1.get_text(" ") if h1 is not None else None
    time_tag = soup.find("time", attrs={"datetime": True})
    published = meta(property="article:published_time") or (time_tag["datetime"] if time_tag else None)
    return {"title": title, "published": published, "outlet": meta(property="og:site_name")}


def _trim_boilerplate(text: str) -> str:
    kept: list[str] = []
    for line in clean_text(text).split("\n"):
        stripped = line.strip()
        if _TAIL_MARKERS.match(stripped):
            break
        if _JUNK_LINE.match(stripped):
            continue
        kept.append(line)
    return clean_text("\n".join(kept))


def _paragraph_fallback(html: str, url: str) -> str:
    try:
        soup = BeautifulSoup(html, "lxml")
        for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                         "iframe", "template", "svg"]):
            tag.decompose()
        for tag in soup.find_all(True):
            if tag.decomposed:
                continue
            hint = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
            if hint and _BOILERPLATE_HINT.search(hint):
                tag.decompose()
        container = soup.find("article") or soup.find("main") or soup.body or soup
        paragraphs = [clean_line(p.get_text(" ")) for p in container.find_all("p")]
    except RecursionError:
        raise ParseError("parse_error", f"{url}: page nests too deeply to parse") from None
    return "\n\n".join(p for p in paragraphs if p)


__all__ = ["ArticleText", "extract_article"]
