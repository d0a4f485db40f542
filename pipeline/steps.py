"""The per-document step every way in shares: store a document's extraction and link it.

`run` (fetched documents) and `ingest` (files a journalist already has) both end each new or
changed document here, so a document reaches its case the same way whichever door it came in by.
"""
from __future__ import annotations

import logging

from pipeline import store
from pipeline.collect import ItemFailure
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.link import link_document
from pipeline.models import Action, Document

logger = logging.getLogger(__name__)


def link_one(db, document_id: int, document: Document, actions: list[Action],
             failures: list[ItemFailure] | None = None) -> list[str]:
    """Store one document's extraction and link it, in its own savepoint; returns its case ids.

    A failure rolls back only this document's savepoint and is appended to `failures` (when
    given), so one bad document never costs its source the others.
    """
    try:
        with db.atomic():
            store.save_extraction(db, document_id, document, actions, extractor_version=EXTRACTOR_VERSION)
            return link_document(db, document_id, document, actions)
    except Exception as exc:
        logger.exception("linking failed for %s", document.url)
        if failures is not None:
            failures.append(ItemFailure(document.url, "link_failed", f"{type(exc).__name__}: {exc}"))
        return []
