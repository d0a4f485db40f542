"""Link: Actions → organisations and cases (one row per case, its history and disagreements).

    case_ids = link_document(db, document_id, document, actions)
    rebuild_cases(db)      # relink every stored document in a fixed order, keeping case ids

Both write in the caller's transaction (run.py's `with db.atomic():`). The manual merges and
splits in pipeline/link/organisations.yaml are applied on every call; pass `rules_path` to use another file.
How documents become cases is explained in pipeline/link/cases.py, how names become
organisations in pipeline/link/organisations.py.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

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
from pipeline.store import load_actions

logger = logging.getLogger(__name__)

__all__ = [
    "document_from_row",
    "figures_agree",
    "is_regulator_document",
    "link_document",
    "load_rules",
    "normalise_name",
    "reads_as_notice",
    "rebuild_cases",
]

# Tables rebuilt from the stored extractions. Children first, for the foreign keys.
DERIVED_TABLES = ("evidence", "case_failures", "case_history", "case_documents", "cases",
                  "organisation_aliases", "organisations")


def link_document(db: sqlite_utils.Database, document_id: int, doc: Document,
                  actions: list[Action], *, rules_path: Path | None = None,
                  rules: ManualRules | None = None) -> list[str]:
    """Attach a stored document to the case(s) its actions report; returns the case ids.

    Creates organisations and cases as needed (an ICO document creates or confirms a case; press
    attaches, or opens a press-only case), records every figure in case_history and evidence.
    """
    return link_actions(db, document_id, doc, actions, rules or load_rules(rules_path))


def document_from_row(row: dict) -> Document:
    """A stored document as the linker (and extractor) expect it."""
    metadata = json.loads(row["metadata_json"]) if row.get("metadata_json") else {}
    for key in ("ico_page_id", "listed_type", "sector", "summary"):
        if row.get(key) is not None:
            metadata.setdefault(key, row[key])
    return Document(url=row["url"], source=row["source"], kind=row["kind"], title=row["title"],
                    text=row["text"], published=row["published"], fetched_at=row["fetched_at"],
                    outlet=row["outlet"], raw_sha256=row["raw_sha256"], parent_url=row["parent_url"],
                    metadata=metadata)


def rebuild_cases(db: sqlite_utils.Database, *, rules_path: Path | None = None) -> int:
    """Delete every derived row and relink all documents from their stored extractions.

    Documents, their versions, extractions and pipeline/link/organisations.yaml are the inputs and are not
    touched. Order is fixed: ICO register entries (pages, notices) by date, then ICO releases by
    date, then press by date (ties by document id), so the same documents always give the same
    cases. The previous case and organisation ids are
    carried over to the rebuilt rows that hold the same documents, so an id a journalist has
    quoted survives a rebuild even when the linking rules have changed. Returns the case count.
    """
    rules = load_rules(rules_path)
    old_case_docs = _members(db, "SELECT case_id, document_id FROM case_documents")
    old_org_names = _members(db, "SELECT organisation_id, normalised_alias FROM organisation_aliases")
    for table in DERIVED_TABLES:
        db.execute(f"DELETE FROM [{table}]")

    ordered = []
    for row in db.query("SELECT * FROM documents"):
        doc = document_from_row(row)
        regulator = is_regulator_document(doc)
        when = document_date(doc) or (doc.fetched_at or "")[:10] or "9999"
        ordered.append((_link_rank(doc, regulator), when, row["id"], doc))
    ordered.sort(key=lambda item: item[:3])
    linked = 0
    for _, _, document_id, doc in ordered:
        actions = load_actions(db, document_id)
        if actions is None:
            logger.debug("document %s has no extraction; not linked", document_id)
            continue
        link_actions(db, document_id, doc, actions, rules)
        linked += 1

    _carry_over(db, "organisations", old_org_names,
                _members(db, "SELECT organisation_id, normalised_alias FROM organisation_aliases"),
                {"organisation_aliases": "organisation_id", "cases": "organisation_id"})
    _carry_over(db, "cases", old_case_docs,
                _members(db, "SELECT case_id, document_id FROM case_documents"),
                {"case_documents": "case_id", "case_history": "case_id", "evidence": "case_id",
                 "case_failures": "case_id"})
    for (org_id,) in db.execute("SELECT id FROM organisations ORDER BY id").fetchall():
        refresh_aliases_text(db, org_id)
    count = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    logger.info("rebuilt %d cases from %d documents", count, linked)
    return count


def _link_rank(doc: Document, regulator: bool) -> int:
    """Register entries (enforcement pages, notices) first: they state the action's type and
    date most reliably, and a run reads the enforcement register before the news; then the
    ICO's releases; then everything else (press, ingested articles)."""
    if not regulator:
        return 2
    return 1 if doc.kind == "press_release" else 0


def _members(db: sqlite_utils.Database, sql: str) -> dict[str, set]:
    groups: dict[str, set] = {}
    for key, member in db.execute(sql):
        groups.setdefault(key, set()).add(member)
    return groups


def _carry_over(db: sqlite_utils.Database, table: str, old: dict[str, set], new: dict[str, set],
                references: dict[str, str]) -> None:
    """Give rebuilt rows the id of the old row they share the most members with.

    Greedy and deterministic: pairs with the largest overlap first (ties by id), each old id used
    once, and an id already right is left alone.
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
    renames = {new_id: old_id for new_id, old_id in mapping.items() if new_id != old_id}
    # Rename only into an id that is free, or held by a rebuilt row that is itself renamed away.
    taken = {row[0] for row in db.execute(f"SELECT id FROM [{table}]")}
    renames = {n: o for n, o in renames.items() if o not in taken or o in renames}
    if not renames:
        return
    temporary = {new_id: f"__rebuild_{index}__" for index, new_id in enumerate(sorted(renames))}
    for new_id, temp_id in temporary.items():
        _rename(db, table, new_id, temp_id, references)
    for new_id, temp_id in temporary.items():
        _rename(db, table, temp_id, renames[new_id], references)
        logger.info("%s: kept id %s (rebuilt as %s)", table, renames[new_id], new_id)


def _rename(db: sqlite_utils.Database, table: str, old_id: str, new_id: str,
            references: dict[str, str]) -> None:
    """Change a primary key the foreign keys point at: copy the row, move children, delete."""
    columns = [column.name for column in db[table].columns if column.name != "id"]
    column_list = ", ".join(f"[{c}]" for c in columns)
    db.execute(f"INSERT INTO [{table}] (id, {column_list}) SELECT ?, {column_list} FROM [{table}] "
               f"WHERE id = ?", [new_id, old_id])
    for child, column in references.items():
        db.execute(f"UPDATE [{child}] SET [{column}] = ? WHERE [{column}] = ?", [new_id, old_id])
    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [old_id])
