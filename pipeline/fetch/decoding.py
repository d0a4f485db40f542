"""Content-Encoding decoding with a bound on how much each piece of input may expand to.

httpx decodes gzip itself, but it inflates each network chunk in one go: a 64 KiB chunk of a
gzip bomb becomes ~64 MiB in memory before any size cap can look at it. Here every
`decompress` call is limited to OUTPUT_PIECE bytes, so the caller's decoded-size cap trips
after at most one piece too many, however hostile the input.
"""
from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import Any

logger = logging.getLogger(__name__)

OUTPUT_PIECE = 64 * 1024

# What we advertise in Accept-Encoding: exactly what this module can decode with a bound.
ACCEPT_ENCODING = "gzip, deflate"


class DecodeFailed(Exception):
    """The body does not decode with the Content-Encoding the server declared."""


class BodyDecoder:
    """Incremental decoder for one response body: feed raw chunks, get decoded pieces."""

    def __init__(self, content_encoding: str | None):
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1:
            raise DecodeFailed(f"stacked content encodings are not supported: {content_encoding}")
        self.coding = codings[0] if codings else None
        if self.coding in ("gzip", "x-gzip"):
            self._wbits: int | None = 16 + zlib.MAX_WBITS
        elif self.coding == "deflate":
            self._wbits = None          # zlib-wrapped or raw deflate: decided by the first byte
        elif self.coding is None:
            self._wbits = 0
        else:
            raise DecodeFailed(f"unsupported content encoding {self.coding!r}")
        self._inflater: Any = None       # a zlib decompress object, made on first input
        self._seen_input = False

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """Yield the decoded bytes of `raw`, each piece at most OUTPUT_PIECE long."""
        if not raw:
            return
        if self.coding is None:
            yield raw
            return
        self._seen_input = True
        data = raw
        while data:
            if self._inflater is None:
                self._inflater = zlib.decompressobj(self._wbits_for(data))
            elif self._inflater.eof:
                # gzip allows several members back to back; start a new inflater for the next.
                if self.coding == "deflate":
                    raise DecodeFailed("data after the end of the deflate stream")
                self._inflater = zlib.decompressobj(self._wbits_for(data))
            try:
                piece = self._inflater.decompress(data, OUTPUT_PIECE)
            except zlib.error as exc:
                raise DecodeFailed(f"body is not valid {self.coding}: {exc}") from None
            if piece:
                yield piece
            data = self._inflater.unconsumed_tail or self._inflater.unused_data

    def finish(self) -> None:
        """Check the compressed stream really ended: a cut-off gzip body is not a page."""
        if self.coding is None or not self._seen_input:
            return
        assert self._inflater is not None
        if not self._inflater.eof:
            raise DecodeFailed(f"{self.coding} stream ended before its end marker")

    def _wbits_for(self, data: bytes) -> int:
        if self._wbits is not None:
            return self._wbits
        # RFC 9110 "deflate" means zlib-wrapped, but some servers send raw deflate.
        if len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
            return zlib.MAX_WBITS
        return -zlib.MAX_WBITS
