"""Saving documents and what the extractor found in them.

A document's identity is its URL. Fetching the same URL again gives one of three outcomes:
"unchanged" (same title and text: only last_seen moves), "changed" (the old title and text go to
document_versions and the version number goes up: a journalist can always see what a page said
before it was corrected) or, the first time, "new".
"""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import sqlite_utils

from pipeline.clock import utc_now
from pipeline.models import Action, Document, Evidence
from pipeline.store.db import inserted_id

logger = logging.getLogger(__name__)

# Metadata keys that have their own column in `documents` (the rest stays in metadata_json).
_METADATA_COLUMNS = ("ico_page_id", "listed_type", "sector", "summary")


def content_hash(title: str | None, text: str) -> str:
    """SHA-256 of title + text: what "the content changed" means for a document.

    Fetch time, raw bytes and metadata are left out on purpose, so a page re-served with a new
    cookie banner but the same article text is not a new version.
    """
    return hashlib.sha256(f"{title or ''}\n\x00\n{text}".encode("utf-8")).hexdigest()


def _ico_page_id(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def save_document(db: sqlite_utils.Database, doc: Document) -> tuple[int, str]:
    """Insert or update the document at `doc.url`; returns (document_id, change).

    change is "new", "changed" or "unchanged". A changed document keeps its previous content in
    document_versions (never lost); an unchanged one only has last_seen (and the raw archive key)
    updated. Writes happen in the caller's transaction.
    """
    digest = content_hash(doc.title, doc.text)
    metadata = dict(doc.metadata or {})
    row = db.execute(
        "SELECT id, version, content_sha256, fetched_at, raw_sha256, title, published, text, "
        "first_seen FROM documents WHERE url = ?",
        [doc.url],
    ).fetchone()
    columns = {
        "source": doc.source,
        "kind": doc.kind,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "fetched_at": doc.fetched_at,
        "last_seen": doc.fetched_at,
        "content_sha256": digest,
        "raw_sha256": doc.raw_sha256,
        "parent_url": doc.parent_url,
        "ico_page_id": _ico_page_id(metadata.get("ico_page_id")),
        "listed_type": metadata.get("listed_type"),
        "sector": metadata.get("sector"),
        "summary": metadata.get("summary"),
        "metadata_json": json.dumps(metadata, sort_keys=True, default=str) if metadata else None,
        "text": doc.text,
    }
    if row is None:
        cursor = db.execute(
            "INSERT INTO documents (url, first_seen, version, "
            + ", ".join(columns)
            + ") VALUES (?, ?, 1, "
            + ", ".join("?" for _ in columns)
            + ")",
            [doc.url, doc.fetched_at, *columns.values()],
        )
        return inserted_id(cursor), "new"

    document_id, version, old_digest, old_fetched, old_raw, old_title, old_published, old_text, _ = row
    if old_digest == digest:
        db.execute(
            "UPDATE documents SET last_seen = ?, raw_sha256 = coalesce(?, raw_sha256) WHERE id = ?",
            [doc.fetched_at, doc.raw_sha256, document_id],
        )
        return int(document_id), "unchanged"

    # The content changed: keep what it said before, then overwrite the current row.
    db.execute(
        "INSERT OR IGNORE INTO document_versions (document_id, version, fetched_at, content_sha256, "
        "raw_sha256, title, published, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [document_id, version, old_fetched, old_digest, old_raw, old_title, old_published, old_text],
    )
    assignments = ", ".join(f"[{name}] = ?" for name in columns)
    db.execute(
        f"UPDATE documents SET {assignments}, version = ? WHERE id = ?",
        [*columns.values(), version + 1, document_id],
    )
    logger.info("document %s changed: version %d -> %d", doc.url, version, version + 1)
    return int(document_id), "changed"


def save_extraction(db: sqlite_utils.Database, document_id: int, doc: Document,
                    actions: list[Action], *, extractor_version: str) -> None:
    """Record the actions extracted from the document's current content by that extractor version.

    Keyed on (document, content hash): re-extracting the same text (a new extractor version)
    replaces the row; a new version of the document adds one, so old extractions remain.
    """
    db.execute(
        "INSERT OR REPLACE INTO extractions (document_id, content_sha256, extractor_version, "
        "extracted_at, actions_json) VALUES (?, ?, ?, ?, ?)",
        [
            document_id,
            content_hash(doc.title, doc.text),
            extractor_version,
            utc_now(),
            json.dumps([action.to_json() for action in actions], sort_keys=True, default=str),
        ],
    )


def actions_from_json(text: str) -> list[Action]:
    """Actions back from extractions.actions_json (the `extract --json` contract)."""
    actions = []
    for item in json.loads(text or "[]"):
        item = dict(item)
        evidence = {
            key: Evidence(sentence=value.get("sentence", ""), start=value.get("start", 0),
                          end=value.get("end", 0))
            for key, value in (item.pop("evidence", None) or {}).items()
            if isinstance(value, dict)
        }
        known = set(Action.__dataclass_fields__)
        unknown = sorted(set(item) - known)
        if unknown:
            logger.debug("ignoring unknown action fields %s", unknown)
        fields = {key: value for key, value in item.items() if key in known}
        fields.setdefault("action_type", "other")
        actions.append(Action(**fields, evidence=evidence))
    return actions


def load_actions(db: sqlite_utils.Database, document_id: int) -> list[Action] | None:
    """The stored actions for the document's current content, or None if never extracted."""
    row = db.execute(
        "SELECT e.actions_json FROM extractions e JOIN documents d ON d.id = e.document_id "
        "AND d.content_sha256 = e.content_sha256 WHERE d.id = ? "
        "ORDER BY e.extracted_at DESC LIMIT 1",
        [document_id],
    ).fetchone()
    return actions_from_json(row[0]) if row else None
