"""What a fetch returns (Response) and the validators remembered between runs (HttpState)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpState:
    """What we know about a URL from the last time we fetched it: one `http_state` row.

    `etag` and `last_modified` are sent back as If-None-Match / If-Modified-Since; and because
    some servers emit broken ETags, `content_sha256` lets us notice an unchanged body anyway.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_sha256: str | None = None
    last_status: int | None = None
    last_checked: str | None = None     # ISO 8601 UTC


@dataclass
class Response:
    """A successful fetch: a 2xx whose body is archived, or a 304.

    `url` is what the caller asked for; `final_url` is where the redirects ended. `headers`
    has lower-case keys. `sha256` is the archive key of `body`; for a 304 (`not_modified`,
    body empty) it is the stored hash of the body we already have, if known. `unchanged` is a
    200 whose body hash equals the stored one. `attempts` counts requests sent for this call,
    retries included (redirect hops are not counted).
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    sha256: str | None
    fetched_at: str                      # ISO 8601 UTC, when the response arrived
    attempts: int = 1
    not_modified: bool = False
    unchanged: bool = False
    redirects: list[str] = field(default_factory=list)   # the hops followed, in order

    @property
    def content_type(self) -> str:
        """The media type without parameters ("text/html"), lower case; "" if absent."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()
