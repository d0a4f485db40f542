"""The ICO search API sources (enforcement register, news): listing → detail pages → notice PDFs.

Each run walks every listing page (the order follows the item date, not the publish stamp, so
the walk cannot stop early; the register is ~9 pages), then fetches each item's detail page
with a conditional GET. A page that answers 304 (or the same bytes) is unchanged: nothing is
parsed and its PDFs are not fetched again. A changed or new page is parsed, and each of its
notice PDFs (Welsh twins excluded) is fetched and turned into a `notice` document.

A detail page is not even asked for when the listing says it was not revised since we last
checked it (the listing's `createdDateTime` is the CMS revision stamp) and tonight is not its
revalidation night. At the ICO's 6 s crawl delay this turns a quiet night's conditional requests
(~3,000 pages, ~5 hours) into the listing requests. The weekly revalidation, which catches a
revision the stamp did not show, is spread by a hash of the URL over the seven nights of the
week (`revalidation_night`), so it never comes due all at once.

The register is read whole (the API's `totalPages`, not a fixed page cap), and a first full
crawl larger than one night's time budget resumes across nights: before each item the
collector checks the run's remaining time (`Fetcher.time_left`, set by `run --max-minutes`)
and stops cleanly between items, so what it stored is whole. An item whose attachment could
not be fetched leaves its page's validators unadvanced (`SourceResult.incomplete`), so the
page, and through it the attachment, is asked for again next night; items already stored are
skipped without a request, so nothing whole is fetched twice.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from pipeline.collect import ItemFailure, RawRecord, SourceResult
from pipeline.collect.relevance import is_relevant
from pipeline.models import Document
from pipeline.names import without_law_after_dash
from pipeline.parsers.attachments import READABLE_TYPES, SKIP_REASONS, attachment_text
from pipeline.parsers.errors import LayoutChangedError, ParseError
from pipeline.parsers.ico_page import Attachment, IcoPage, parse_ico_page
from pipeline.parsers.ico_search_api import ListingItem, parse_search_page
from pipeline.parsers.text import clean_text
from pipeline.sources import ICO_REGISTERS

if TYPE_CHECKING:
    from pipeline.fetch import Fetcher
    from pipeline.sources import Source

logger = logging.getLogger(__name__)

PDF_MAX_BYTES = 25 * 1024 * 1024
# The RawRecord.parser for each readable attachment type (replayed by the functions below).
NOTICE_PARSERS = {"pdf": "notice_pdf", "docx": "notice_docx"}
REVALIDATE_AFTER = timedelta(days=7)
REVALIDATION_NIGHTS = 7
# Time kept in hand before starting an item: a detail page and up to three attachments, each
# after the source's delay, plus a second for the work itself.
ITEM_RESERVE_REQUESTS = 4
ORDERS = ("newest", "oldest")
MAX_PAGES = 2000        # 50,000 items: a safety stop far above the register, never its size
MAX_ITEMS = 50_000


def collect(source: "Source", fetcher: "Fetcher") -> SourceResult:
    """Collect one ICO register. See the module docstring for the walk."""
    result = SourceResult(source=source.id)
    register = ICO_REGISTERS.get(source.root_page_id or -1)
    if register is None:
        return result.fail("config_error", f"unknown ICO register root_page_id {source.root_page_id!r}")

    items = _walk_listing(source, fetcher, register, result)
    if result.fatal:
        return result
    if source.relevance_terms:
        before = len(items)
        items = [i for i in items if is_relevant((i.title, i.description), source.relevance_terms)]
        logger.info("source %s: %d of %d listing items are relevant", source.id, len(items), before)
    if len(items) > source.max_items:
        result.warn(f"{len(items)} items listed; only the first {source.max_items} (max_items) are collected")
        items = items[: source.max_items]
    result.seen = len(items)
    if not items and result.cut_short:   # the budget ran out before page 1: nothing is wrong
        return result
    if not items:
        return result.fail("extraction_empty", f"{source.url}: the search API listed no items for "
                                               f"rootPageId {source.root_page_id}")

    layout_failures = processed = 0
    attachments_seen: set[str] = set()   # an EN and an MPN page can share one PDF: fetch it once
    reserve = ITEM_RESERVE_REQUESTS * source.delay_seconds + 1.0
    for position, item in enumerate(items):
        time_left = _time_left(fetcher)
        if time_left is not None and time_left < reserve:
            result.stop_for_budget(f"time budget spent: {len(items) - position} of {len(items)} items left for the "
                        f"next run")
            break
        processed += 1
        try:
            error_class = _collect_item(source, fetcher, register["document_kind"], item, result,
                                        attachments_seen)
        except Exception as exc:  # a parser bug on one page must not lose the other items
            logger.exception("source %s: unexpected error on %s", source.id, item.url)
            result.failures.append(ItemFailure(item.url, "parser_crashed", f"{type(exc).__name__}: {exc}"))
            error_class = "parser_crashed"
        if error_class == "layout_changed":
            layout_failures += 1
    if processed and layout_failures == processed:
        result.fail("layout_changed", f"no detail page of {source.label} has a known layout "
                                      f"({layout_failures} of {processed} failed)")
    return result


def _time_left(fetcher: "Fetcher") -> float | None:
    """Seconds left in the run's time budget, or None when the run has none."""
    time_left = getattr(fetcher, "time_left", None)
    return time_left() if callable(time_left) else None


def _walk_listing(source: "Source", fetcher: "Fetcher", register: dict[str, Any],
                  result: SourceResult) -> list[ListingItem]:
    """Every listing item, by URL. Walks order "newest"; if some pages came back empty while
    fewer rows than `totalResults` were seen (the API's paging holes), walks "oldest" too."""
    from pipeline.fetch import FetchError

    by_url: dict[str, ListingItem] = {}
    rows_seen = 0
    dropped = 0
    gap: str | None = None   # a hole in order=newest, filled (or not) by walking order=oldest
    total_results: int | None = None
    for order in ORDERS:
        holes = 0
        total_pages: int | None = None
        page_number = 1
        while page_number <= source.max_pages and (total_pages is None or page_number <= total_pages):
            time_left = _time_left(fetcher)
            if time_left is not None and time_left < source.delay_seconds + 1.0:
                result.stop_for_budget(f"time budget spent while listing ({order}, page {page_number}); the rest is "
                            f"listed next run")
                return list(by_url.values())
            payload = {"filters": [], "pageNumber": page_number, "order": order,
                       "rootPageId": source.root_page_id}
            where = f"{source.url} (order={order}, page {page_number})"
            try:
                response = fetcher.post_json(source.url, payload, delay_seconds=source.delay_seconds)
            except FetchError as exc:
                if order == ORDERS[0] and page_number == 1:
                    if exc.error_class == "robots_disallowed":   # one plain sentence, not a trace
                        from pipeline.collect.canary import robots_sentence

                        result.fail(exc.error_class, robots_sentence(source, exc.url))
                    else:
                        result.fail(exc.error_class, f"search API unreachable: {exc}")
                    return []
                result.failures.append(ItemFailure(where, exc.error_class, str(exc)))
                page_number += 1
                continue
            result.keep_raw(response, parser="ico_search_api",
                            context={"root_page_id": source.root_page_id, "order": order,
                                     "page_number": page_number})
            try:
                page = parse_search_page(response.body, base_url=source.url,
                                         url_prefixes=register["url_prefixes"])
            except LayoutChangedError as exc:
                result.fail("layout_changed", f"{where}: {exc.message}")
                return []
            if page.total_pages is not None:
                total_pages = page.total_pages
            if page.total_results is not None:
                total_results = page.total_results
            if not page.items and not page.dropped:
                holes += 1
                if page.total_pages is None:
                    break    # no pagination to go by: an empty page is the end
            if order == ORDERS[0]:
                rows_seen += len(page.items) + page.dropped
                dropped += page.dropped
            for item in page.items:
                by_url.setdefault(item.url, item)
            page_number += 1
        if total_pages is not None and total_pages > source.max_pages:
            result.warn(f"the API reports {total_pages} pages; only {source.max_pages} (max_pages) were read")
        if order == ORDERS[0]:
            if holes and total_results is not None and rows_seen < total_results:
                # The live API does this (an empty page mid-listing); reading the other order is the
                # cure, so it is information, and only a gap that stays open is a warning.
                gap = (f"{holes} empty page(s) in order=newest with {rows_seen} of {total_results} "
                       f"rows seen")
                logger.info("source %s: %s; walking order=oldest too", source.id, gap)
                continue
            break
    if gap is not None and total_results is not None:
        found = len(by_url) + dropped
        if found >= total_results:
            logger.info("source %s: the paging gap was filled from order=oldest: all %d rows found",
                        source.id, total_results)
        else:
            result.warn(f"{gap}; after walking order=oldest too, {found} of {total_results} rows found")
    return list(by_url.values())


def _collect_item(source: "Source", fetcher: "Fetcher", kind: str, item: ListingItem,
                  result: SourceResult, attachments_seen: set[str]) -> str | None:
    """Fetch and parse one detail page and its PDFs. Returns the error class if the page failed."""
    from pipeline.fetch import FetchError

    if not_revised_since_checked(fetcher, item):
        result.unchanged.append(item.url)
        return None
    try:
        response = fetcher.get(item.url, delay_seconds=source.delay_seconds, conditional=True)
    except FetchError as exc:
        result.failures.append(ItemFailure(item.url, exc.error_class, str(exc)))
        return exc.error_class
    if response.not_modified or response.unchanged:
        result.unchanged.append(item.url)
        return None
    context = {"document_kind": kind, "listing": asdict(item)}
    result.keep_raw(response, parser="ico_page", context=context)
    try:
        page = parse_ico_page(response.body, url=item.url, headers=response.headers)
    except ParseError as exc:
        result.failures.append(ItemFailure(item.url, exc.error_class, exc.message))
        logger.warning("source %s: %s", source.id, exc)
        return exc.error_class
    document = page_document(item, page, kind=kind, source_id=source.id,
                             fetched_at=response.fetched_at, raw_sha256=response.sha256)
    result.documents.append(document)
    for attachment in page.attachments:
        if attachment.file_type not in READABLE_TYPES:
            continue     # recorded on the page document (attachments_skipped); never fetched
        if attachment.url in attachments_seen:
            logger.info("source %s: %s already collected from another page", source.id, attachment.url)
            continue
        attachments_seen.add(attachment.url)
        if not _collect_notice(source, fetcher, document, attachment, result):
            # Ask for the page again next run, so the attachment is retried with it.
            result.incomplete.add(item.url)
    return None


def not_revised_since_checked(fetcher: "Fetcher", item: ListingItem, *,
                              now: datetime | None = None) -> bool:
    """Whether the page can be skipped without a request: the listing's revision stamp predates
    our last check of it, and tonight is not its revalidation night."""
    state = fetcher.known_state(item.url)
    if state is None:
        return False
    revised, checked = _instant(item.created), _instant(state.last_checked)
    if revised is None or checked is None:
        return False
    now = now or datetime.now(timezone.utc)
    return revised < checked and not revalidation_due(item.url, checked, now)


def revalidation_night(url: str) -> int:
    """The night of the week (0-6) a page is revalidated on: a hash of its URL, so that ~1/7 of
    the register comes due each night instead of all of it on one."""
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) % REVALIDATION_NIGHTS


def revalidation_due(url: str, last_checked: datetime, now: datetime) -> bool:
    """Whether tonight a page last checked at `last_checked` is asked for again (conditionally).

    Nights are UTC dates. A page is due on its own night of the week unless it was already
    checked that night; one left unchecked for two weeks (nights without a run) is due anyway.
    """
    if now - last_checked >= 2 * REVALIDATE_AFTER:
        return True
    tonight = now.astimezone(timezone.utc).date()
    return (tonight.toordinal() % REVALIDATION_NIGHTS == revalidation_night(url)
            and last_checked.astimezone(timezone.utc).date() < tonight)


def _instant(value: str | None) -> datetime | None:
    """An ISO 8601 time ("2026-07-07T16:26:05.967Z"), as an aware UTC datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _collect_notice(source: "Source", fetcher: "Fetcher", parent: Document, attachment: Attachment,
                    result: SourceResult) -> bool:
    """Fetch and read one attachment. Returns False when it failed (recorded as an ItemFailure)."""
    from pipeline.fetch import FetchError

    try:
        response = fetcher.get(attachment.url, delay_seconds=source.delay_seconds, conditional=True,
                               max_bytes=PDF_MAX_BYTES)
    except FetchError as exc:
        result.failures.append(ItemFailure(attachment.url, exc.error_class, str(exc)))
        return False
    if response.not_modified or response.unchanged:
        result.unchanged.append(attachment.url)
        return True
    context = notice_context(parent, attachment)
    result.keep_raw(response, parser=NOTICE_PARSERS[attachment.file_type], context=context)
    try:
        text = attachment_text(response.body, attachment.file_type)
    except ParseError as exc:
        result.failures.append(ItemFailure(attachment.url, exc.error_class, exc.message))
        logger.warning("source %s: %s: %s", source.id, attachment.url, exc)
        return False
    result.documents.append(notice_document(text, url=attachment.url, context=context, source_id=source.id,
                                            fetched_at=response.fetched_at, raw_sha256=response.sha256))
    return True


# -- Documents: built here for a run, and by collect.replay for `reparse` -----------------------

def page_document(item: ListingItem, page: IcoPage, *, kind: str, source_id: str, fetched_at: str,
                  raw_sha256: str | None) -> Document:
    """The Document for a detail page: the register's summary, then the page's own text."""
    summary = item.description or page.summary or ""
    body = page.text or ""
    if summary and " ".join(summary.split()) in " ".join(body.split()):
        text = body
    else:
        text = "\n\n".join(part for part in (summary, body) if part)
    title = page.title or item.title
    metadata: dict[str, Any] = {
        "ico_page_id": page.page_id if page.page_id is not None else item.ico_id,
        "listed_type": item.listed_type or page.type,
        "listed_action_type": item.listed_action_type,
        # every type a multi-type item lists ("Reprimands, Monetary penalties"), when several
        "listed_action_types": item.listed_action_types if len(item.listed_action_types) > 1 else None,
        "sector": item.sector or page.sector,
        "listed_date": item.listed_date,
        "summary": summary or None,
        "attachments_skipped": [{"url": a.url, "reason": SKIP_REASONS.get(a.file_type, "no text reader")}
                                for a in page.attachments if a.file_type not in READABLE_TYPES] or None,
    }
    if kind == "enforcement_page":
        metadata["organisation"] = without_law_after_dash(title)
    return Document(
        url=item.url, source=source_id, kind=kind, title=title, text=clean_text(text),  # type: ignore[arg-type]
        # facts panel → article:published_time → the listing's date → DC.Date (the CMS save date)
        published=page.date or item.listed_date or page.cms_date, fetched_at=fetched_at, outlet="ICO",
        raw_sha256=raw_sha256, metadata={k: v for k, v in metadata.items() if v is not None},
    )


def notice_context(parent: Document, attachment: Attachment) -> dict[str, Any]:
    """What a notice document inherits from its page, kept in the raw record for `reparse`."""
    return {
        "document_kind": "notice",
        "parent_url": parent.url,
        "title": attachment.title or parent.title,
        "published": parent.published,
        "metadata": dict(parent.metadata),
        "size_bytes": attachment.size_bytes,
    }


def notice_document(text: str, *, url: str, context: dict[str, Any], source_id: str, fetched_at: str,
                    raw_sha256: str | None) -> Document:
    """The Document for a notice PDF attached to an ICO page."""
    return Document(
        url=url, source=source_id, kind="notice", title=context.get("title"), text=text,
        published=context.get("published"), fetched_at=fetched_at, outlet="ICO",
        raw_sha256=raw_sha256, parent_url=context.get("parent_url"),
        metadata=dict(context.get("metadata") or {}),
    )


# -- The registration's parts (collect.kinds): feeds.yaml fields, replay, the canary ------------

# What the collector reads from the search API (SOURCES.md §1.2): a change here is a changed API.
API_ROW_FIELDS = ("id", "title", "url", "filterItemMetaData", "createdDateTime", "description")
API_PAGINATION_FIELDS = ("totalResults", "totalPages")


def missing_api_fields(data: object) -> list[str]:
    """The fields of the search API's answer the collector relies on that are missing."""
    if not isinstance(data, dict):
        return ["results"]
    missing = [] if isinstance(data.get("results"), list) else ["results"]
    pagination = data.get("pagination")
    missing += [f"pagination.{name}" for name in API_PAGINATION_FIELDS
                if not isinstance(pagination, dict) or name not in pagination]
    for name in API_ROW_FIELDS:
        rows = data.get("results") if isinstance(data.get("results"), list) else []
        if rows and not any(isinstance(row, dict) and name in row for row in rows):
            missing.append(f"results[].{name}")
    return missing


def check(source: "Source", fetcher: "Fetcher") -> str:
    """The canary for an ICO register: page 1 of the search API has the fields the collector
    reads, and the first item's detail page still has its facts panel (Date, Type)."""
    import json

    from pipeline.collect.canary import ShapeChanged

    register = ICO_REGISTERS[source.root_page_id or -1]
    payload = {"filters": [], "pageNumber": 1, "order": "newest", "rootPageId": source.root_page_id}
    response = fetcher.post_json(source.url, payload, delay_seconds=source.delay_seconds)
    try:
        data = json.loads(response.body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ShapeChanged("layout_changed", f"{source.url}: the search API did not answer JSON") from None
    missing = missing_api_fields(data)
    if missing:
        raise ShapeChanged("layout_changed", f"{source.url}: the search API answer has no "
                                             f"{', '.join(missing)}")
    page = parse_search_page(response.body, base_url=source.url, url_prefixes=register["url_prefixes"])
    if not page.items:
        raise ShapeChanged("extraction_empty", f"{source.url}: the search API listed no items under "
                                               f"{', '.join(register['url_prefixes'])}")
    item = page.items[0]
    detail = fetcher.get(item.url, delay_seconds=source.delay_seconds, conditional=False)
    parsed = parse_ico_page(detail.body, url=item.url, headers=detail.headers)
    if register["document_kind"] == "enforcement_page":
        absent = [label for label in ("date", "type") if not parsed.facts.get(label)]
        if absent:
            raise ShapeChanged("layout_changed", f"{item.url}: the detail page's facts panel has no "
                                                 f"{' or '.join(a.capitalize() for a in absent)}")
    elif not (parsed.title and parsed.date):
        raise ShapeChanged("layout_changed", f"{item.url}: the news page has no title or date")
    return f"{page.total_results} items listed; {item.url} parsed ({parsed.layout} layout)"



def options(read: Any, entry: Mapping[str, Any]) -> dict[str, Any]:
    """The feeds.yaml fields of an ICO register source, validated."""
    root = entry.get("root_page_id")
    if root not in ICO_REGISTERS:
        known = ", ".join(str(k) for k in ICO_REGISTERS)
        raise ValueError(f"`root_page_id` must be one of {known}, got {root!r}")
    # The register is read whole: max_pages is only a safety stop (the API's totalPages ends the
    # walk), and max_items does not cut it (a first crawl longer than a night resumes instead).
    values: dict[str, Any] = {"root_page_id": root, "max_pages": read("max_pages", int, MAX_PAGES),
                              "max_items": read("max_items", int, MAX_ITEMS)}
    if "relevance_terms" not in entry:
        values["relevance_terms"] = ()   # the enforcement register is all relevant
    return values


def replay_listing(record: RawRecord, body: bytes) -> list[Document]:
    """A listing page yields no documents of its own; its pages and PDFs are their own records."""
    return []


def replay_page(record: RawRecord, body: bytes) -> list[Document]:
    context = record.context or {}
    headers = {"content-type": record.content_type} if record.content_type else {}
    item = ListingItem(**context["listing"])
    page = parse_ico_page(body, url=record.url, headers=headers)
    return [page_document(item, page, kind=context.get("document_kind", "enforcement_page"),
                          source_id=record.source, fetched_at=record.fetched_at,
                          raw_sha256=record.sha256)]


def replay_notice(record: RawRecord, body: bytes) -> list[Document]:
    """A notice PDF (parser "notice_pdf") or Word file ("notice_docx") attached to a page."""
    file_type = "docx" if record.parser == "notice_docx" else "pdf"
    return [notice_document(attachment_text(body, file_type), url=record.url, context=record.context or {},
                            source_id=record.source, fetched_at=record.fetched_at,
                            raw_sha256=record.sha256)]


__all__ = ["collect", "page_document", "notice_document", "notice_context", "PDF_MAX_BYTES",
           "options", "replay_listing", "replay_page", "replay_notice"]
