"""Cases, their documents, history, evidence and failures: every read and write of these tables.

The linker (pipeline.link.cases) decides which case a document's action belongs to and what the
case row should say; it reads the cases through the small read models built here (`CaseView` to
match, `CaseFacts` to recompute a case) and hands back rows to write. Every statement looks rows
up by an indexed key (case id, organisation id, document id), so linking one document costs the
same whatever the size of the archive (see tests/test_query_plans.py). No document text is read
here: what a case needs of its documents is in their columns.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

import sqlite_utils

from pipeline.clock import parse_day, utc_now
from pipeline.models import Document
from pipeline.store.db import inserted_id

logger = logging.getLogger(__name__)

# Tables rebuilt from the stored extractions. Children first, for the foreign keys.
DERIVED_TABLES = ("evidence", "case_failures", "case_history", "case_documents", "cases",
                  "organisation_acronyms", "organisation_aliases", "organisations")
# The tables that point at a case id or an organisation id (for renaming one).
CASE_REFERENCES = {"case_documents": "case_id", "case_history": "case_id", "evidence": "case_id",
                   "case_failures": "case_id"}
ORGANISATION_REFERENCES = {"organisation_aliases": "organisation_id",
                           "organisation_acronyms": "organisation_id", "cases": "organisation_id"}

# The document columns a case is recomputed from (never `text`).
_DOC_COLUMNS = "d.id, d.kind, d.url, d.parent_url, d.summary, d.title, d.sector, d.published, d.fetched_at"


@dataclass
class CaseDocument:
    """What a case needs to know of one of its documents."""

    id: int
    role: str
    kind: str
    url: str
    parent_url: str | None
    summary: str | None
    title: str | None
    sector: str | None
    published: str | None
    fetched_at: str | None


@dataclass
class HistoryRow:
    """One case_history row with the role its document plays in the case."""

    id: int
    document_id: int | None
    date: str | None
    status: str | None
    amount_gbp: int | None
    subjects_affected: int | None
    reason: str | None
    role: str


@dataclass
class CaseFacts:
    """Everything one case row is derived from (its history, documents and failures)."""

    id: str
    organisation_id: str
    action_type: str
    press_only: bool
    ico_url: str | None
    action_date: str | None
    history: list[HistoryRow] = field(default_factory=list)
    documents: list[CaseDocument] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass
class CaseView:
    """What matching needs to know about an existing case (built from its CaseFacts)."""

    id: str
    action_type: str
    press_only: bool
    ico_url: str | None
    regulator_provisional: list[date]
    regulator_final: list[date]
    regulator_any: list[date]
    all_dates: list[date]
    amounts: list[int]
    subjects: list[int]
    ico_pages: set[str]
    press_provisional: bool = False   # some document called its figure provisional
    # The figures by the step of the action a document gave them (a notice of intent's, or the
    # final penalty's and later), so a report of the other step can be recognised.
    provisional_amounts: list[int] = field(default_factory=list)
    final_amounts: list[int] = field(default_factory=list)


def register_page(kind: str, url: str, parent_url: str | None) -> str | None:
    """The ICO register page a regulator document belongs to: an enforcement page is its own; a
    notice PDF belongs to the page it hangs off, unless its file is named for a sibling page of
    the same organisation. The register publishes an enforcement notice and a penalty of one
    day as two pages (".../saga-services-limited-en/", ".../saga-services-limited-mpn/") that
    both link both PDFs, so the PDF "saga-services-limited-en.pdf" fetched from the -mpn page
    still belongs to the -en page."""
    if kind == "enforcement_page":
        return url
    if kind != "notice" or not parent_url:
        return None
    stem = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    base, _, slug = parent_url.rstrip("/").rpartition("/")
    if base and "-" in slug and "-" in stem and stem != slug \
            and stem.rsplit("-", 1)[0] == slug.rsplit("-", 1)[0]:
        return f"{base}/{stem}/"
    return parent_url


# --------------------------------------------------------------------------------------------
# Reading


def _facts_rows(db: sqlite_utils.Database, where: str, params: list) -> list[CaseFacts]:
    """CaseFacts of the cases matching `where` (on cases c): three queries, whatever their number."""
    facts: dict[str, CaseFacts] = {}
    for case_id, org_id, action_type, press_only, ico_url, action_date in db.execute(
            f"SELECT c.id, c.organisation_id, c.action_type, c.press_only, c.ico_url, c.action_date "
            f"FROM cases c WHERE {where} ORDER BY c.id", params):
        facts[case_id] = CaseFacts(case_id, org_id, action_type, bool(press_only), ico_url, action_date)
    if not facts:
        return []
    for row in db.execute(
            "SELECT h.case_id, h.id, h.document_id, h.date, h.status, h.amount_gbp, h.subjects_affected, "
            "h.reason, coalesce(cd.role, 'coverage') FROM cases c JOIN case_history h ON h.case_id = c.id "
            "LEFT JOIN case_documents cd ON cd.case_id = h.case_id AND cd.document_id = h.document_id "
            f"WHERE {where} ORDER BY h.id", params):
        facts[row[0]].history.append(HistoryRow(*row[1:]))
    for row in db.execute(
            f"SELECT cd.case_id, {_DOC_COLUMNS.replace('d.id, ', 'd.id, cd.role, ')} FROM cases c "
            f"JOIN case_documents cd ON cd.case_id = c.id JOIN documents d ON d.id = cd.document_id "
            f"WHERE {where} ORDER BY d.id", params):
        facts[row[0]].documents.append(CaseDocument(*row[1:]))
    for case_id, code in db.execute(
            f"SELECT f.case_id, f.failure FROM cases c JOIN case_failures f ON f.case_id = c.id "
            f"WHERE {where} ORDER BY f.failure", params):
        facts[case_id].failures.append(code)
    return list(facts.values())


def case_facts(db: sqlite_utils.Database, case_id: str) -> CaseFacts | None:
    """One case's facts, or None if there is no such case."""
    found = _facts_rows(db, "c.id = ?", [case_id])
    return found[0] if found else None


def organisation_case_facts(db: sqlite_utils.Database, org_id: str) -> list[CaseFacts]:
    """The facts of every case of one organisation, by case id."""
    return _facts_rows(db, "c.organisation_id = ?", [org_id])


def view_of(facts: CaseFacts) -> CaseView:
    """The matching view of a case: its dates by kind of document, its figures, its ICO pages."""
    prov: list[date]
    final: list[date]
    prov, final, regulator, every, amounts, subjects = [], [], [], [], [], []
    provisional_amounts: list[int] = []
    final_amounts: list[int] = []
    any_provisional = False
    for row in facts.history:
        any_provisional = any_provisional or row.status == "provisional"
        if row.amount_gbp is not None:
            amounts.append(row.amount_gbp)
            if row.status == "provisional":
                provisional_amounts.append(row.amount_gbp)
            elif row.status is not None:
                final_amounts.append(row.amount_gbp)
        if row.subjects_affected is not None:
            subjects.append(row.subjects_affected)
        day = parse_day(row.date)
        if day is None:
            continue
        every.append(day)
        if row.role == "primary":
            regulator.append(day)
            (prov if row.status == "provisional" else final).append(day)
    pages: set[str] = set()
    for doc in facts.documents:
        day = parse_day(doc.published)
        if day:
            every.append(day)
        if doc.role == "primary":
            page = register_page(doc.kind, doc.url, doc.parent_url)
            if page:
                pages.add(page)
    action_day = parse_day(facts.action_date)
    if action_day:
        every.append(action_day)
    return CaseView(facts.id, facts.action_type, facts.press_only, facts.ico_url, prov, final,
                    regulator, every, amounts, subjects, pages, any_provisional,
                    provisional_amounts, final_amounts)


def case_views(db: sqlite_utils.Database, org_id: str) -> list[CaseView]:
    """Every case of the organisation, as matching sees it (all action types, read once)."""
    return [view_of(facts) for facts in organisation_case_facts(db, org_id)]


def cases_of_document(db: sqlite_utils.Database, document_id: int) -> set[str]:
    return {case_id for (case_id,) in db.execute(
        "SELECT case_id FROM case_documents WHERE document_id = ?", [document_id])}


def organisation_of(db: sqlite_utils.Database, case_id: str) -> str | None:
    row = db.execute("SELECT organisation_id FROM cases WHERE id = ?", [case_id]).fetchone()
    return row[0] if row else None


def case_id_taken(db: sqlite_utils.Database, case_id: str) -> bool:
    return db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone() is not None


def case_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM cases").fetchone()[0]


# --------------------------------------------------------------------------------------------
# Writing


def unlink_document(db: sqlite_utils.Database, document_id: int) -> set[str]:
    """Remove a document's links and evidence (derived rows); returns the cases it was in.
    Its history rows stay: a figure a case once had stays in case_history."""
    touched = cases_of_document(db, document_id)
    db.execute("DELETE FROM evidence WHERE document_id = ?", [document_id])
    db.execute("DELETE FROM case_documents WHERE document_id = ?", [document_id])
    return touched


def insert_case(db: sqlite_utils.Database, case_id: str, org_id: str, regulator: str,
                action_type: str, action_date: str | None, press_only: bool) -> None:
    now = utc_now()
    db.execute(
        "INSERT INTO cases (id, organisation_id, regulator, action_type, action_date, first_seen, "
        "updated_at, press_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, org_id, regulator, action_type, action_date, now, now, int(press_only)],
    )


def name_type_if_other(db: sqlite_utils.Database, case_id: str, action_type: str) -> None:
    """A case opened as type "other" takes the first specific type a document gives it."""
    db.execute("UPDATE cases SET action_type = ? WHERE id = ? AND action_type = 'other'",
               [action_type, case_id])


def link(db: sqlite_utils.Database, case_id: str, document_id: int, role: str) -> None:
    """Attach a document to a case; a document once primary for the case stays primary."""
    db.execute(
        "INSERT INTO case_documents (case_id, document_id, role, linked_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(case_id, document_id) DO UPDATE SET role = CASE WHEN excluded.role = 'primary' "
        "THEN 'primary' ELSE case_documents.role END",
        [case_id, document_id, role, utc_now()])


def add_history(db: sqlite_utils.Database, case_id: str, document_id: int, day: str | None,
                status: str | None, amount: int | None, subjects: int | None,
                reason: str | None) -> int:
    """Append a case_history row; returns its id."""
    cursor = db.execute(
        "INSERT INTO case_history (case_id, date, status, amount_gbp, subjects_affected, document_id, "
        "reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [case_id, day, status, amount, subjects, document_id, reason, utc_now()],
    )
    return inserted_id(cursor)


def add_evidence(db: sqlite_utils.Database, case_id: str, document_id: int,
                 rows: list[tuple[str, str | None, str, int, int]]) -> None:
    """(field, value, sentence, start, end) rows for one document's action in one case."""
    for field_name, value, sentence, start, end in rows:
        db.execute(
            'INSERT INTO evidence (case_id, document_id, field, value, sentence, start, "end") '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [case_id, document_id, field_name, value, sentence, start, end],
        )


def add_failures(db: sqlite_utils.Database, case_id: str, codes: list[str]) -> None:
    """Record failure codes for a case; a code the taxonomy does not know yet gets a row labelled
    with the code itself, so a new extractor rule never fails on the foreign key."""
    for code in codes:
        db.execute("INSERT OR IGNORE INTO failure_types (code, label, description) VALUES (?, ?, ?)",
                   [code, code.replace("_", " "), None])
        db.execute("INSERT OR IGNORE INTO case_failures (case_id, failure) VALUES (?, ?)",
                   [case_id, code])


_CASE_FIELDS = ("status", "status_reason", "amount_gbp", "provisional_amount_gbp", "final_amount_gbp",
                "subjects_affected", "action_date", "year", "sector", "failures", "summary", "ico_url",
                "document_count", "press_only", "topic")


def write_case(db: sqlite_utils.Database, case_id: str, values: dict[str, Any]) -> bool:
    """Set the derived columns of a case row (updated_at moves only when one changes); returns
    whether anything changed."""
    columns = [key for key in _CASE_FIELDS if key in values]
    current = db.execute("SELECT " + ", ".join(f"[{k}]" for k in columns) + " FROM cases WHERE id = ?",
                         [case_id]).fetchone()
    wanted = tuple(values[k] for k in columns)
    if current is None or tuple(current) == wanted:
        return False
    db.execute("UPDATE cases SET " + ", ".join(f"[{k}] = ?" for k in columns) + ", updated_at = ? "
               "WHERE id = ?", [*wanted, utc_now(), case_id])
    return True


def failures_json(codes: list[str]) -> str | None:
    return json.dumps(codes) if codes else None


def merge_case(db: sqlite_utils.Database, keep_id: str, drop_id: str) -> None:
    """Move everything of case `drop_id` into `keep_id` and delete it (its id disappears)."""
    if keep_id == drop_id:
        return
    db.execute("INSERT OR IGNORE INTO case_documents (case_id, document_id, role, linked_at) "
               "SELECT ?, document_id, role, linked_at FROM case_documents WHERE case_id = ?",
               [keep_id, drop_id])
    db.execute("INSERT OR IGNORE INTO case_failures (case_id, failure) "
               "SELECT ?, failure FROM case_failures WHERE case_id = ?", [keep_id, drop_id])
    for table in ("case_history", "evidence"):
        db.execute(f"UPDATE {table} SET case_id = ? WHERE case_id = ?", [keep_id, drop_id])
    db.execute("DELETE FROM case_documents WHERE case_id = ?", [drop_id])
    db.execute("DELETE FROM case_failures WHERE case_id = ?", [drop_id])
    db.execute("DELETE FROM cases WHERE id = ?", [drop_id])
    logger.info("merged case %s into %s", drop_id, keep_id)


def drop_if_empty(db: sqlite_utils.Database, case_id: str) -> bool:
    """A case no document reports any more (its only article now reads differently) is removed,
    as a rebuild would remove it; returns True if it was."""
    if db.execute("SELECT 1 FROM case_documents WHERE case_id = ? LIMIT 1", [case_id]).fetchone():
        return False
    for table in ("evidence", "case_failures", "case_history"):
        db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    db.execute("DELETE FROM cases WHERE id = ?", [case_id])
    logger.info("case %s has no document left; removed", case_id)
    return True


def organisations_of(db: sqlite_utils.Database, case_ids: list[str]) -> set[str]:
    return {org for case_id in case_ids if (org := organisation_of(db, case_id)) is not None}


# --------------------------------------------------------------------------------------------
# Rebuilding


def clear_derived(db: sqlite_utils.Database) -> None:
    """Delete every row derived from the stored extractions (cases, organisations, ...)."""
    for table in DERIVED_TABLES:
        db.execute(f"DELETE FROM [{table}]")


def case_members(db: sqlite_utils.Database) -> dict[str, set]:
    """case id -> its document ids (what identifies a case across a rebuild)."""
    return _members(db, "SELECT case_id, document_id FROM case_documents")


def organisation_members(db: sqlite_utils.Database) -> dict[str, set]:
    """organisation id -> its normalised aliases (what identifies an organisation across a rebuild)."""
    return _members(db, "SELECT organisation_id, normalised_alias FROM organisation_aliases")


def _members(db: sqlite_utils.Database, sql: str) -> dict[str, set]:
    groups: dict[str, set] = {}
    for key, member in db.execute(sql):
        groups.setdefault(key, set()).add(member)
    return groups


def ids_in(db: sqlite_utils.Database, table: str) -> set[str]:
    return {row[0] for row in db.execute(f"SELECT id FROM [{table}]")}


def rename_ids(db: sqlite_utils.Database, table: str, renames: dict[str, str],
               references: dict[str, str]) -> None:
    """Give rows of `table` ("cases" or "organisations") new ids, moving what points at them.
    Two steps through temporary ids, so ids can be swapped."""
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


# How much of a document's text is enough to tell a notice from an article (reads_as_notice).
HEAD_CHARS = 4000


def document_heads(db: sqlite_utils.Database) -> Iterator[tuple[int, Document]]:
    """(id, document) for every stored document with only the head of its text (HEAD_CHARS
    characters): enough to order documents for relinking without holding every text at once."""
    cursor = db.execute(f"SELECT {_ROW_COLUMNS}, substr(text, 1, {HEAD_CHARS}) AS text FROM documents "
                        "ORDER BY id")
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record = dict(zip(names, row))
        yield int(record["id"]), document_from_row(record)


def load_document(db: sqlite_utils.Database, document_id: int) -> Document | None:
    """One stored document, whole."""
    cursor = db.execute(f"SELECT {_ROW_COLUMNS}, text FROM documents WHERE id = ?", [document_id])
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return document_from_row(dict(zip(names, row))) if row else None


_ROW_COLUMNS = ("id, url, source, kind, title, published, fetched_at, outlet, raw_sha256, parent_url, "
                "metadata_json, ico_page_id, listed_type, sector, summary")


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
