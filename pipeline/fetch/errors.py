"""FetchError: the one exception the fetch stage raises, with a fixed vocabulary of classes.

Collectors turn a FetchError into an ItemFailure or a source's `fatal`, and the run summary and
`source_runs` rows group failures by `error_class`, so the class names are a contract (see
docs/ARCHITECTURE.md) and must not drift.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

ERROR_CLASSES: tuple[str, ...] = (
    "connect_error",        # DNS failure, connection refused, network unreachable
    "connect_timeout",      # no TCP/TLS connection within FetchLimits.connect_timeout
    "read_timeout",         # the server went silent for longer than FetchLimits.read_timeout
    "deadline_exceeded",    # the whole exchange took longer than FetchLimits.deadline
    "incomplete_body",      # fewer bytes than Content-Length, or chunking broken off
    "connection_reset",     # the server dropped the connection
    "protocol_error",       # the server did not speak HTTP
    "rate_limited",         # 429 (or Retry-After) asking us to wait longer than we will
    "http_4xx",             # a client error status: not retried
    "http_5xx",             # a server error status that survived the retries
    "too_large",            # the decoded body would exceed the size cap
    "decode_error",         # Content-Encoding that does not decode (or one we did not ask for)
    "too_many_redirects",   # more than FetchLimits.max_redirects hops
    "ssrf_blocked",         # a destination address that is not public and not allow-listed
    "bad_scheme",           # not an http(s) URL
    "robots_disallowed",    # the site's robots.txt asks us not to fetch this URL
    "archive_write_failed",  # the body could not be saved to the raw archive (disk full, read-only)
    "time_budget_exhausted",  # the run's time budget (run --max-minutes) is spent: not asked
)

# Failures that may go away if we ask again a little later (Scrapy's RETRY_EXCEPTIONS).
RETRYABLE_CLASSES: frozenset[str] = frozenset(
    {"connect_error", "connect_timeout", "read_timeout", "connection_reset", "incomplete_body"}
)


class FetchError(Exception):
    """A request that did not give us a usable response.

    `error_class` is one of ERROR_CLASSES; `status` is the HTTP status when the server sent one.
    `str(error)` is a single line meant for logs and the run summary.
    """

    def __init__(self, error_class: str, message: str, url: str, status: int | None = None):
        if error_class not in ERROR_CLASSES:
            raise ValueError(f"unknown fetch error class {error_class!r}")
        # Messages can carry text from the server (exception strings); keep them on one line.
        message = " ".join(str(message).split())
        super().__init__(error_class, message, url, status)
        self.error_class = error_class
        self.message = message
        self.url = url
        self.status = status

    @property
    def retryable(self) -> bool:
        """True for transport failures worth another attempt after a back-off."""
        return self.error_class in RETRYABLE_CLASSES

    def __str__(self) -> str:
        status = f" (HTTP {self.status})" if self.status is not None else ""
        return f"{self.error_class}: {self.message}{status} [{self.url}]"

    def __repr__(self) -> str:
        return (f"FetchError({self.error_class!r}, {self.message!r}, {self.url!r}, "
                f"{self.status!r})")
