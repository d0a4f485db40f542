"""feeds.yaml mistakes an outside attack found (issue 14 #11): each is one line naming the source
and field, never a traceback, and nothing wrong is silently accepted."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.sources import FeedsFileError, load_sources

FEED = """sources:
  - id: {id}
    kind: feed
    url: https://example.org/feed.xml
    {extra}
"""
ICO = """sources:
  - id: ico
    kind: ico_search_api
    url: https://ico.org.uk/api/search
    root_page_id: 17222
    {extra}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(FeedsFileError) as caught:
        load_sources(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


@pytest.mark.parametrize("template, extra, fragment", [
    (FEED, "max_items: -5", "`max_items` must be 1 or more"),
    (FEED, "max_items: 0", "`max_items` must be 1 or more"),
    (ICO, "max_pages: -1", "`max_pages` must be 1 or more"),
    (FEED, "delay_seconds: .inf", "finite"),
    (FEED, "delay_seconds: -.inf", "finite"),
    (FEED, "delay_seconds: .nan", "finite"),
    (FEED, "name: \"Evil\\x1b[31m feed\"", "control characters"),
    (FEED, "outlet: \"Good \\u202eevil\"", "control characters"),
])
def test_bad_values_are_one_line(tmp_path, template, extra, fragment):
    message = refused(write(tmp_path, template.format(id="a-source", extra=extra)))
    assert fragment in message


@pytest.mark.parametrize("source_id", ["\"bad\\x1b[2Jid\"", "\"rtl\\u202eid\"", "\"nul\\x00id\""])
def test_control_characters_in_ids_are_refused(tmp_path, source_id):
    message = refused(write(tmp_path, FEED.format(id=source_id, extra="")))
    assert "control characters" in message
    assert "\x1b" not in message and "\u202e" not in message      # shown escaped


def test_a_50000_deep_list_is_one_line_not_a_recursion_error(tmp_path):
    path = write(tmp_path, "sources: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nested too deeply" in refused(path) or "not valid YAML" in refused(path)


def test_all_sources_disabled_is_a_plain_sentence(tmp_path):
    path = write(tmp_path, FEED.format(id="quiet", extra="enabled: false"))
    result = CliRunner().invoke(cli, ["run", "--feeds", str(path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "every source is disabled" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


def test_good_values_still_load(tmp_path):
    sources = load_sources(write(tmp_path, FEED.format(id="fine", extra="delay_seconds: 0.5")))
    assert sources[0].delay_seconds == 0.5 and sources[0].max_items == 2000


def test_max_minutes_must_be_positive(tmp_path):
    path = write(tmp_path, FEED.format(id="fine", extra=""))
    for bad in ("0", "-3", "nan", "inf"):
        result = CliRunner().invoke(cli, ["run", "--feeds", str(path), "--max-minutes", bad,
                                          "--db", str(tmp_path / "x.db")])
        assert result.exit_code == 2, (bad, result.output)
        assert "Traceback" not in result.output
