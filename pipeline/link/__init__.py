"""Link: Actions → organisations and cases (one row per case, its history and disagreements).

    case_ids = link_document(db, document_id, document, actions)
    rebuild_cases(db)      # relink every stored document in a fixed order, keeping case ids

Both write in the caller's transaction (run.py's `with db.atomic():`). The manual merges and
splits in pipeline/link/organisations.yaml are applied on every call; pass `rules_path` to use another file.
How documents become cases is explained in pipeline/link/cases.py, how names become
organisations in pipeline/link/organisations.py. Link decides; every read and write of the
tables goes through pipeline.store.cases and pipeline.store.organisations (no SQL here).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, TypeVar

import sqlite_utils

from pipeline.link.cases import (
    document_date,
    figures_agree,
    is_regulator_document,
    link_actions,
    reads_as_notice,
)
from pipeline.link.organisations import (
    ManualRules,
    load_rules,
    normalise_name,
    refresh_aliases_text,
)
from pipeline.models import Action, Document
from pipeline.store import cases as store, load_actions, organisations as org_store
from pipeline.store.cases import DERIVED_TABLES, document_from_row

logger = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = [
    "DERIVED_TABLES",
    "document_from_row",
    "figures_agree",
    "in_link_order",
    "is_regulator_document",
    "link_document",
    "link_order",
    "load_rules",
    "normalise_name",
    "reads_as_notice",
    "rebuild_cases",
]


def link_document(db: sqlite_utils.Database, document_id: int, doc: Document,
                  actions: list[Action], *, rules_path: Path | None = None,
                  rules: ManualRules | None = None) -> list[str]:
    """Attach a stored document to the case(s) its actions report; returns the case ids.

    Creates organisations and cases as needed (an ICO document creates or confirms a case; press
    attaches, or opens a press-only case), records every figure in case_history and evidence.
    """
    return link_actions(db, document_id, doc, actions, rules or load_rules(rules_path))


def link_order(doc: Document, document_id: int) -> tuple[int, str, str, int]:
    """The order documents are linked in by a rebuild and within a batch: ICO register entries
    (pages, notices) by date, then ICO releases by date, then press by date, ties by URL (not by
    id, which follows arrival). So a batch gives the same cases whatever order its documents
    arrived in, and the same cases as a rebuild of the same documents."""
    regulator = is_regulator_document(doc)
    when = document_date(doc) or (doc.fetched_at or "")[:10] or "9999"
    return (_link_rank(doc, regulator), when, doc.url, document_id)


def in_link_order(items: Iterable[tuple[int, Document, T]]) -> list[tuple[int, Document, T]]:
    """A batch of (document id, document, anything) sorted into link_order: what a run, an
    ingest or a benchmark links one after the other."""
    return sorted(items, key=lambda item: link_order(item[1], item[0]))


def rebuild_cases(db: sqlite_utils.Database, *, rules_path: Path | None = None) -> int:
    """Delete every derived row and relink all documents from their stored extractions.

    Documents, their versions, extractions and pipeline/link/organisations.yaml are the inputs and are not
    touched. Order is fixed (see link_order), so the same documents always give the same cases.
    Documents are streamed: the order is worked out from the head of each text, then each
    document is read whole only while it is linked. The previous case and organisation ids are
    carried over to the rebuilt rows that hold the same documents, so an id a journalist has
    quoted survives a rebuild even when the linking rules have changed. Returns the case count.
    """
    rules = load_rules(rules_path)
    old_case_docs = store.case_members(db)
    old_org_names = store.organisation_members(db)
    store.clear_derived(db)

    ordered = sorted(link_order(doc, document_id) for document_id, doc in store.document_heads(db))
    linked = 0
    for *_, document_id in ordered:
        actions = load_actions(db, document_id)
        if actions is None:
            logger.debug("document %s has no extraction; not linked", document_id)
            continue
        doc = store.load_document(db, document_id)
        if doc is None:
            continue
        link_actions(db, document_id, doc, actions, rules)
        linked += 1

    _carry_over(db, "organisations", old_org_names, store.organisation_members(db),
                store.ORGANISATION_REFERENCES)
    _carry_over(db, "cases", old_case_docs, store.case_members(db), store.CASE_REFERENCES)
    for org_id in org_store.all_ids(db):
        refresh_aliases_text(db, org_id)
    count = store.case_count(db)
    logger.info("rebuilt %d cases from %d documents", count, linked)
    return count


def _link_rank(doc: Document, regulator: bool) -> int:
    """Register entries (enforcement pages, notices) first: they state the action's type and
    date most reliably, and a run reads the enforcement register before the news; then the
    ICO's releases; then everything else (press, ingested articles)."""
    if not regulator:
        return 2
    return 1 if doc.kind == "press_release" else 0


def carry_over_ids(old: dict[str, set], new: dict[str, set]) -> dict[str, str]:
    """Which rebuilt row takes which old id: the old row it shares the most members with.

    Greedy and deterministic: pairs with the largest overlap first (ties by id), each old id used
    once; returns {new id: old id} for the rows whose id changes.
    """
    owners: dict[object, set[str]] = {}
    for old_id, old_members in old.items():
        for member in old_members:
            owners.setdefault(member, set()).add(old_id)
    overlap: dict[tuple[str, str], int] = {}
    for new_id, members in new.items():
        for member in members:
            for old_id in owners.get(member, ()):
                overlap[(new_id, old_id)] = overlap.get((new_id, old_id), 0) + 1
    pairs = sorted(((count, new_id, old_id) for (new_id, old_id), count in overlap.items()),
                   key=lambda p: (-p[0], p[1] != p[2], p[1], p[2]))
    mapping: dict[str, str] = {}
    used_old: set[str] = set()
    for _, new_id, old_id in pairs:
        if new_id in mapping or old_id in used_old:
            continue
        mapping[new_id] = old_id
        used_old.add(old_id)
    return {new_id: old_id for new_id, old_id in mapping.items() if new_id != old_id}


def _carry_over(db: sqlite_utils.Database, table: str, old: dict[str, set], new: dict[str, set],
                references: dict[str, str]) -> None:
    renames = carry_over_ids(old, new)
    # Rename only into an id that is free, or held by a rebuilt row that is itself renamed away.
    taken = store.ids_in(db, table)
    renames = {n: o for n, o in renames.items() if o not in taken or o in renames}
    if renames:
        store.rename_ids(db, table, renames, references)
