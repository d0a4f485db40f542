"""feeds.yaml validation: every mistake is one line naming the entry and the field."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from pipeline.sources import (
    ICO_REGISTERS,
    FeedsFileError,
    load_sources,
    parse_sources,
    with_base_url,
)

REPO = Path(__file__).resolve().parents[1]

ICO = {"id": "ico-enforcement", "kind": "ico_search_api", "url": "https://ico.org.uk/api/search",
       "root_page_id": 17222}
FEED = {"id": "pulse", "kind": "feed", "url": "https://www.pulsetoday.co.uk/feed/", "outlet": "Pulse"}


def test_valid_entries_become_sources_with_defaults():
    ico, feed = parse_sources({"sources": [ICO, FEED]})
    assert (ico.id, ico.kind, ico.root_page_id, ico.delay_seconds, ico.enabled) == (
        "ico-enforcement", "ico_search_api", 17222, 6.0, True)
    assert ico.relevance_terms == ()          # the enforcement register is all relevant
    assert (feed.outlet, feed.fetch_articles, feed.max_items) == ("Pulse", True, 2000)
    assert "Information Commissioner" in feed.relevance_terms


@pytest.mark.parametrize(
    "entry, message",
    [
        ({**FEED, "kind": "atom"}, "unknown kind 'atom'"),
        ({**FEED, "url": "ftp://example.org/feed"}, "`url` must be an http(s) URL"),
        ({**FEED, "url": None}, "`url` must be an http(s) URL"),
        ({**FEED, "delay_seconds": "six"}, "`delay_seconds` has the wrong type"),
        ({**FEED, "delay_seconds": -1}, "`delay_seconds` must be zero or more"),
        ({**FEED, "enabled": "yes"}, "`enabled` has the wrong type"),
        ({**FEED, "max_items": True}, "`max_items` has the wrong type"),
        ({**FEED, "root_page_id": 17222}, "unknown field(s) root_page_id for kind feed"),
        ({**ICO, "root_page_id": 13635}, "`root_page_id` must be one of"),
        ({**ICO, "root_page_id": None}, "`root_page_id` must be one of"),
        ({**FEED, "relevance_terms": "ICO"}, "`relevance_terms` must be a list"),
        ({**FEED, "id": ""}, "`id` must be a non-empty string"),
        ("just a string", "expected a mapping"),
    ],
)
def test_each_mistake_is_named(entry, message):
    with pytest.raises(FeedsFileError) as error:
        parse_sources({"sources": [entry]})
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_failing_entry_is_named_by_its_id():
    with pytest.raises(FeedsFileError, match="source 'pulse': unknown kind"):
        parse_sources({"sources": [ICO, {**FEED, "kind": "rss"}]})


def test_duplicate_ids_are_refused():
    with pytest.raises(FeedsFileError, match="appears twice"):
        parse_sources({"sources": [FEED, FEED]})


@pytest.mark.parametrize("document", [None, {}, {"sources": []}, {"sources": "x"}, 42])
def test_a_file_without_sources_is_refused(document):
    with pytest.raises(FeedsFileError, match="non-empty list under `sources:`"):
        parse_sources(document)


def test_missing_and_broken_files_give_one_line(tmp_path):
    with pytest.raises(FeedsFileError, match="file not found"):
        load_sources(tmp_path / "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(FeedsFileError, match=r"not valid YAML \(line \d+\)"):
        load_sources(broken)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(FeedsFileError):
        load_sources(binary)


def test_disabled_sources_are_left_out_unless_asked(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump({"sources": [ICO, {**FEED, "enabled": False}]}), encoding="utf-8")
    assert [s.id for s in load_sources(path)] == ["ico-enforcement"]
    assert [s.id for s in load_sources(path, include_disabled=True)] == ["ico-enforcement", "pulse"]


def test_with_base_url_moves_the_whole_source_to_another_host():
    (source,) = parse_sources([{**FEED, "url": "https://www.pulsetoday.co.uk/feed/?x=1"}])
    moved = with_base_url(source, "http://127.0.0.1:8765")
    assert moved.url == "http://127.0.0.1:8765/feed/?x=1"
    assert moved.id == source.id and moved.outlet == source.outlet


def test_the_real_feeds_file_loads_and_covers_both_ico_registers():
    sources = load_sources(REPO / "feeds.yaml", include_disabled=True)
    roots = {s.root_page_id for s in sources if s.kind == "ico_search_api"}
    assert roots == set(ICO_REGISTERS)
    assert all(s.url.startswith("https://") for s in sources)
    assert sum(s.kind == "feed" for s in sources) >= 8


# -- property-based: whatever the YAML holds, validation either returns Sources or raises
# FeedsFileError; it never crashes with anything else.

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20))
entries = st.dictionaries(
    st.sampled_from(["id", "kind", "url", "enabled", "delay_seconds", "root_page_id", "outlet",
                     "relevance_terms", "max_items", "name", "fetch_articles", "bogus"]),
    st.one_of(yaml_scalars, st.lists(yaml_scalars, max_size=3),
              st.sampled_from(["feed", "ico_search_api", "https://ico.org.uk/api/search", 17222, 2816])),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(yaml_scalars, st.lists(entries, max_size=4), st.fixed_dictionaries({"sources": st.lists(entries, max_size=4)})))
def test_validation_never_crashes(document):
    try:
        sources = parse_sources(document)
    except FeedsFileError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert sources and all(s.kind in ("feed", "ico_search_api") for s in sources)


# What ../shared/SOURCES.md records about sources' own robots rules (section 6): Google News RSS
# is disallowed for all user agents. (The ICO's robots.txt beyond Crawl-delay is unverified.)
ROBOTS_DISALLOWED_HOSTS = {"news.google.com"}


def test_the_default_feeds_file_has_no_enabled_source_its_robots_rules_disallow():
    from urllib.parse import urlsplit

    every = load_sources(REPO / "feeds.yaml", include_disabled=True)
    enabled = [s for s in every if s.enabled]
    assert not [s.id for s in enabled if urlsplit(s.url).hostname in ROBOTS_DISALLOWED_HOSTS]
    kept = [s for s in every if urlsplit(s.url).hostname in ROBOTS_DISALLOWED_HOSTS]
    assert len(kept) == 3 and not any(s.enabled for s in kept)   # kept, disabled, with the reason
    text = (REPO / "feeds.yaml").read_text(encoding="utf-8")
    assert "disallowed by news.google.com/robots.txt" in text
