"""robots.txt: fetched once per site per Fetcher, parsed with Protego (Scrapy's parser).

Fetching is the Fetcher's job (same guard, timeouts and deadline as any request; no retries,
so an unreachable site costs one attempt, not three). This module only caches the parsed
rules per origin and answers "may we fetch this URL?" and "how long must we wait?".

A robots.txt that is missing (4xx), unreachable or broken means "no restrictions", as the
brief asks. (RFC 9309 would treat a 5xx as "disallow everything for now"; we log it loudly
instead, because a nightly job retries tomorrow anyway.)
"""
from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
from protego import Protego

logger = logging.getLogger(__name__)

# Given a robots.txt URL, return its body, or None when there are no rules to obey.
RobotsLoader = Callable[[str], "bytes | None"]


def origin_of(url: httpx.URL) -> str:
    """scheme://host[:port]: the unit robots.txt applies to."""
    port = f":{url.port}" if url.port else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{port}"


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match against: "enforcement-monitor"."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


class RobotsCache:
    """Parsed robots.txt rules per origin, loaded on first use."""

    def __init__(self, loader: RobotsLoader, user_agent: str):
        self._loader = loader
        self._agent = agent_token(user_agent)
        self._rules: dict[str, Protego | None] = {}

    def _rules_for(self, url: httpx.URL) -> Protego | None:
        origin = origin_of(url)
        if origin not in self._rules:
            body = self._loader(f"{origin}/robots.txt")
            rules = None
            if body is not None:
                try:
                    rules = Protego.parse(body.decode("utf-8", errors="replace"))
                except Exception as exc:  # Protego is lenient; never let robots crash a run
                    logger.warning("robots.txt of %s could not be parsed (%s): allowing all",
                                   origin, exc)
            self._rules[origin] = rules
        return self._rules[origin]

    def allowed(self, url: httpx.URL) -> bool:
        rules = self._rules_for(url)
        return True if rules is None else bool(rules.can_fetch(str(url), self._agent))

    def crawl_delay(self, url: httpx.URL) -> float:
        """Seconds the site asks between requests (0 when it does not say)."""
        rules = self._rules_for(url)
        if rules is None:
            return 0.0
        delay = rules.crawl_delay(self._agent)
        return float(delay) if delay else 0.0
