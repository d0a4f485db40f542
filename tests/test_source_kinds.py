"""One registry of source kinds: a kind registered once is validated, collected and replayed."""
from __future__ import annotations

import pytest

from pipeline.collect import RawRecord, SourceResult, collect, kinds as kinds_module
from pipeline.collect.kinds import KINDS, SourceKind, replay_parsers
from pipeline.collect.replay import documents_from_raw
from pipeline.models import Document
from pipeline.sources import parse_sources, source_kinds


def test_the_kinds_feeds_yaml_accepts_are_the_registered_ones():
    assert set(source_kinds()) == set(KINDS) == {"ico_search_api", "feed"}


def test_every_parser_a_collector_names_has_one_replay():
    # The parsers the collectors write into RawRecord.parser, each replayed by exactly one kind.
    assert set(replay_parsers()) == {"ico_search_api", "ico_page", "notice_pdf", "notice_docx", "feed",
                                      "article"}


def test_a_new_kind_is_one_registration(monkeypatch):
    """Registering a kind is enough for feeds.yaml, for a live run and for `reparse`."""
    def collect_echo(source, fetcher) -> SourceResult:
        result = SourceResult(source=source.id)
        result.documents.append(Document(url=source.url, source=source.id, kind="article",
                                         title=source.outlet, text="echo", published=None,
                                         fetched_at="2026-11-29T00:00:00Z"))
        return result

    def replay_echo(record: RawRecord, body: bytes) -> list[Document]:
        return [Document(url=record.url, source=record.source, kind="article", title=None,
                         text=body.decode(), published=None, fetched_at=record.fetched_at)]

    echo = SourceKind(name="echo", fields=frozenset({"outlet"}),
                      options=lambda read, entry: {"outlet": read("outlet", str, None)},
                      collect=collect_echo, replay={"echo_body": replay_echo},
                      check=lambda source, fetcher: "fine")
    monkeypatch.setitem(KINDS, "echo", echo)
    assert kinds_module.source_kind("echo") is echo

    (source,) = parse_sources([{"id": "e", "kind": "echo", "url": "https://example.org/x", "outlet": "Echo"}])
    assert (source.kind, source.outlet) == ("echo", "Echo")
    result = collect(source, fetcher=None)  # type: ignore[arg-type]
    assert [d.title for d in result.documents] == ["Echo"]
    record = RawRecord(sha256="0" * 64, url="https://example.org/x", fetched_at="2026-11-29T00:00:00Z",
                       status=200, content_type="text/plain", source="e", parser="echo_body")
    assert [d.text for d in documents_from_raw(record, b"archived")] == ["archived"]


def test_a_parser_name_claimed_by_two_kinds_is_refused(monkeypatch):
    clash = SourceKind(name="clash", fields=frozenset(), options=lambda read, entry: {},
                       collect=lambda source, fetcher: SourceResult(source=source.id),
                       replay={"feed": lambda record, body: []}, check=lambda source, fetcher: "")
    monkeypatch.setitem(KINDS, "clash", clash)
    with pytest.raises(RuntimeError, match="'feed' is registered by two source kinds"):
        replay_parsers()
