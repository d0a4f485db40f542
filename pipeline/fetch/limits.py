"""FetchLimits: every bound the fetcher enforces, in one place, with the defaults we chose.

Each number sits between what Scrapy, httpx, trafilatura and warn-scraper do by default. Tests
shrink them (timeouts of a fraction of a second, a back-off of milliseconds) so faults show up fast.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from pipeline import __version__

logger = logging.getLogger(__name__)

# A named agent with a contact URL, so a site operator can see who we are and how to reach us.
DEFAULT_USER_AGENT = (
    f"enforcement-monitor/{__version__} "
    "(+https://github.com/enforcement-monitor/enforcement-monitor)"
)

MIB = 1024 * 1024

# Scrapy's RETRY_HTTP_CODES: statuses that usually mean "try again shortly".
RETRY_STATUSES: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504, 522, 524})


@dataclass(frozen=True)
class FetchLimits:
    """Timeouts, deadline, size caps, redirects and retry policy for every request.

    `deadline` is one wall-clock bound per HTTP exchange (one attempt), checked while the body
    streams in: httpx's own timeouts only bound the gap between reads, so a server dripping a
    byte every few seconds would otherwise never time out.
    """

    connect_timeout: float = 10.0       # seconds to open the TCP (and TLS) connection
    read_timeout: float = 30.0          # seconds of silence tolerated while waiting for bytes
    deadline: float = 60.0              # seconds for one whole exchange, headers to last byte
    max_bytes: int = 10 * MIB           # decoded body size cap (per call unless overridden)
    robots_max_bytes: int = 512 * 1024  # robots.txt cap (Google reads the first 500 KiB)
    max_redirects: int = 5              # hops followed, each re-validated
    retries: int = 2                    # retries after the first attempt: 3 attempts in all
    backoff_seconds: float = 2.0        # retry n waits backoff × 2**n + jitter(0..backoff)
    max_retry_after: float = 120.0      # honour Retry-After up to this; beyond: rate_limited
    max_crawl_delay: float = 60.0       # a robots.txt Crawl-delay above this is capped

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchLimits.{name} must be positive")
        if self.max_bytes <= 0 or self.robots_max_bytes <= 0:
            raise ValueError("FetchLimits size caps must be positive")
        if self.max_redirects < 0 or self.retries < 0:
            raise ValueError("FetchLimits.max_redirects and retries cannot be negative")
        if self.backoff_seconds < 0 or self.max_retry_after < 0 or self.max_crawl_delay < 0:
            raise ValueError("FetchLimits waits cannot be negative")
