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

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils
import yaml

from pipeline.names import (
    GENERIC_NAMES,
    LEGAL_SUFFIXES,
    acronym_keys,
    has_acronym,
    has_legal_suffix,
    is_meaningful,
    normalise_name,
    slugify,
    split_trading_names,
)
from pipeline.resources import package_file
from pipeline.store import organisations as store

logger = logging.getLogger(__name__)

__all__ = ["GENERIC_NAMES", "LEGAL_SUFFIXES", "ManualRules", "NameSet", "acronym_keys", "has_acronym",
           "is_meaningful", "load_rules", "normalise_name", "resolve_organisation", "slugify",
           "split_trading_names"]

RANK_MANUAL, RANK_REGULATOR, RANK_PRESS = 3, 2, 1


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


@functools.lru_cache(maxsize=1)
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


def _company_number(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = re.sub(r"\s+", "", str(value)).upper()
    return cleaned or None


_RANK_SOURCE = {RANK_MANUAL: "manual", RANK_REGULATOR: "ico", RANK_PRESS: "extracted"}


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
    Adds every name as an alias of the organisation it resolved to. Every read and write goes
    through pipeline.store.organisations.
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

    def number_conflict(org_id: str) -> bool:
        """Same name, different company number: a namesake, not this organisation."""
        if not number:
            return False
        theirs = store.company_number(db, org_id)
        return bool(theirs and theirs != number)

    def split_conflict(org_id: str) -> bool:
        return any(rules.conflicts(primary_key, alias) for alias in store.alias_keys(db, org_id))

    org_id: str | None = None
    group = rules.merge_group(keys_kept)
    if group is not None:
        for key in (normalise_name(n) for n in group):
            found = store.ids_for_key(db, key)
            if found:
                org_id = found[0]
                break
        if org_id is None:
            org_id = store.create(db, group[0], "manual", number)
        for name in group:
            store.add_alias(db, org_id, name, "manual")
    if org_id is None and number:
        org_id = store.id_for_company_number(db, number)
    if org_id is None:
        candidates = [c for c in store.ids_for_key(db, primary_key) if not number_conflict(c)]
        org_id = _choose(db, candidates, primary_key, fits)
    if org_id is None:
        candidates = []
        shortened: list[str] = []
        primary_words = set(primary_key.split())
        for key in keys_kept[1:]:
            # "Advanced" for "Advanced Supply Chain": a shortening of this very name does not say
            # which "Advanced" it is, so alone it joins only an organisation with a fitting case.
            bucket = shortened if set(key.split()) <= primary_words else candidates
            for candidate in store.ids_for_key(db, key):
                if candidate not in bucket and not number_conflict(candidate) \
                        and not split_conflict(candidate):
                    bucket.append(candidate)
        # And the other way round: an organisation the press knows only by a shortening of this
        # name ("Advanced", before the ICO names "Advanced Computer Software Group Ltd").
        words = primary_key.split()
        for size in range(len(words) - 1, 0, -1):
            for candidate in store.ids_for_key(db, " ".join(words[:size])):
                if candidate not in shortened and store.named_by_press_only(db, candidate) \
                        and not number_conflict(candidate):
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
        org_id = store.create(db, names_kept[0], _RANK_SOURCE.get(names.rank, "extracted"), number)

    source = "ico" if names.rank >= RANK_REGULATOR else "extracted"
    for name in names_kept:
        store.add_alias(db, org_id, name, source)
    known = store.aliases(db, org_id)
    best = best_name(known, rules.merge_group(normalise_name(a) for a in known), fallback=names_kept[0])
    store.set_name(db, org_id, best)
    if number:
        store.set_company_number_if_missing(db, org_id, number)
    store.refresh_aliases_text(db, org_id)
    return org_id


def _match_acronym(db: sqlite_utils.Database, names: list[str],
                   fits: Callable[[str], bool]) -> str | None:
    """"Central YMCA" for "Central Young Men's Christian Association", "MoD" for "Ministry of
    Defence": an initialism match, used only when the new name is written with an acronym, the
    match is unique, and the organisation has a case this action fits (initialisms collide
    easily). The initialisms of every alias are kept in an index (organisation_acronyms), so
    this is a lookup, not a scan."""
    if not any(has_acronym(name) for name in names):
        return None
    wanted: set[str] = set()
    for name in names:
        wanted |= acronym_keys(name)
    if not wanted:
        return None
    fitting = sorted(org for org in store.ids_for_acronyms(db, wanted) if fits(org))
    return fitting[0] if len(fitting) == 1 else None


def choose_among(candidates: list[str], key: str, fits: Callable[[str], bool],
                 canonical_key: Callable[[str], str | None]) -> str | None:
    """One of several organisations known by the same name: the one with a compatible case,
    else the one whose own (canonical) name it is, else the first id (deterministic)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    narrowed = [c for c in candidates if fits(c)]
    if len(narrowed) == 1:
        return narrowed[0]
    pool = narrowed or candidates
    for candidate in pool:
        if canonical_key(candidate) == key:
            return candidate
    return sorted(pool)[0]


def _choose(db: sqlite_utils.Database, candidates: list[str], key: str,
            fits: Callable[[str], bool]) -> str | None:
    return choose_among(candidates, key, fits, lambda org: store.normalised_name(db, org))


_SOURCE_RANK = {"manual": RANK_MANUAL, "ico": RANK_REGULATOR, "extracted": RANK_PRESS}


def _name_quality(name: str) -> tuple[int, int]:
    """Prefer the legal name: one with a legal suffix, then the longer one."""
    return (int(has_legal_suffix(name)), len(name))


def best_name(aliases: dict[str, str | None], group: list[str] | None, fallback: str) -> str:
    """The name to show: manual canonical > the ICO's name > the press's; legal form preferred.

    Only the display name changes with it; the id stays what it was.
    """
    if group is not None:
        return group[0]
    if not aliases:
        return fallback

    def score(alias: str) -> tuple[int, int, int, str]:
        return (_SOURCE_RANK.get(aliases.get(alias) or "", 0), *_name_quality(alias), alias)
    return max(aliases, key=score)


def refresh_aliases_text(db: sqlite_utils.Database, org_id: str) -> None:
    """Keep organisations.aliases and the cases' copies in step with the alias rows."""
    store.refresh_aliases_text(db, org_id)
