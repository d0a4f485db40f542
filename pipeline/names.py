"""Organisation names: one normal form, one list of legal forms, one list of generic words.

Extraction groups the names of one party with these rules and linking matches them against the
organisations already known with the same rules, so "Advanced Computer Software Group Ltd" is one
key, "advanced computer software", in both places:

- `normalise_name`: lower case, accents and punctuation gone, "&" read as "and", a leading "The"
  and legal forms at the END dropped, repeatedly ("Group Holdings Ltd"). "Group" is a legal form
  here: "Saga Group" and "Saga plc" are one name. Two names that differ by a real word ("Saga
  Services") stay different keys; extraction decides separately whether a shorter name is a
  shortening of a longer one (see pipeline.extract.roles.same_party).
- `acronym_keys` / `initials`: the initialisms a name can be written as ("MoD", "WBAC").
- `GENERIC_NAMES` and `is_meaningful`: names that identify nobody ("the council", "controller").
- `text_words`: a text in the same normal form, to find a normalised name in it as whole words.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Legal-form words dropped from the END of a name (repeatedly: "Group Holdings Ltd").
LEGAL_SUFFIXES = frozenset({
    "ltd", "limited", "plc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co",
    "company", "llc", "gmbh", "ag", "sa", "sas", "bv", "nv", "pty", "group", "holdings", "cic",
    "uk",
})
# Multi-word legal forms, matched before the single words.
LEGAL_SUFFIX_PHRASES = (
    "community interest company", "public limited company", "limited liability partnership",
    "and co", "uk ltd", "uk limited",
)
# "X trading as Y", "X t/a Y", "X (trading as Y)": both X and Y are names of the organisation.
TRADING_AS = re.compile(r"\s*\(?\b(?:trading as|t/a|formerly known as|formerly|f/k/a|aka|also known as)\b\s*",
                        re.IGNORECASE)
# Names that are never an organisation's identity (the extractor should not emit them; if it
# does, they must not glue unrelated organisations together). Compared on the normal form.
GENERIC_NAMES = frozenset({
    "", "controller", "data controller", "company", "organisation", "firm", "business", "council",
    "school", "trust", "charity", "police", "force", "university", "hospital", "department",
    "ministry", "government", "authority", "agency", "association", "union", "bank", "office",
    "partnership", "service", "services", "commissioner", "regulator", "watchdog", "hacker",
    "hackers", "provider", "supplier", "software provider", "it provider",
})
# A name containing these words is the regulator's (never the penalised party) or a citation
# of the law ("Section 155 Data Protection Act 2018"), not an organisation.
_REGULATOR_WORDS = re.compile(
    r"\b(ico|information commissioner[s]?)\b|\bsection \d+\b|\bact \d{4}\b|\bregulations? \d{4}\b")
# Small words an initialism may or may not keep ("MoD" keeps "of", "HMRC" does not).
STOP_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to"})


def _plain(text: str) -> str:
    """Lower case, accents gone, "&" as "and", possessive "'s" as "s", anything else a space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "s", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@functools.lru_cache(maxsize=65_536)
def normalise_name(name: str | None) -> str:
    """The comparable form of one name: lower case, no accents, punctuation, "The" or legal suffix.
    (Cached: linking normalises the same few names many times per document.)

    >>> normalise_name("The Advanced Computer Software Group Ltd.")
    'advanced computer software'
    """
    if not name:
        return ""
    words = _plain(name).split()
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


def text_words(text: str) -> str:
    """A whole text in the normal form of names, padded with spaces: a normalised name occurs in
    it as whole words when f" {key} " is a substring ("23andMe, Inc." is named by "23andMe")."""
    return f" {re.sub(r'[^a-z0-9]+', ' ', text.lower())} "


def first_word(key: str) -> str:
    """The first word of a normalised name: what an index of names is looked up by."""
    return key.split(" ", 1)[0]


def split_trading_names(name: str) -> list[str]:
    """'A Ltd trading as B' -> ['A Ltd', 'B']; a name without such a phrase -> [name]."""
    parts = [part.strip(" ()") for part in TRADING_AS.split(name)]
    return [part for part in parts if part]


def slugify(text: str) -> str:
    """A URL-safe id fragment: 'advanced computer software' -> 'advanced-computer-software'."""
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text) or text.lower()).strip("-") or "unknown"


# A register page's title may name the law after the party, set off by a dash: "Rizwan Manjra –
# Proceeds of Crime Act", "Acme Ltd - Data Protection Act 2018".
LAW_AFTER_DASH_RE = re.compile(r"[ \t]{1,8}[–—-][ \t]{1,8}(?:(?:[A-Z][\w'’.-]{0,30}|of|and|the|for)[ \t]{1,3}){0,6}?"
                               r"(?:Act|Regulations|Order)(?:[ \t]{1,3}(?:19|20)\d{2})?$")


def without_law_after_dash(name: str) -> str:
    """The party of a title that names the law after a dash ("Rizwan Manjra – Proceeds of Crime Act")."""
    return LAW_AFTER_DASH_RE.sub("", name).strip() or name


def is_meaningful(name: str | None) -> bool:
    """False for empty or generic names ("the controller", "Council") that identify nobody,
    and for the regulator's own names (it is never the penalised party)."""
    key = normalise_name(name)
    return key not in GENERIC_NAMES and not _REGULATOR_WORDS.search(key) and any(c.isalpha() for c in key)


def has_legal_suffix(name: str) -> bool:
    """Does the name end in a legal form ("... Ltd", "... plc")? Such a name is the legal one."""
    words = re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split()
    return bool(words) and words[-1] in LEGAL_SUFFIXES


def initials(name: str) -> str:
    """The first letters of a name's words, legal forms left out: 'We Buy Any Car Limited' -> 'wbac'."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.lower() not in LEGAL_SUFFIXES]
    return "".join(w[0] for w in words).lower()


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
            if not keep_small and word.lower() in STOP_WORDS:
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
