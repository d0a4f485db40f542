"""A press article page → its main text, with trafilatura.

Only the story: no navigation, related-article lists, comments, "Previous post / Next post"
links, newsletter boxes or footers. Those leak into naive extraction (the seed articles in the
corpus show it) and then feed the extractor organisations and amounts from other stories.
trafilatura does most of the work; a short list of known trailing boilerplate lines is cut
afterwards, and when trafilatura finds nothing, the <p> paragraphs of the article body (read
with lxml, whose parser caps nesting depth) are the fallback.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

import trafilatura
from lxml import etree, html as lxml_html

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
    r"comments are (closed|disabled)\.?|got a (news )?tip( on this story)?\?.*|"
    r"share (this|on) .{0,30}|advertisement|skip to (main )?content|cookie(s)? (policy|settings).*)$",
    re.IGNORECASE,
)
# Consent and cookie banners sit at the top of the page, so trafilatura tends to keep them as
# the story's first paragraph; they are removed before extraction.
_PRUNE_XPATH = [
    "//*[contains(translate(@id, 'CONSENT', 'consent'), 'consent')]",
    "//*[contains(translate(@class, 'CONSENT', 'consent'), 'consent')]",
    "//*[contains(translate(@id, 'COOKIE', 'cookie'), 'cookie')]",
    "//*[contains(translate(@class, 'COOKIE', 'cookie'), 'cookie')]",
]
_BOILERPLATE_HINT = re.compile(
    r"comment|related|share|social|footer|nav|menu|sidebar|newsletter|promo|advert|breadcrumb|"
    r"cookie|subscribe|signup|popular|recommend|tags?$|byline-social",
    re.IGNORECASE,
)


def extract_article(body: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ArticleText:
    """Extract an article's title, main text, date and outlet.

    Raises ParseError("extraction_empty") when no text at all can be found.
    """
    html = decode_html(body, headers)
    meta = _page_meta(html, url)
    text = ""
    title = published = outlet = None
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
            prune_xpath=_PRUNE_XPATH,
        )
    except (RecursionError, ValueError, TypeError) as exc:  # deep or odd trees; fall back below
        logger.warning("trafilatura failed on %s (%s); using paragraph fallback", url, type(exc).__name__)
        document = None
    if document is not None:
        text = getattr(document, "text", None) or ""
        title = getattr(document, "title", None)
        published = getattr(document, "date", None)
        outlet = getattr(document, "sitename", None)

    text = _trim_boilerplate(_drop_leading_title(text, meta.get("title") or title))
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
    tree = _tree(html)
    if tree is None:
        return {}

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            value = value if isinstance(value, str) else value.text_content()
            if value and value.strip():
                return value.strip()
        return None

    return {
        "title": first("//meta[@property='og:title']/@content") or first("//h1"),
        "published": first("//meta[@property='article:published_time']/@content") or first("//time/@datetime"),
        "outlet": first("//meta[@property='og:site_name']/@content"),
    }


def _tree(html: str):
    """An lxml tree of the page, or None. lxml (libxml2) caps nesting depth, so a page of
    100,000 nested <div>s parses in milliseconds instead of hanging a tree walker."""
    try:
        return lxml_html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return None


def _drop_leading_title(text: str, title: str | None) -> str:
    """trafilatura sometimes starts the text with the headline; the title is stored apart."""
    if not title:
        return text
    first, _, rest = clean_text(text).partition("\n")
    return rest if clean_line(first) == clean_line(title) else text


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
    """The <p> text of the article (or main, or body), after dropping page furniture."""
    tree = _tree(html)
    if tree is None:
        return ""
    for element in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form|"
                              "//iframe|//template|//svg"):
        element.drop_tree()
    for element in tree.xpath("//*[@id or @class]"):
        hint = f"{element.get('id') or ''} {element.get('class') or ''}".strip()
        if _BOILERPLATE_HINT.search(hint) and element.getparent() is not None:
            element.drop_tree()
    containers = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    paragraphs = [clean_line(p.text_content()) for p in containers[0].iter("p")]
    return "\n\n".join(p for p in paragraphs if p)


__all__ = ["ArticleText", "extract_article"]
