"""RawArchive: content-addressed, gzip-compressed, atomic, and honest about corruption."""
from __future__ import annotations

import gzip
import hashlib
import os

import pytest

from pipeline.fetch import RawArchive


def test_put_then_get_round_trips_and_lays_out_by_hash(tmp_path):
    archive = RawArchive(tmp_path)
    body = "Penalty notice: £7,500,000 — provisional".encode("utf-8")
    sha = archive.put(body)
    assert sha == hashlib.sha256(body).hexdigest()
    assert archive.has(sha)
    assert archive.get(sha) == body
    path = tmp_path / sha[:2] / sha[2:4] / f"{sha}.gz"
    assert archive.path(sha) == path
    assert gzip.decompress(path.read_bytes()) == body


def test_same_body_is_stored_once_and_deterministically(tmp_path):
    a, b = RawArchive(tmp_path / "a"), RawArchive(tmp_path / "b")
    body = b"<html>" + b"x" * 10000 + b"</html>"
    sha = a.put(body)
    assert a.put(body) == sha
    assert len(list((tmp_path / "a").rglob("*.gz"))) == 1
    b.put(body)
    assert a.path(sha).read_bytes() == b.path(sha).read_bytes()     # no timestamp inside


def test_empty_body_is_a_valid_entry(tmp_path):
    archive = RawArchive(tmp_path)
    assert archive.get(archive.put(b"")) == b""


def test_no_temporary_files_are_left_behind(tmp_path):
    archive = RawArchive(tmp_path)
    for n in range(20):
        archive.put(f"body {n}".encode())
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith(".gz")]
    assert leftovers == []


def test_a_failed_write_leaves_no_entry(tmp_path, monkeypatch):
    archive = RawArchive(tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        archive.put(b"will not fit")
    assert not archive.has(hashlib.sha256(b"will not fit").hexdigest())
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_missing_entry_is_a_key_error(tmp_path):
    with pytest.raises(KeyError):
        RawArchive(tmp_path).get("0" * 64)
    assert not RawArchive(tmp_path).has("0" * 64)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "abc", "G" * 64, "A" * 64])
def test_only_sha256_hex_names_are_accepted(tmp_path, bad):
    with pytest.raises(ValueError):
        RawArchive(tmp_path).path(bad)


def test_corrupted_entry_is_reported_not_returned(tmp_path):
    archive = RawArchive(tmp_path)
    sha = archive.put(b"original notice text")
    archive.path(sha).write_bytes(gzip.compress(b"tampered notice text"))
    with pytest.raises(ValueError, match="does not match"):
        archive.get(sha)
    archive.path(sha).write_bytes(b"\x1f\x8b truncated")
    with pytest.raises(ValueError, match="corrupt"):
        archive.get(sha)
