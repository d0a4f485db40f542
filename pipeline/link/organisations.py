"""Organisation names → one organisation row per real organisation.

The same company appears as "Advanced Computer Software Group Ltd", "Advanced Computer Software
Group" and "OneAdvanced"; a government department as "Secretary of State for Defence", "Ministry of
Defence" and "MoD". Names are compared after normalisation (case, punctuation, "The", legal
suffixes, "trading as"), always as whole names: two companies that share a first word
("Advanced ...") stay two organisations, because a match needs the full normalised name or one of
the organisation's recorded aliases, never a shared prefix.

What the automatic rules get wrong is fixed in pipeline/link/organisations.yaml (see `ManualRules`), applied
on every link and every rebuild, so a manual merge survives a rebuild of the database.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils
import yaml

from pipeline.resources import package_file

logger = logging.getLogger(__name__)

# Legal-form words dropped from the END of a name (repeatedly: "Group Holdings Ltd").
LEGAL_SUFFIXES = {
    "ltd", "limited", "plc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co",
    "company", "llc", "gmbh", "ag", "sa", "sas", "bv", "nv", "pty", "group", "holdings", "cic",
    "uk",
}
# Two-word legal forms, matched before the single words.
LEGAL_SUFFIX_PHRASES = (
    "community interest company", "public limited company", "limited liability partnership",
    "and co", "uk ltd", "uk limited",
)
# "X trading as Y", "X t/a Y", "X (trading as Y)": both X and Y are names of the organisation.
TRADING_AS = re.compile(r"\s*\(?\b(?:trading as|t/a|formerly known as|formerly|f/k/a|aka|also known as)\b\s*",
                        re.IGNORECASE)
# Names that are never an organisation's identity (the extractor should not emit them; if it
# does, they must not glue unrelated organisations together).
GENERIC_NAMES = {
    "", "controller", "data controller", "company", "organisation", "firm", "business", "council",
    "school", "trust", "charity", "police", "force", "university", "hospital", "department",
    "ministry", "government", "authority", "agency", "association", "union", "bank", "office",
    "partnership", "service", "services", "commissioner", "regulator", "watchdog", "hacker",
    "hackers", "provider", "supplier", "software provider", "it provider",
}
# A name containing these words is the regulator's (never the penalised party) or a citation
# of the law ("Section 155 Data Protection Act 2018"), not an organisation.
_REGULATOR_WORDS = re.compile(
    r"\b(ico|information commissioner[s]?)\b|\bsection \d+\b|\bact \d{4}\b|\bregulations? \d{4}\b")

RANK_MANUAL, RANK_REGULATOR, RANK_PRESS = 3, 2, 1


def normalise_name(name: str | None) -> str:
    """The comparable form of one name: lower case, no accents, punctuation, "The" or legal suffix.

    >>> normalise_name("The Advanced Computer Software Group Ltd.")
    'advanced computer software'
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "s", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    changed = True
    while changed and len(words) > 1:
        changed = False
        joined = " ".join(words)
        for phrase in LEGAL_SUFFIX_PHRASES:
            if joined.endswith(" " + phrase) and len(phrase.split()) < len(words):
                words = words[: -len(phrase.split())]
                changed = True
                break
        if not changed and words[-1] in LEGAL_SUFFIXES and len(words) > 1:
            words = words[:-1]
            changed = True
    return " ".join(words)


def split_trading_names(name: str) -> list[str]:
    """'A Ltd trading as B' -> ['A Ltd', 'B']; a name without such a phrase -> [name]."""
    parts = [part.strip(" ()") for part in TRADING_AS.split(name)]
    return [part for part in parts if part]


def slugify(text: str) -> str:
    """A URL-safe id fragment: 'advanced computer software' -> 'advanced-computer-software'."""
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text) or text.lower()).strip("-") or "unknown"


def is_meaningful(name: str | None) -> bool:
    """False for empty or generic names ("the controller", "Council") that identify nobody,
    and for the regulator's own names (it is never the penalised party)."""
    key = normalise_name(name)
    return key not in GENERIC_NAMES and not _REGULATOR_WORDS.search(key) and any(c.isalpha() for c in key)


_STOP_WORDS = {"of", "the", "and", "for", "in", "on", "to"}


def acronym_keys(name: str) -> set[str]:
    """Initialism forms of a name, to recognise "MoD" or "Central YMCA" for the full name.

    Each word gives its first letter, except a word that already is an acronym (two or more
    capitals: "YMCA", "MoD") which gives itself; computed with and without small words ("of",
    "and"), because "MoD" keeps them and "HMRC" does not. Keys shorter than 3 letters are too
    ambiguous to use.
    """
    cleaned = TRADING_AS.split(name)[0]
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9']*", unicodedata.normalize("NFKD", cleaned))
    words = [w for w in words if w.lower() not in LEGAL_SUFFIXES or w == words[0]]
    if words and words[0].lower() == "the":
        words = words[1:]
    keys = set()
    for keep_small in (True, False):
        parts = []
        for word in words:
            if not keep_small and word.lower() in _STOP_WORDS:
                continue
            capitals = sum(1 for c in word if c.isupper())
            parts.append(word.lower() if capitals >= 2 else word[0].lower())
        key = "".join(parts)
        if len(key) >= 3:
            keys.add(key)
    return keys


def has_acronym(name: str) -> bool:
    """Does the name contain a word written as an acronym ("YMCA", "MoD", "HMRC")?"""
    return any(sum(1 for c in word if c.isupper()) >= 2 and len(word) <= 6
               for word in re.findall(r"[A-Za-z]+", name))


# --------------------------------------------------------------------------------------------
# Manual rules: pipeline/link/organisations.yaml


@dataclass
class ManualRules:
    """Merges and splits a person decided, from pipeline/link/organisations.yaml.

    merge: each entry is a list of names of ONE organisation; the first is its canonical name.
    split: each entry is a list of names of DIFFERENT organisations that must never be joined,
           even when an extracted alias or a shared short name would join them.
    """

    merges: list[list[str]] = field(default_factory=list)
    splits: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._merge_of: dict[str, int] = {}
        for index, names in enumerate(self.merges):
            for name in names:
                key = normalise_name(name)
                if key and key not in self._merge_of:
                    self._merge_of[key] = index
        self._split_of: dict[str, tuple[int, int]] = {}
        for group_index, names in enumerate(self.splits):
            for member_index, name in enumerate(names):
                key = normalise_name(name)
                if key:
                    self._split_of[key] = (group_index, member_index)

    def merge_group(self, keys: Iterable[str]) -> list[str] | None:
        """The manual merge group any of these normalised names belongs to, if one."""
        for key in keys:
            if key in self._merge_of:
                return self.merges[self._merge_of[key]]
        return None

    def split_member(self, key: str) -> tuple[int, int] | None:
        return self._split_of.get(key)

    def conflicts(self, key_a: str, key_b: str) -> bool:
        """True when a split entry says these two names are different organisations."""
        a, b = self._split_of.get(key_a), self._split_of.get(key_b)
        return a is not None and b is not None and a[0] == b[0] and a[1] != b[1]


def default_rules_path() -> Path:
    """The organisation rules shipped with the package: pipeline/link/organisations.yaml."""
    return package_file("pipeline.link", "organisations.yaml")


_RULES_CACHE: dict[Path, tuple[tuple[int, int], ManualRules]] = {}


def load_rules(path: Path | None = None) -> ManualRules:
    """Read pipeline/link/organisations.yaml (or `path`); a missing file means no manual rules.

    Parsed once per version of the file (its mtime and size): link_document calls this for every
    document, and parsing YAML each time would cost more than the linking itself.
    """
    path = Path(path or default_rules_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ManualRules()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _RULES_CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rules = _parse_rules(path)
    _RULES_CACHE[path] = (stamp, rules)
    return rules


def _parse_rules(path: Path) -> ManualRules:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'merge' and 'split' lists")

    def name_lists(key: str) -> list[list[str]]:
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise ValueError(f"{path}: '{key}' must be a list")
        result = []
        for entry in entries:
            names = entry.get("names") if isinstance(entry, dict) else entry
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) < 2:
                raise ValueError(f"{path}: each '{key}' entry must list at least two names: {entry!r}")
            result.append(names)
        return result

    return ManualRules(merges=name_lists("merge"), splits=name_lists("split"))


# --------------------------------------------------------------------------------------------
# Resolving names to an organisation row


@dataclass
class NameSet:
    """The names one action gives its organisation, with the main one first."""

    primary: str
    aliases: list[str]
    company_number: str | None
    rank: int                      # RANK_REGULATOR for an ICO document, RANK_PRESS otherwise

    def all_names(self) -> list[str]:
        names: list[str] = []
        for name in [self.primary, *self.aliases]:
            for part in split_trading_names(name):
                if is_meaningful(part) and part not in names:
                    names.append(part)
        return names


def _org_ids_for_key(db: sqlite_utils.Database, key: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT organisation_id FROM organisation_aliases WHERE normalised_alias = ? "
        "ORDER BY organisation_id", [key])]


def _new_org_id(db: sqlite_utils.Database, name: str) -> str:
    base = slugify(name)
    candidate, n = base, 2
    while db.execute("SELECT 1 FROM organisations WHERE id = ?", [candidate]).fetchone():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _company_number(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = re.sub(r"\s+", "", str(value)).upper()
    return cleaned or None


def resolve_organisation(db: sqlite_utils.Database, names: NameSet, rules: ManualRules,
                         fits: Callable[[str], bool] = lambda org_id: False,
                         create: bool = True) -> str | None:
    """The id of the organisation these names belong to, creating it if none matches
    (with create=False: None, and nothing written).

    Order of evidence: a manual merge group; the company number; the main name (full normalised
    match); then any alias that leads to exactly one organisation. When a name leads to several,
    `fits(org_id)` (does that organisation have a case this action is compatible with?) decides.
    An alias that is only a shortening of the main name ("Advanced" for "Advanced Supply Chain"),
    or an organisation the press alone knows by such a shortening, joins only when `fits` says
    so; an initialism ("Central YMCA") likewise. Returns None when no name is meaningful.
    Adds every name as an alias of the organisation it resolved to.
    """
    all_names = names.all_names()
    if not all_names:
        return None
    keys = [normalise_name(n) for n in all_names]
    primary_key = keys[0]
    number = _company_number(names.company_number)
    # A split entry names distinct organisations: drop any alias that belongs to another member.
    keys_kept = [k for k in keys if not rules.conflicts(primary_key, k)]
    names_kept = [n for n, k in zip(all_names, keys) if k in keys_kept]

    org_id: str | None = None
    group = rules.merge_group(keys_kept)
    if group is not None:
        group_keys = [normalise_name(n) for n in group]
        for key in group_keys:
            found = _org_ids_for_key(db, key)
            if found:
                org_id = found[0]
                break
        if org_id is None:
            org_id = _create(db, group[0], RANK_MANUAL, number)
        for name in group:
            _add_alias(db, org_id, name, "manual")
    if org_id is None and number:
        row = db.execute("SELECT id FROM organisations WHERE company_number = ? ORDER BY id",
                         [number]).fetchone()
        org_id = row[0] if row else None
    if org_id is None:
        # Same name, different company number: a namesake, not this organisation.
        candidates = [c for c in _org_ids_for_key(db, primary_key)
                      if not _number_conflict(db, c, number)]
        org_id = _choose(db, candidates, primary_key, fits)
    if org_id is None:
        candidates, shortened = [], []
        primary_words = set(primary_key.split())
        for key in keys_kept[1:]:
            # "Advanced" for "Advanced Supply Chain": a shortening of this very name does not say
            # which "Advanced" it is, so alone it joins only an organisation with a fitting case.
            bucket = shortened if set(key.split()) <= primary_words else candidates
            for candidate in _org_ids_for_key(db, key):
                if candidate not in bucket and not _number_conflict(db, candidate, number) \
                        and not _split_conflict(db, candidate, primary_key, rules):
                    bucket.append(candidate)
        # And the other way round: an organisation the press knows only by a shortening of this
        # name ("Advanced", before the ICO names "Advanced Computer Software Group Ltd").
        words = primary_key.split()
        for size in range(len(words) - 1, 0, -1):
            for candidate in _org_ids_for_key(db, " ".join(words[:size])):
                if candidate not in shortened and _press_named_only(db, candidate) \
                        and not _number_conflict(db, candidate, number):
                    shortened.append(candidate)
        if len(candidates) > 1:
            candidates = [c for c in candidates if fits(c)]
        if not candidates:
            candidates = [c for c in shortened if fits(c)]
        if len(candidates) == 1:
            org_id = candidates[0]
    if org_id is None:
        org_id = _match_acronym(db, names_kept, fits)
    if org_id is None:
        if not create:
            return None
        org_id = _create(db, names_kept[0], names.rank, number)

    source = "ico" if names.rank >= RANK_REGULATOR else "extracted"
    for name in names_kept:
        _add_alias(db, org_id, name, source)
    _maybe_rename(db, org_id, names_kept[0], names.rank, rules)
    if number:
        db.execute("UPDATE organisations SET company_number = ? WHERE id = ? AND company_number IS NULL",
                   [number, org_id])
    refresh_aliases_text(db, org_id)
    return org_id


def _match_acronym(db: sqlite_utils.Database, names: list[str],
                   fits: Callable[[str], bool]) -> str | None:
    """"Central YMCA" for "Central Young Men's Christian Association", "MoD" for "Ministry of
    Defence": an initialism match, used only when the new name is written with an acronym, the
    match is unique, and the organisation has a case this action fits (initialisms collide
    easily). It reads every alias, so it runs only for such names, which are few."""
    if not any(has_acronym(name) for name in names):
        return None
    wanted: set[str] = set()
    for name in names:
        wanted |= acronym_keys(name)
    if not wanted:
        return None
    found: set[str] = set()
    for org_id, alias in db.execute("SELECT organisation_id, alias FROM organisation_aliases"):
        if acronym_keys(alias) & wanted:
            found.add(org_id)
    fitting = sorted(org for org in found if fits(org))
    return fitting[0] if len(fitting) == 1 else None


def _choose(db: sqlite_utils.Database, candidates: list[str], key: str,
            fits: Callable[[str], bool]) -> str | None:
    """One of several organisations known by the same name: the one with a compatible case,
    else the one whose own (canonical) name it is, else the first id (deterministic)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    narrowed = [c for c in candidates if fits(c)]
    if len(narrowed) == 1:
        return narrowed[0]
    pool = narrowed or candidates
    for candidate in pool:
        row = db.execute("SELECT normalised_name FROM organisations WHERE id = ?", [candidate]).fetchone()
        if row and row[0] == key:
            return candidate
    return sorted(pool)[0]


def _press_named_only(db: sqlite_utils.Database, org_id: str) -> bool:
    """Is every name of this organisation from the press (none from the ICO or a person)?"""
    row = db.execute("SELECT count(*) FROM organisation_aliases WHERE organisation_id = ? "
                     "AND source IN ('ico', 'manual')", [org_id]).fetchone()
    return row[0] == 0


def _number_conflict(db: sqlite_utils.Database, org_id: str, number: str | None) -> bool:
    if not number:
        return False
    row = db.execute("SELECT company_number FROM organisations WHERE id = ?", [org_id]).fetchone()
    return bool(row and row[0] and row[0] != number)


def _split_conflict(db: sqlite_utils.Database, org_id: str, primary_key: str,
                    rules: ManualRules) -> bool:
    for (alias,) in db.execute("SELECT normalised_alias FROM organisation_aliases WHERE organisation_id = ?",
                               [org_id]):
        if rules.conflicts(primary_key, alias):
            return True
    return False


def _create(db: sqlite_utils.Database, name: str, rank: int, number: str | None) -> str:
    org_id = _new_org_id(db, name)
    db.execute(
        "INSERT INTO organisations (id, name, normalised_name, company_number, aliases) "
        "VALUES (?, ?, ?, ?, ?)",
        [org_id, name, normalise_name(name), number, name],
    )
    _add_alias(db, org_id, name, {RANK_MANUAL: "manual", RANK_REGULATOR: "ico"}.get(rank, "extracted"))
    logger.debug("new organisation %s (%s)", org_id, name)
    return org_id


_SOURCE_RANK = {"manual": RANK_MANUAL, "ico": RANK_REGULATOR, "extracted": RANK_PRESS}


def _add_alias(db: sqlite_utils.Database, org_id: str, name: str, source: str) -> None:
    key = normalise_name(name)
    if not key:
        return
    row = db.execute(
        "SELECT source FROM organisation_aliases WHERE organisation_id = ? AND normalised_alias = ?",
        [org_id, key]).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO organisation_aliases (organisation_id, alias, normalised_alias, source) "
            "VALUES (?, ?, ?, ?)", [org_id, name, key, source])
    elif _SOURCE_RANK.get(source, 0) > _SOURCE_RANK.get(row[0] or "", 0):
        db.execute(
            "UPDATE organisation_aliases SET alias = ?, source = ? "
            "WHERE organisation_id = ? AND normalised_alias = ?", [name, source, org_id, key])


def _name_quality(name: str) -> tuple[int, int]:
    """Prefer the legal name: one with a legal suffix, then the longer one."""
    words = re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split()
    has_suffix = bool(words) and words[-1] in LEGAL_SUFFIXES
    return (int(has_suffix), len(name))


def _maybe_rename(db: sqlite_utils.Database, org_id: str, name: str, rank: int,
                  rules: ManualRules) -> None:
    """Show the best name: manual canonical > the ICO's name > the press's; legal form preferred.

    Only the display name changes; the id stays what it was.
    """
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [org_id]).fetchone()
    if row is None:
        return
    current = row[0]
    aliases = {alias: source for alias, source in db.execute(
        "SELECT alias, source FROM organisation_aliases WHERE organisation_id = ?", [org_id])}
    group = rules.merge_group([normalise_name(a) for a in aliases])
    if group is not None:
        best = group[0]
    else:
        def score(alias: str) -> tuple[int, int, int, str]:
            return (_SOURCE_RANK.get(aliases.get(alias) or "", 0), *_name_quality(alias), alias)
        best = max(aliases, key=score) if aliases else name
    if best != current:
        db.execute("UPDATE organisations SET name = ?, normalised_name = ? WHERE id = ?",
                   [best, normalise_name(best), org_id])


def refresh_aliases_text(db: sqlite_utils.Database, org_id: str) -> None:
    """Keep organisations.aliases and the cases' copies ('; '-joined) in step with the alias rows."""
    name_row = db.execute("SELECT name FROM organisations WHERE id = ?", [org_id]).fetchone()
    if name_row is None:
        return
    name = name_row[0]
    aliases = [alias for (alias,) in db.execute(
        "SELECT alias FROM organisation_aliases WHERE organisation_id = ? ORDER BY alias", [org_id])]
    others = [alias for alias in aliases if alias != name]
    joined = "; ".join(aliases)
    db.execute("UPDATE organisations SET aliases = ? WHERE id = ? AND aliases IS NOT ?",
               [joined, org_id, joined])
    db.execute(
        "UPDATE cases SET organisation = ?, organisation_aliases = ? WHERE organisation_id = ? "
        "AND (organisation IS NOT ? OR organisation_aliases IS NOT ?)",
        [name, "; ".join(others), org_id, name, "; ".join(others)],
    )
