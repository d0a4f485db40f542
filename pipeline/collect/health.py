"""Source health over nights: which failures are only robots.txt, which sources have gone stale.

Two things a maintainer reading the nightly job summary needs, and that one run's table does not
show: whether tonight's failures are only sources whose own robots.txt turned us away (nothing is
broken; the entry should be disabled in feeds.yaml), and which sources have been failing night
after night (a source failing for more than `STALE_AFTER_NIGHTS` runs in a row is stale: its
site changed or went away, and one red night among many no longer draws the eye).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

STALE_AFTER_NIGHTS = 3
ROBOTS_CLASS = "robots_disallowed"
ROBOTS_ONLY_NOTE = ("Every source that failed was refused by its own robots.txt (robots_disallowed): "
                    "nothing is broken, but those sources cannot be collected; disable them in feeds.yaml "
                    "(enabled: false, with the reason).")


@dataclass(frozen=True)
class StaleSource:
    source: str
    nights: int                 # consecutive runs, latest first, in which the source failed
    error_class: str | None     # the latest failure's class
    since: str | None           # when the first failing run of the streak started


def robots_only(error_classes: Iterable[str | None]) -> bool:
    """True when there were failures and every one of them is a robots.txt refusal."""
    classes = list(error_classes)
    return bool(classes) and all(error_class == ROBOTS_CLASS for error_class in classes)


def stale_sources(conn: sqlite3.Connection, *, stale_after: int = STALE_AFTER_NIGHTS) -> list[StaleSource]:
    """Sources whose latest runs failed more than `stale_after` times in a row (a run without
    the source, e.g. `run --source other`, neither breaks nor extends a streak)."""
    rows = conn.execute(
        "select source, status, error_class, started_at from source_runs order by source, run_id desc, id desc"
    ).fetchall()
    streaks: dict[str, list] = {}
    ended: set[str] = set()
    for source, status, error_class, started_at in rows:
        if source in ended:
            continue
        if status != "error":
            ended.add(source)
            continue
        streak = streaks.setdefault(source, [0, error_class, started_at])
        streak[0] += 1
        streak[2] = started_at
    return sorted((StaleSource(source, nights, error_class, since)
                   for source, (nights, error_class, since) in streaks.items() if nights > stale_after),
                  key=lambda s: (-s.nights, s.source))


def summary_lines(conn: sqlite3.Connection, failed_error_classes: Iterable[str | None], *,
                  stale_after: int = STALE_AFTER_NIGHTS) -> list[str]:
    """Markdown lines for the job summary: the robots-only note and the stale sources, if any."""
    lines: list[str] = []
    if robots_only(failed_error_classes):
        lines += [ROBOTS_ONLY_NOTE, ""]
    stale = stale_sources(conn, stale_after=stale_after)
    if stale:
        lines += [f"### {len(stale)} stale source(s): failing for more than {stale_after} nights", ""]
        lines += [f"- **{s.source}**: {s.nights} nights in a row ({s.error_class or 'error'}), since {s.since}"
                  for s in stale]
        lines.append("")
    return lines


__all__ = ["STALE_AFTER_NIGHTS", "ROBOTS_ONLY_NOTE", "StaleSource", "robots_only", "stale_sources",
           "summary_lines"]
