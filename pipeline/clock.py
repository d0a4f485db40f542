"""Time and dates, in one format everywhere.

`utc_now()` is the only clock the pipeline writes to the database (runs, source_runs,
extractions, cases, raw records): ISO 8601 UTC to the second, with a "Z", so two timestamps of
one row can be compared as text. `parse_day()` reads the dates documents and actions carry.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the second: '2025-03-27T09:30:00Z'."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_day(value: str | None) -> date | None:
    """'2024-08-07' or '2024-08' (taken as the 1st) → date; anything else → None."""
    if not value:
        return None
    match = _DAY.match(str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def days_between(a: date, b: date) -> int:
    """Signed number of days from a to b."""
    return b.toordinal() - a.toordinal()
