"""Organisations and their aliases: every read and write of these two tables (and of the
acronym index kept beside them).

The linker (pipeline.link.organisations) decides which organisation a set of names belongs to;
it asks and tells through these functions and never writes SQL itself. Every lookup is by an
indexed key (normalised alias, first word, acronym, company number, id), so its cost does not
grow with the number of organisations (see tests/test_query_plans.py).
"""
from __future__ import annotations

import logging
from typing import Iterable

import sqlite_utils

from pipeline.names import acronym_keys, first_word, normalise_name, slugify

logger = logging.getLogger(__name__)

# Where a name came from, weakest first: a better source replaces the spelling of an alias.
SOURCE_RANK = {"extracted": 1, "ico": 2, "manual": 3}


def ids_for_key(db: sqlite_utils.Database, key: str) -> list[str]:
    """The organisations known by this normalised name, by id."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT organisation_id FROM organisation_aliases WHERE normalised_alias = ? "
        "ORDER BY organisation_id", [key])]


def known_names(db: sqlite_utils.Database) -> list[str]:
    """Every organisation name and alias the database holds (the extractor's gazetteer)."""
    if not db["organisations"].exists():
        return []
    return [name for (name,) in db.execute(
        "SELECT name FROM organisations UNION SELECT alias FROM organisation_aliases")]


def id_for_company_number(db: sqlite_utils.Database, number: str) -> str | None:
    row = db.execute("SELECT id FROM organisations WHERE company_number = ? ORDER BY id LIMIT 1",
                     [number]).fetchone()
    return row[0] if row else None


def company_number(db: sqlite_utils.Database, org_id: str) -> str | None:
    row = db.execute("SELECT company_number FROM organisations WHERE id = ?", [org_id]).fetchone()
    return row[0] if row else None


def normalised_name(db: sqlite_utils.Database, org_id: str) -> str | None:
    row = db.execute("SELECT normalised_name FROM organisations WHERE id = ?", [org_id]).fetchone()
    return row[0] if row else None


def display_name(db: sqlite_utils.Database, org_id: str) -> str | None:
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [org_id]).fetchone()
    return row[0] if row else None


def alias_keys(db: sqlite_utils.Database, org_id: str) -> list[str]:
    return [key for (key,) in db.execute(
        "SELECT normalised_alias FROM organisation_aliases WHERE organisation_id = ?", [org_id])]


def aliases(db: sqlite_utils.Database, org_id: str) -> dict[str, str | None]:
    """alias -> its source ('ico', 'manual', 'extracted')."""
    return {alias: source for alias, source in db.execute(
        "SELECT alias, source FROM organisation_aliases WHERE organisation_id = ?", [org_id])}


def named_by_press_only(db: sqlite_utils.Database, org_id: str) -> bool:
    """Is every name of this organisation from the press (none from the ICO or a person)?"""
    row = db.execute("SELECT 1 FROM organisation_aliases WHERE organisation_id = ? "
                     "AND source IN ('ico', 'manual') LIMIT 1", [org_id]).fetchone()
    return row is None


def new_id(db: sqlite_utils.Database, name: str) -> str:
    """A free slug for a new organisation: its name's slug, then "-2", "-3"..."""
    base = slugify(name)
    candidate, n = base, 2
    while db.execute("SELECT 1 FROM organisations WHERE id = ?", [candidate]).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def create(db: sqlite_utils.Database, name: str, source: str, number: str | None) -> str:
    """Insert a new organisation named `name` (and that name as its first alias); returns its id."""
    org_id = new_id(db, name)
    db.execute(
        "INSERT INTO organisations (id, name, normalised_name, company_number, aliases) "
        "VALUES (?, ?, ?, ?, ?)",
        [org_id, name, normalise_name(name), number, name],
    )
    add_alias(db, org_id, name, source)
    logger.debug("new organisation %s (%s)", org_id, name)
    return org_id


def add_alias(db: sqlite_utils.Database, org_id: str, name: str, source: str) -> None:
    """Record `name` as an alias of the organisation; a better source replaces the spelling."""
    key = normalise_name(name)
    if not key:
        return
    row = db.execute(
        "SELECT source FROM organisation_aliases WHERE organisation_id = ? AND normalised_alias = ?",
        [org_id, key]).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO organisation_aliases (organisation_id, alias, normalised_alias, source, "
            "first_word) VALUES (?, ?, ?, ?, ?)", [org_id, name, key, source, first_word(key)])
        for acronym in sorted(acronym_keys(name)):
            db.execute("INSERT OR IGNORE INTO organisation_acronyms (acronym, organisation_id) "
                       "VALUES (?, ?)", [acronym, org_id])
    elif SOURCE_RANK.get(source, 0) > SOURCE_RANK.get(row[0] or "", 0):
        db.execute(
            "UPDATE organisation_aliases SET alias = ?, source = ? "
            "WHERE organisation_id = ? AND normalised_alias = ?", [name, source, org_id, key])
        for acronym in sorted(acronym_keys(name)):
            db.execute("INSERT OR IGNORE INTO organisation_acronyms (acronym, organisation_id) "
                       "VALUES (?, ?)", [acronym, org_id])


def ids_for_acronyms(db: sqlite_utils.Database, keys: Iterable[str]) -> set[str]:
    """The organisations one of whose names has one of these initialism forms (an index lookup
    per key, not a scan of the aliases)."""
    found: set[str] = set()
    for key in sorted(set(keys)):
        found.update(org for (org,) in db.execute(
            "SELECT organisation_id FROM organisation_acronyms WHERE acronym = ?", [key]))
    return found


def aliases_starting_with(db: sqlite_utils.Database, words: Iterable[str]) -> list[tuple[str, str]]:
    """(organisation id, normalised alias) of every alias whose first word is one of `words`,
    for organisations that have a case: the candidates a text may name. One indexed lookup per
    distinct word of the text, so the cost follows the text, not the number of aliases."""
    found: set[tuple[str, str]] = set()
    for word in sorted(set(words)):
        found.update((org, key) for org, key in db.execute(
            "SELECT a.organisation_id, a.normalised_alias FROM organisation_aliases a "
            "WHERE a.first_word = ? AND EXISTS (SELECT 1 FROM cases c "
            "WHERE c.organisation_id = a.organisation_id)", [word]))
    return sorted(found)


def set_name(db: sqlite_utils.Database, org_id: str, name: str) -> None:
    db.execute("UPDATE organisations SET name = ?, normalised_name = ? WHERE id = ? AND name IS NOT ?",
               [name, normalise_name(name), org_id, name])


def set_company_number_if_missing(db: sqlite_utils.Database, org_id: str, number: str) -> None:
    db.execute("UPDATE organisations SET company_number = ? WHERE id = ? AND company_number IS NULL",
               [number, org_id])


def set_sector_if_missing(db: sqlite_utils.Database, org_id: str, sector: str) -> None:
    db.execute("UPDATE organisations SET sector = ? WHERE id = ? AND sector IS NULL", [sector, org_id])


def refresh_aliases_text(db: sqlite_utils.Database, org_id: str) -> None:
    """Keep organisations.aliases and the cases' copies ('; '-joined) in step with the alias rows."""
    name = display_name(db, org_id)
    if name is None:
        return
    names = [alias for (alias,) in db.execute(
        "SELECT alias FROM organisation_aliases WHERE organisation_id = ? ORDER BY alias", [org_id])]
    others = "; ".join(alias for alias in names if alias != name)
    joined = "; ".join(names)
    db.execute("UPDATE organisations SET aliases = ? WHERE id = ? AND aliases IS NOT ?",
               [joined, org_id, joined])
    db.execute(
        "UPDATE cases SET organisation = ?, organisation_aliases = ? WHERE organisation_id = ? "
        "AND (organisation IS NOT ? OR organisation_aliases IS NOT ?)",
        [name, others, org_id, name, others],
    )


def all_ids(db: sqlite_utils.Database) -> list[str]:
    return [org for (org,) in db.execute("SELECT id FROM organisations ORDER BY id")]


def fill_name_indexes(db: sqlite_utils.Database) -> None:
    """Give aliases stored before the name indexes existed their first word and acronyms
    (a no-op once every alias has them)."""
    missing = db.execute("SELECT organisation_id, alias, normalised_alias FROM organisation_aliases "
                         "WHERE first_word IS NULL").fetchall()
    for org_id, alias, key in missing:
        db.execute("UPDATE organisation_aliases SET first_word = ? WHERE organisation_id = ? "
                   "AND normalised_alias = ?", [first_word(key), org_id, key])
        for acronym in sorted(acronym_keys(alias)):
            db.execute("INSERT OR IGNORE INTO organisation_acronyms (acronym, organisation_id) "
                       "VALUES (?, ?)", [acronym, org_id])
