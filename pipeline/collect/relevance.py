"""Is an item about data-protection enforcement? A whole-word, case-insensitive term match.

Kept deliberately simple and configurable (feeds.yaml `relevance_terms`): a journalist can read
the list and know exactly why an item was or was not kept.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

logger = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = [t.strip() for t in terms if t and t.strip()]
    if not cleaned:
        return None
    # Longest first so "monetary penalty" is tried before "penalty"; \w boundaries so "ICO"
    # does not match inside "Puerto Rico" or "fine" inside "finest".
    alternatives = "|".join(re.escape(t) for t in sorted(cleaned, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def is_relevant(texts: Iterable[str | None], terms: tuple[str, ...]) -> bool:
    """True when any term occurs as a whole word in any of the texts; True when no terms are set."""
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return True
    return any(pattern.search(text) for text in texts if text)


__all__ = ["is_relevant"]
