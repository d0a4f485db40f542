"""Press feeds (RSS, Atom, Google News RSS): feed → relevant items → article pages → Documents.

The feed is fetched with a conditional GET; a 304 (or the same bytes as last time) means nothing
new, and nothing else is fetched, bar the relevant items that were never collected (an article
that failed last time is retried from the archived feed). Otherwise items are filtered for relevance (feeds.yaml
`relevance_terms`), capped at `max_items`, and each relevant item's page is fetched
(conditionally) and its main text extracted. When the page cannot give us the story, because
`fetch_articles` is off, the item has no link, or a Google News link did not resolve to the
publisher, the feed's own title and summary are stored instead, with a warning.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pipeline.collect import ItemFailure, RawRecord, SourceResult
from pipeline.collect.relevance import is_relevant
from pipeline.models import Document
from pipeline.parsers import feed as feed_parser
from pipeline.parsers.article import ArticleText, extract_article
from pipeline.parsers.errors import ParseError
from pipeline.parsers.feed import FeedItem, read_feed
from pipeline.parsers.text import clean_text

if TYPE_CHECKING:
    from pipeline.fetch import Fetcher, Response
    from pipeline.sources import Source

logger = logging.getLogger(__name__)


def collect(source: "Source", fetcher: "Fetcher") -> SourceResult:
    """Collect one feed source. See the module docstring."""
    from pipeline.fetch import FetchError

    result = SourceResult(source=source.id)
    try:
        response = fetcher.get(source.url, delay_seconds=source.delay_seconds, conditional=True)
    except FetchError as exc:
        return result.fail(exc.error_class, f"feed unreachable: {exc}")
    if response.not_modified or response.unchanged:
        result.unchanged.append(source.url)
        _retry_items_never_collected(source, fetcher, response, result)
        return result

    context = feed_context(source)
    result.keep_raw(response, parser="feed", context=context)
    try:
        parsed = read_feed(response.body, url=source.url, headers=response.headers)
    except ParseError as exc:
        return result.fail(exc.error_class, exc.message)
    for warning in parsed.warnings:
        result.warnings.append(warning)

    items = select_items(parsed.items, context, result)
    result.seen = len(items)
    if not parsed.items:
        result.warn(f"{source.url}: the feed has no items")
    for item in items:
        if not source.fetch_articles or item.url is None:
            result.documents.append(item_document(item, source_id=source.id, outlet=source.outlet,
                                                  fetched_at=response.fetched_at, raw_sha256=response.sha256,
                                                  feed_url=source.url))
            continue
        _collect_article_safely(source, fetcher, item, result)
    return result


def _collect_article_safely(source: "Source", fetcher: "Fetcher", item: FeedItem, result: SourceResult) -> None:
    try:
        _collect_article(source, fetcher, item, result)
    except Exception as exc:  # a parser bug on one article must not lose the others
        logger.exception("source %s: unexpected error on %s", source.id, item.url)
        result.failures.append(ItemFailure(item.url or source.url, "parser_crashed", f"{type(exc).__name__}: {exc}"))


def _retry_items_never_collected(source: "Source", fetcher: "Fetcher", response: "Response",
                                 result: SourceResult) -> None:
    """An unchanged feed brings nothing new, but an article that failed last time (a 503, a
    timeout) was never stored, while the feed's own validators were. Without this, the failed
    item would never be fetched again. So the feed we already have is re-read from the archive
    (no request) and only the relevant items the fetcher holds no validators for are fetched;
    when every item was collected before, nothing else is fetched at all."""
    if not source.fetch_articles:
        return
    body = response.body if response.unchanged else _archived_body(fetcher, response.sha256)
    if not body:
        logger.info("source %s: feed not modified; nothing fetched", source.id)
        return
    try:
        parsed = read_feed(body, url=source.url, headers=response.headers)
    except ParseError:
        return
    pending = [item for item in select_items(parsed.items, feed_context(source))
               if item.url is not None and not has_stored_state(fetcher, item.url)]
    if not pending:
        logger.info("source %s: feed not modified; nothing fetched", source.id)
        return
    result.warn(f"feed not modified; retrying {len(pending)} item(s) not collected before")
    result.seen = len(pending)
    for item in pending:
        _collect_article_safely(source, fetcher, item, result)


def _archived_body(fetcher: "Fetcher", sha256: str | None) -> bytes | None:
    if not sha256:
        return None
    try:
        return fetcher.archive.get(sha256)
    except Exception:  # missing or unreadable archive file: behave as "nothing to retry"
        logger.warning("archived body %s is not readable", sha256[:12])
        return None


def has_stored_state(fetcher: "Fetcher", url: str) -> bool:
    """Whether `url` was fetched successfully before (the fetcher holds validators for it)."""
    return fetcher.known_state(url) is not None


def select_items(items: list[FeedItem], context: dict[str, Any], result: SourceResult | None = None) -> list[FeedItem]:
    """The relevant items, capped at max_items (with a warning when the cap bites)."""
    terms = tuple(context.get("relevance_terms") or ())
    relevant = [i for i in items if is_relevant((i.title, i.summary), terms)]
    logger.info("%d of %d feed items are relevant", len(relevant), len(items))
    max_items = int(context.get("max_items") or len(relevant) or 1)
    if len(relevant) > max_items:
        if result is not None:
            result.warn(f"{len(relevant)} relevant items; only the first {max_items} (max_items) are collected")
        relevant = relevant[:max_items]
    return relevant


def _collect_article(source: "Source", fetcher: "Fetcher", item: FeedItem, result: SourceResult) -> None:
    from pipeline.fetch import FetchError

    url = item.url or ""
    try:
        response = fetcher.get(url, delay_seconds=source.delay_seconds, conditional=True)
    except FetchError as exc:
        result.failures.append(ItemFailure(url, exc.error_class, str(exc)))
        return
    if response.not_modified or response.unchanged:
        result.unchanged.append(url)
        return
    unresolved = (urlsplit(response.final_url or url).hostname or "") == feed_parser.GOOGLE_NEWS_HOST
    context = article_context(source, item, from_feed=unresolved)
    context["final_url"] = response.final_url
    result.keep_raw(response, parser="article", context=context)
    if unresolved:
        result.warn(f"{url}: Google News link did not resolve to the publisher; "
                    f"storing the feed's title and summary")
        result.documents.append(item_document(item, source_id=source.id, outlet=source.outlet,
                                              fetched_at=response.fetched_at, raw_sha256=response.sha256))
        return
    try:
        article = extract_article(response.body, url=response.final_url or url, headers=response.headers)
    except ParseError as exc:
        result.failures.append(ItemFailure(url, exc.error_class, exc.message))
        logger.warning("source %s: %s", source.id, exc)
        return
    result.documents.append(article_document(item, article, context=context, source_id=source.id,
                                             fetched_at=response.fetched_at, raw_sha256=response.sha256,
                                             final_url=response.final_url))


# -- Documents: built here for a run, and by collect.replay for `reparse` -----------------------

def feed_context(source: "Source") -> dict[str, Any]:
    """What replaying a feed body needs to know about its source."""
    return {"outlet": source.outlet, "fetch_articles": source.fetch_articles,
            "relevance_terms": list(source.relevance_terms), "max_items": source.max_items,
            "feed_url": source.url}


def article_context(source: "Source", item: FeedItem, *, from_feed: bool) -> dict[str, Any]:
    return {"item": asdict(item), "outlet": source.outlet, "feed_url": source.url, "from_feed": from_feed}


def item_url(item: FeedItem, feed_url: str) -> str:
    """A document identity for the item: its link, or a stable key under the feed URL."""
    return item.url or f"{feed_url}#{item.guid}"


def item_document(item: FeedItem, *, source_id: str, outlet: str | None, fetched_at: str,
                  raw_sha256: str | None, feed_url: str | None = None) -> Document:
    """A document made of the feed item alone (headline and summary)."""
    text = clean_text("\n\n".join(part for part in (item.title, item.summary) if part))
    return Document(
        url=item_url(item, feed_url or ""), source=source_id, kind="article", title=item.title or None,
        text=text, published=item.published, fetched_at=fetched_at, outlet=outlet or item.outlet,
        raw_sha256=raw_sha256, metadata={"feed_guid": item.guid, "text_from": "feed"},
    )


def article_document(item: FeedItem, article: ArticleText, *, context: dict[str, Any], source_id: str,
                     fetched_at: str, raw_sha256: str | None, final_url: str | None = None) -> Document:
    """A document made of the article page's main text; the feed's facts win where stated."""
    metadata: dict[str, Any] = {"feed_guid": item.guid, "text_from": "article"}
    if final_url and final_url != item.url:
        metadata["final_url"] = final_url
    return Document(
        url=item.url or item_url(item, context.get("feed_url") or ""), source=source_id, kind="article",
        title=item.title or article.title, text=article.text,
        published=item.published or article.published, fetched_at=fetched_at,
        outlet=context.get("outlet") or item.outlet or article.outlet,
        raw_sha256=raw_sha256, metadata=metadata,
    )


# -- The registration's parts (collect.kinds): feeds.yaml fields, replay, the canary ------------

def check(source: "Source", fetcher: "Fetcher") -> str:
    """The canary for a feed: it parses, it has items, and the items have titles and links."""
    from pipeline.collect.canary import ShapeChanged

    response = fetcher.get(source.url, delay_seconds=source.delay_seconds, conditional=False)
    parsed = read_feed(response.body, url=source.url, headers=response.headers)
    if not parsed.items:
        raise ShapeChanged("extraction_empty", f"{source.url}: the feed has no items")
    if not any(item.title for item in parsed.items):
        raise ShapeChanged("layout_changed", f"{source.url}: no item has a title")
    if source.fetch_articles and not any(item.url for item in parsed.items):
        raise ShapeChanged("layout_changed", f"{source.url}: no item has a link")
    return f"{len(parsed.items)} items"



def options(read: Any, entry: Mapping[str, Any]) -> dict[str, Any]:
    """The feeds.yaml fields of a feed source, validated."""
    return {"outlet": read("outlet", str, None), "fetch_articles": read("fetch_articles", bool, True)}


def replay_feed(record: RawRecord, body: bytes) -> list[Document]:
    """A feed yields documents only for items whose text came from the feed itself: all of them
    when the source does not fetch articles, otherwise the items without a link."""
    context = record.context or {}
    headers = {"content-type": record.content_type} if record.content_type else {}
    feed_url = context.get("feed_url") or record.url
    try:
        parsed = read_feed(body, url=feed_url, headers=headers)
    except ParseError:
        logger.warning("archived feed %s is unreadable with today's parser", record.url)
        raise
    documents = []
    for item in select_items(parsed.items, context):
        if context.get("fetch_articles", True) and item.url is not None:
            continue
        documents.append(item_document(item, source_id=record.source, outlet=context.get("outlet"),
                                       fetched_at=record.fetched_at, raw_sha256=record.sha256,
                                       feed_url=feed_url))
    return documents


def replay_article(record: RawRecord, body: bytes) -> list[Document]:
    context = record.context or {}
    headers = {"content-type": record.content_type} if record.content_type else {}
    item = FeedItem(**context["item"])
    if context.get("from_feed"):
        return [item_document(item, source_id=record.source, outlet=context.get("outlet"),
                              fetched_at=record.fetched_at, raw_sha256=record.sha256,
                              feed_url=context.get("feed_url"))]
    article = extract_article(body, url=record.url, headers=headers)
    return [article_document(item, article, context=context, source_id=record.source,
                             fetched_at=record.fetched_at, raw_sha256=record.sha256,
                             final_url=context.get("final_url"))]


__all__ = ["collect", "select_items", "feed_context", "article_context", "item_document",
           "article_document", "item_url", "options", "replay_feed", "replay_article"]
