"""Rebuild Documents from one archived response: what `enforcement-monitor reparse` runs.

Each RawRecord names the parser its body needs and carries what the collector knew when it
fetched it (the listing facts, the feed item). Giving today's parsers the same bytes and the
same context yields the documents a run would make today, so a parser fix reaches history.
Which function replays which parser is part of each source kind's registration
(`pipeline.collect.kinds`), next to the collector that wrote the record.
"""
from __future__ import annotations

from pipeline.collect import RawRecord
from pipeline.collect.kinds import replay_parsers
from pipeline.models import Document


def documents_from_raw(record: RawRecord, body: bytes) -> list[Document]:
    """The documents one archived response yields. Raises ParseError if the body is unreadable
    (and ValueError for a record whose parser is unknown)."""
    replay = replay_parsers().get(record.parser)
    if replay is None:
        raise ValueError(f"unknown parser {record.parser!r} for {record.url}")
    return replay(record, body)


__all__ = ["documents_from_raw"]
