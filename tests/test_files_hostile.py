"""`extract` and `ingest` never trust a file's reported size (issue 14 #10): a FIFO, a symlink to
/dev/zero or a huge one-line text is refused with one line, at once, in bounded memory."""
from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.parsers.errors import ParseError
from pipeline.parsers.files import (
    MAX_TEXT_CHARS,
    MAX_TEXT_FILE_BYTES,
    read_document,
    read_document_file,
)


def refused(path: Path) -> ParseError:
    started = time.monotonic()
    with pytest.raises(ParseError) as caught:
        read_document_file(path)
    assert time.monotonic() - started < 5
    assert str(path) in caught.value.message and "\n" not in caught.value.message
    return caught.value


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    assert refused(fifo).error_class == "not_a_file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_an_endless_device_is_refused(tmp_path):
    link = tmp_path / "article.txt"
    link.symlink_to("/dev/zero")
    assert refused(link).error_class == "not_a_file"


def test_a_folder_named_like_a_file_is_refused(tmp_path):
    folder = tmp_path / "page.html"
    folder.mkdir()
    assert refused(folder).error_class == "not_a_file"


def test_a_45_mb_one_line_text_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as handle:
        chunk = b"A" * (1024 * 1024)
        for _ in range(45):
            handle.write(chunk)
    tracemalloc.start()
    try:
        error = refused(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.error_class == "file_too_large"
    assert peak < 2 * MAX_TEXT_FILE_BYTES


def test_text_over_the_character_cap_is_one_clear_error(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The ICO fined Acme Ltd. " * (MAX_TEXT_CHARS // 20), encoding="utf-8")
    assert refused(path).error_class == "text_too_long"


def test_a_cap_given_by_the_caller_is_kept(tmp_path):
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 100)
    with pytest.raises(ParseError) as caught:
        read_document(path, max_bytes=50)
    assert caught.value.error_class == "file_too_large"


def test_the_extract_command_prints_one_line_per_refused_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("The ICO fined Acme Ltd £10,000 on 3 March 2025.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(fifo), str(good)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(fifo) in errors[0]
    assert "Traceback" not in result.output
