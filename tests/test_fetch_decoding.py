"""Content-Encoding decoding: every piece bounded, truncation and lies are errors."""
from __future__ import annotations

import gzip
import zlib

import pytest

from pipeline.fetch import Fetcher, FetchError, FetchLimits, RawArchive
from pipeline.fetch.decoding import OUTPUT_PIECE, BodyDecoder, DecodeFailed

TEXT = ("The Commissioner has decided to issue a monetary penalty. " * 200).encode()


def raw_deflate(data: bytes) -> bytes:
    """Deflate without the zlib wrapper: wrong per RFC 9110, but some servers send it."""
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def decode(coding: str | None, data: bytes, step: int = 1000) -> bytes:
    decoder = BodyDecoder(coding)
    out = b"".join(piece for i in range(0, len(data), step)
                   for piece in decoder.feed(data[i:i + step]))
    decoder.finish()
    return out


@pytest.mark.parametrize("coding, encoded", [
    (None, TEXT),
    ("identity", TEXT),
    ("gzip", gzip.compress(TEXT)),
    ("x-gzip", gzip.compress(TEXT)),
    ("GZIP", gzip.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)),         # RFC 9110: zlib-wrapped
    ("deflate", raw_deflate(TEXT)),
])
def test_decodes_what_we_advertise(coding, encoded):
    assert decode(coding, encoded) == TEXT


def test_concatenated_gzip_members_are_all_decoded():
    assert decode("gzip", gzip.compress(b"first ") + gzip.compress(b"second")) == b"first second"


def test_no_piece_is_larger_than_the_bound():
    bomb = gzip.compress(bytes(20 * OUTPUT_PIECE))
    decoder = BodyDecoder("gzip")
    sizes = [len(p) for p in decoder.feed(bomb)]
    assert max(sizes) <= OUTPUT_PIECE and sum(sizes) == 20 * OUTPUT_PIECE


@pytest.mark.parametrize("coding, data", [
    ("gzip", b"plain text pretending to be gzip"),
    ("gzip", gzip.compress(TEXT)[:-30]),          # cut off before the end marker
    ("deflate", b"\x78\x9c not really deflate"),
])
def test_bad_or_truncated_streams_fail(coding, data):
    with pytest.raises(DecodeFailed):
        decode(coding, data)


@pytest.mark.parametrize("coding", ["br", "compress", "zstd", "gzip, gzip"])
def test_encodings_we_did_not_ask_for_fail(coding):
    with pytest.raises(DecodeFailed):
        BodyDecoder(coding)


def test_truncated_gzip_with_honest_length_is_a_decode_error(tmp_path, fault_server):
    cut = gzip.compress(TEXT)[:-30]
    fault_server.route("/cut-gzip", lambda h, q: h.reply(200, cut, {"Content-Encoding": "gzip"}))
    with Fetcher(archive=RawArchive(tmp_path), allow_private_hosts={fault_server.host_port},
                 limits=FetchLimits(connect_timeout=0.5, read_timeout=0.5, deadline=1.0)) as f:
        with pytest.raises(FetchError) as caught:
            f.get(fault_server.url("/cut-gzip"), delay_seconds=0)
    assert caught.value.error_class == "decode_error"
    assert not list(tmp_path.rglob("*.gz"))
