"""Rebuild Documents from one archived response: what `enforcement-monitor reparse` runs.

Each RawRecord names the parser its body needs and carries what the collector knew when it
fetched it (the listing facts, the feed item). Giving today's parsers the same bytes and the
same context yields the documents a run would make today, so a parser fix reaches history.
Listing pages yield no documents of their own; the pages and PDFs they led to are their own
records.
"""
from __future__ import annotations

import logging
from typing import Any

from pipeline.collect import RawRecord
from pipeline.collect.feed import article_document, item_document, select_items
from pipeline.collect.ico_search_api import notice_document, page_document
from pipeline.models import Document
from pipeline.parsers.article import extract_article
from pipeline.parsers.errors import ParseError
from pipeline.parsers.feed import FeedItem, read_feed
from pipeline.parsers.ico_page import parse_ico_page
from pipeline.parsers.ico_search_api import ListingItem
from pipeline.parsers.notice_pdf import pdf_text

logger = logging.getLogger(__name__)


def documents_from_raw(record: RawRecord, body: bytes) -> list[Document]:
    """The documents one archived response yields. Raises ParseError if the body is unreadable
    (and ValueError for a record whose parser is unknown)."""
    context = record.context or {}
    headers = {"content-type": record.content_type} if record.content_type else {}
    if record.parser == "ico_search_api":
        return []
    if record.parser == "ico_page":
        item = ListingItem(**context["listing"])
        page = parse_ico_page(body, url=record.url, headers=headers)
        return [page_document(item, page, kind=context.get("document_kind", "enforcement_page"),
                              source_id=record.source, fetched_at=record.fetched_at,
                              raw_sha256=record.sha256)]
    if record.parser == "notice_pdf":
        return [notice_document(pdf_text(body), url=record.url, context=context, source_id=record.source,
                                fetched_at=record.fetched_at, raw_sha256=record.sha256)]
    if record.parser == "feed":
        return _feed_documents(record, body, context, headers)
    if record.parser == "article":
        item = FeedItem(**context["item"])
        if context.get("from_feed"):
            return [item_document(item, source_id=record.source, outlet=context.get("outlet"),
                                  fetched_at=record.fetched_at, raw_sha256=record.sha256,
                                  feed_url=context.get("feed_url"))]
        article = extract_article(body, url=record.url, headers=headers)
        return [article_document(item, article, context=context, source_id=record.source,
                                 fetched_at=record.fetched_at, raw_sha256=record.sha256,
                                 final_url=context.get("final_url"))]
    raise ValueError(f"unknown parser {record.parser!r} for {record.url}")


def _feed_documents(record: RawRecord, body: bytes, context: dict[str, Any],
                    headers: dict[str, str]) -> list[Document]:
    """A feed yields documents only for items whose text came from the feed itself: all of them
    when the source does not fetch articles, otherwise the items without a link."""
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


__all__ = ["documents_from_raw"]
