"""Fetcher: the one polite HTTP client every collector uses.

httpx does the HTTP; this module adds what a nightly scraper of public sites owes them and
owes its own database:

* politeness: a named User-Agent, robots.txt obeyed (Crawl-delay included), a delay between
  request starts to the same host, one request at a time (the client is synchronous);
* bounds: connect/read timeouts, one wall-clock deadline per exchange, one decoded-size cap
  (checked on Content-Length first, then while the body streams in), at most 5 redirects;
* safety: every URL and redirect hop re-validated by guard.py (http/https only, public
  addresses only), so a page or redirect cannot steer us at the runner's own network;
* resilience: 2 retries with exponential back-off on transient statuses and network errors,
  Retry-After honoured up to a limit; a truncated body is an error, never a short page;
* incrementality: conditional GET from stored validators, plus a body-hash comparison for
  servers whose ETags lie; the validators learned are handed back, never written by us,
  so a source that fails does not advance them;
* pristine first: every 2xx body is in the RawArchive before the caller sees it.

Every failure is a FetchError with a class from errors.ERROR_CLASSES.
"""
from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import httpcore
import httpx

from pipeline.clock import utc_now

from .archive import ArchiveWriteError, RawArchive
from .decoding import ACCEPT_ENCODING, BodyDecoder, DecodeFailed
from .errors import FetchError
from .guard import AddressBlocked, GuardedTransport, check_url
from .limits import DEFAULT_USER_AGENT, RETRY_STATUSES, FetchLimits
from .response import HttpState, Response
from .robots import RobotsCache, origin_of

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# The gap between two request starts to one host when the caller does not say otherwise.
DEFAULT_DELAY_SECONDS = 2.0

KnownState = Callable[[str], "HttpState | None"]


@dataclass
class _Exchange:
    """One request and its response, as read off the wire (body only for 2xx)."""

    status: int
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class _Outcome:
    """The end of a redirect chain."""

    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    attempts: int
    redirects: list[str] = field(default_factory=list)


def utc_now_iso() -> str:
    """The one clock (pipeline.clock.utc_now): ISO 8601 UTC with a Z."""
    return utc_now()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class _DeadlineBackend(httpcore.NetworkBackend):
    """Wraps the guarded network backend so that every socket operation of an exchange waits
    at most until the exchange's deadline.

    httpx only bounds each read (a server dripping one header byte every few seconds never
    trips a read timeout), so the wall-clock deadline is enforced here, below httpx: each read,
    write, connect and TLS handshake gets min(its own timeout, the time left), and none starts
    once the time is up. The Fetcher sets `deadline` around each exchange (it is
    single-threaded); None means no deadline.
    """

    def __init__(self, inner: httpcore.NetworkBackend):
        self._inner = inner
        self.deadline: float | None = None

    def clamp(self, timeout: float | None) -> float | None:
        """`timeout` shortened to the time left before the deadline; raises once it is past."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the exchange's deadline has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, timeout=self.clamp(timeout),
                                         local_address=local_address,
                                         socket_options=socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(
            path, timeout=self.clamp(timeout), socket_options=socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation is clamped to its backend's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: _DeadlineBackend):
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout=self._backend.clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout=self._backend.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname=server_hostname,
                                       timeout=self._backend.clamp(timeout))
        return _DeadlineStream(stream, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class Fetcher:
    """Polite, bounded, SSRF-guarded HTTP fetching with conditional GET and a raw archive.

    Not thread-safe: one Fetcher per run, used by one thread, which is also what keeps us at
    one request at a time per host.
    """

    def __init__(self, *, archive: RawArchive, known_state: KnownState | None = None,
                 limits: FetchLimits | None = None, allow_private_hosts: Iterable[str] = (),
                 user_agent: str = DEFAULT_USER_AGENT):
        self.archive = archive
        self.limits = limits or FetchLimits()
        self.user_agent = user_agent
        self._known_state = known_state
        transport = GuardedTransport(allow_private_hosts)
        # The pool's backend is wrapped so the per-exchange deadline covers the response head
        # as well as the body (GuardedTransport already owns this pool).
        self._deadline = _DeadlineBackend(transport._pool._network_backend)
        transport._pool._network_backend = self._deadline
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,          # we follow them ourselves, re-validating each hop
            trust_env=False,                 # no proxies or netrc from the environment
            timeout=httpx.Timeout(connect=self.limits.connect_timeout,
                                  read=self.limits.read_timeout,
                                  write=self.limits.read_timeout,
                                  pool=self.limits.connect_timeout),
            headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )
        self._robots = RobotsCache(self._load_robots, user_agent)
        # The run's time budget, as a time.monotonic() value (None: no budget). Past it, every
        # request fails at once with time_budget_exhausted, so a collector ends its source
        # cleanly with what it has; collectors that can stop earlier read time_left().
        self.run_deadline: float | None = None
        # Set when the raw archive refused a write: a body we cannot keep pristine is not used,
        # so nothing more is asked for this run (and the cause is logged once, not per item).
        self._archive_broken: str | None = None
        self._last_start: dict[str, float] = {}        # host → time.monotonic() of last start
        self._state_updates: dict[str, HttpState] = {}

    # -- public API ------------------------------------------------------------------------

    def time_left(self) -> float | None:
        """Seconds left in the run's time budget (never negative), or None without a budget.

        A collector that can stop at a clean point (between listing pages, between items)
        checks this and stops when it is too small to do one more unit of work; past the
        budget every request fails with time_budget_exhausted anyway.
        """
        if self.run_deadline is None:
            return None
        return max(0.0, self.run_deadline - time.monotonic())

    def _check_can_fetch(self, url: str) -> None:
        """Refuse at once (no request) when the budget is spent or the archive is unwritable."""
        if self.run_deadline is not None and time.monotonic() >= self.run_deadline:
            raise FetchError("time_budget_exhausted",
                             "the run's time budget is spent; left for the next run", url)
        if self._archive_broken:
            raise FetchError("archive_write_failed", self._archive_broken, url)

    def known_state(self, url: str) -> HttpState | None:
        """The stored validators for `url`, or None: it was never fetched successfully."""
        return self._known_state(url) if self._known_state else None

    def get(self, url: str, *, delay_seconds: float = DEFAULT_DELAY_SECONDS,
            conditional: bool = True, max_bytes: int | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
        """GET `url`; with `conditional`, revalidate against the stored HttpState.

        Returns a Response for a 2xx (body archived) or a 304 (`not_modified`); raises
        FetchError for everything else.
        """
        self._check_can_fetch(url)
        state = self._known_state(url) if (conditional and self._known_state) else None
        request_headers = dict(headers or {})
        if state is not None:
            if state.etag:
                request_headers["If-None-Match"] = state.etag
            if state.last_modified:
                request_headers["If-Modified-Since"] = state.last_modified
        outcome = self._fetch("GET", url, headers=request_headers, content=None,
                              delay=delay_seconds, max_bytes=max_bytes or self.limits.max_bytes,
                              check_robots=True, retries=self.limits.retries)
        return self._finish(url, outcome, state, remember=True)

    def post_json(self, url: str, payload: Any, *,
                  delay_seconds: float = DEFAULT_DELAY_SECONDS, max_bytes: int | None = None,
                  headers: Mapping[str, str] | None = None) -> Response:
        """POST `payload` as JSON (the ICO search API); same limits, robots and delays as get.

        No conditional GET: a search response has no validators worth keeping.
        """
        self._check_can_fetch(url)
        request_headers = {"Content-Type": "application/json", "Accept": "application/json"}
        request_headers.update(headers or {})
        content = json.dumps(payload).encode("utf-8")
        outcome = self._fetch("POST", url, headers=request_headers, content=content,
                              delay=delay_seconds, max_bytes=max_bytes or self.limits.max_bytes,
                              check_robots=True, retries=self.limits.retries)
        return self._finish(url, outcome, None, remember=False)

    def take_state_updates(self) -> list[HttpState]:
        """The validators learned since the last call, one per URL; the caller saves them
        only when its source's transaction commits."""
        updates = list(self._state_updates.values())
        self._state_updates.clear()
        return updates

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- one call: redirects, then retries, then one exchange ---------------------------------

    def _finish(self, url: str, outcome: _Outcome, state: HttpState | None,
                remember: bool) -> Response:
        """Archive the body, compare it with what we had, and note the new validators."""
        fetched_at = utc_now_iso()
        etag = outcome.headers.get("etag")
        last_modified = outcome.headers.get("last-modified")
        if outcome.status == 304:
            known_sha = state.content_sha256 if state else None
            if remember:
                self._state_updates[url] = HttpState(
                    url=url, etag=etag or (state.etag if state else None),
                    last_modified=last_modified or (state.last_modified if state else None),
                    content_sha256=known_sha, last_status=304, last_checked=fetched_at)
            logger.debug("GET %s: not modified", url)
            return Response(url=url, final_url=outcome.final_url, status=304,
                            headers=outcome.headers, body=b"", sha256=known_sha,
                            fetched_at=fetched_at, attempts=outcome.attempts,
                            not_modified=True, redirects=outcome.redirects)
        try:
            sha = self.archive.put(outcome.body)        # pristine first, then anything else
        except ArchiveWriteError as exc:
            if not self._archive_broken:
                logger.error("%s; nothing more is fetched this run", exc.strerror)
                self._archive_broken = str(exc.strerror)
            raise FetchError("archive_write_failed", str(exc.strerror), url,
                             outcome.status) from None
        unchanged = state is not None and state.content_sha256 == sha
        if remember:
            self._state_updates[url] = HttpState(
                url=url, etag=etag, last_modified=last_modified, content_sha256=sha,
                last_status=outcome.status, last_checked=fetched_at)
        logger.debug("%s %s: %d, %d bytes%s", "GET" if remember else "POST", url,
                    outcome.status, len(outcome.body), " (unchanged)" if unchanged else "")
        return Response(url=url, final_url=outcome.final_url, status=outcome.status,
                        headers=outcome.headers, body=outcome.body, sha256=sha,
                        fetched_at=fetched_at, attempts=outcome.attempts,
                        unchanged=unchanged, redirects=outcome.redirects)

    def _fetch(self, method: str, url: str, *, headers: dict[str, str], content: bytes | None,
               delay: float, max_bytes: int, check_robots: bool, retries: int) -> _Outcome:
        """Follow up to max_redirects hops, validating each; errors name the URL asked for."""
        current = check_url(url)
        asked = {url, str(current)}
        redirects: list[str] = []
        attempts = 0
        try:
            for _hop in range(self.limits.max_redirects + 1):
                if check_robots and not self._robots.allowed(current):
                    raise FetchError("robots_disallowed",
                                     "robots.txt disallows this URL for our user agent",
                                     str(current))
                exchange, sent = self._send_with_retries(
                    method, current, headers, content, delay, max_bytes, check_robots, retries)
                attempts += sent
                if exchange.status not in REDIRECT_STATUSES:
                    # Count requests sent, retries included, but not the extra redirect hops.
                    return _Outcome(str(current), exchange.status, exchange.headers,
                                    exchange.body, attempts - len(redirects), redirects)
                location = exchange.headers.get("location")
                if not location:
                    raise FetchError("protocol_error", "redirect without a Location header",
                                     str(current), exchange.status)
                try:
                    target = current.join(location)
                except httpx.InvalidURL as exc:
                    raise FetchError("bad_scheme", f"unusable redirect target: {exc}",
                                     str(current), exchange.status) from None
                logger.debug("%s redirects (%d) to %s", current, exchange.status, target)
                target = check_url(target)
                if origin_of(target) != origin_of(current):
                    # Credentials a caller added are for the site it named, not for wherever
                    # that site sends us (Scrapy 2.11.1/2.11.2 advisories).
                    headers = {k: v for k, v in headers.items()
                               if k.lower() not in ("authorization", "cookie")}
                current = target
                redirects.append(str(current))
                if exchange.status == 303 or (exchange.status in (301, 302) and method == "POST"):
                    method, content = "GET", None        # what browsers do
                    headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            raise FetchError("too_many_redirects",
                             f"more than {self.limits.max_redirects} redirects", str(current))
        except FetchError as err:
            if err.url in asked:
                raise
            raise FetchError(err.error_class, f"{err.message} (at {err.url})", url,
                             err.status) from None

    def _send_with_retries(self, method: str, url: httpx.URL, headers: dict[str, str],
                           content: bytes | None, delay: float, max_bytes: int,
                           polite: bool, retries: int) -> tuple[_Exchange, int]:
        """One hop: up to 1 + retries exchanges, with back-off; returns (exchange, attempts)."""
        for attempt in range(retries + 1):
            self._wait_turn(url, delay, polite)
            try:
                exchange = self._exchange(method, url, headers, content, max_bytes)
            except FetchError as err:
                if err.retryable and attempt < retries:
                    wait = self._backoff(attempt)
                    logger.warning("%s %s: %s; retry %d in %.1fs", method, url, err,
                                   attempt + 1, wait)
                    time.sleep(wait)
                    continue
                raise
            status = exchange.status
            if status in RETRY_STATUSES:
                retry_after = parse_retry_after(exchange.headers.get("retry-after"))
                if retry_after is not None and retry_after > self.limits.max_retry_after:
                    raise FetchError(
                        "rate_limited",
                        f"server asks us to wait {retry_after:.0f}s, more than "
                        f"{self.limits.max_retry_after:.0f}s: will try again next run",
                        str(url), status)
                if attempt < retries:
                    wait = retry_after if retry_after is not None else self._backoff(attempt)
                    logger.warning("%s %s: HTTP %d; retry %d in %.1fs", method, url, status,
                                   attempt + 1, wait)
                    time.sleep(wait)
                    continue
                raise self._status_error(status, url, attempt + 1)
            if 200 <= status < 300 or status == 304 or status in REDIRECT_STATUSES:
                return exchange, attempt + 1
            raise self._status_error(status, url, attempt + 1)
        raise AssertionError("unreachable: the loop returns or raises")

    def _exchange(self, method: str, url: httpx.URL, headers: dict[str, str],
                  content: bytes | None, max_bytes: int) -> _Exchange:
        """Send one request and read a 2xx body within the deadline and the size cap."""
        deadline = time.monotonic() + self.limits.deadline
        status: int | None = None
        body_started = False
        where = str(url)
        self._deadline.deadline = deadline
        try:
            with self._client.stream(method, url, headers=headers, content=content) as resp:
                status = resp.status_code
                response_headers = {k.lower(): v for k, v in resp.headers.items()}
                if not 200 <= status < 300:
                    return _Exchange(status, response_headers)   # error bodies are not data
                declared = response_headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError("too_large", f"Content-Length {declared} is over the "
                                     f"{max_bytes}-byte cap; not read", where, status)
                decoder = BodyDecoder(response_headers.get("content-encoding"))
                parts: list[bytes] = []
                total = 0
                body_started = True
                for raw in resp.iter_raw():
                    if time.monotonic() > deadline:
                        raise FetchError("deadline_exceeded", f"body not complete after "
                                         f"{self.limits.deadline:g}s", where, status)
                    for piece in decoder.feed(raw):
                        total += len(piece)
                        if total > max_bytes:
                            raise FetchError("too_large", f"decoded body over the {max_bytes}-"
                                             "byte cap; stopped reading", where, status)
                        parts.append(piece)
                decoder.finish()
                return _Exchange(status, response_headers, b"".join(parts))
        except DecodeFailed as exc:
            raise FetchError("decode_error", str(exc), where, status) from None
        except AddressBlocked as exc:
            raise FetchError("ssrf_blocked", str(exc), where) from None
        except httpx.InvalidURL as exc:
            # httpx parses a redirect's Location eagerly, even though we follow redirects
            # ourselves; one it cannot parse ("javascript:alert(1)") is not a place we go.
            raise FetchError("bad_scheme", f"unusable URL from the server: {exc}", where,
                             status) from None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                stage = "body not complete" if body_started else "no complete response head"
                raise FetchError("deadline_exceeded", f"{stage} after {self.limits.deadline:g}s",
                                 where, status) from None
            raise self._transport_error(exc, where, status, body_started) from None
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, where, status, body_started) from None
        finally:
            self._deadline.deadline = None

    # -- helpers ----------------------------------------------------------------------------

    def _wait_turn(self, url: httpx.URL, delay: float, polite: bool) -> None:
        """Sleep until this host's delay has passed since our last request start to it."""
        gap = max(0.0, delay)
        if polite:
            crawl_delay = self._robots.crawl_delay(url)
            if crawl_delay > self.limits.max_crawl_delay:
                logger.warning("%s asks for Crawl-delay %gs; capped at %gs", url.host,
                               crawl_delay, self.limits.max_crawl_delay)
                crawl_delay = self.limits.max_crawl_delay
            gap = max(gap, crawl_delay)
        host = url.host.lower()
        last = self._last_start.get(host)
        if last is not None:
            wait = last + gap - time.monotonic()
            if wait > 0:
                logger.debug("waiting %.2fs before the next request to %s", wait, host)
                time.sleep(wait)
        self._last_start[host] = time.monotonic()

    def _backoff(self, attempt: int) -> float:
        base = self.limits.backoff_seconds
        return base * (2 ** attempt) + random.uniform(0, base)

    def _load_robots(self, robots_url: str) -> bytes | None:
        """Fetch robots.txt once (no retries); None means "no rules", for any failure."""
        try:
            outcome = self._fetch("GET", robots_url, headers={}, content=None, delay=0.0,
                                  max_bytes=self.limits.robots_max_bytes, check_robots=False,
                                  retries=0)
        except FetchError as err:
            level = logging.INFO if err.error_class == "http_4xx" else logging.WARNING
            logger.log(level, "no robots.txt rules for %s (%s): all allowed", robots_url, err)
            return None
        if outcome.status == 304:
            return None
        return outcome.body

    @staticmethod
    def _status_error(status: int, url: httpx.URL, attempts: int) -> FetchError:
        tried = f" after {attempts} attempts" if attempts > 1 else ""
        if status == 429:
            return FetchError("rate_limited", f"HTTP 429 Too Many Requests{tried}", str(url),
                              status)
        if 400 <= status < 500:
            return FetchError("http_4xx", f"HTTP {status}{tried}", str(url), status)
        if 500 <= status < 600:
            return FetchError("http_5xx", f"HTTP {status}{tried}", str(url), status)
        return FetchError("protocol_error", f"unexpected HTTP status {status}", str(url), status)

    @staticmethod
    def _transport_error(exc: httpx.HTTPError, url: str, status: int | None,
                         body_started: bool) -> FetchError:
        """Name an httpx failure with our vocabulary."""
        detail = str(exc) or type(exc).__name__
        if isinstance(exc, httpx.ConnectTimeout):
            return FetchError("connect_timeout", f"no connection: {detail}", url)
        if isinstance(exc, httpx.ConnectError):
            return FetchError("connect_error", f"cannot connect: {detail}", url)
        if isinstance(exc, httpx.TimeoutException):
            return FetchError("read_timeout", f"server went silent: {detail}", url, status)
        if isinstance(exc, httpx.DecodingError):
            return FetchError("decode_error", detail, url, status)
        if isinstance(exc, httpx.RemoteProtocolError):
            if body_started:
                return FetchError("incomplete_body", f"body cut short: {detail}", url, status)
            if "without sending" in detail:
                return FetchError("connection_reset", detail, url, status)
            return FetchError("protocol_error", f"not a valid HTTP response: {detail}", url,
                              status)
        if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.CloseError)):
            return FetchError("connection_reset", f"connection dropped: {detail}", url, status)
        if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
            return FetchError("bad_scheme", detail, url)
        return FetchError("protocol_error", f"{type(exc).__name__}: {detail}", url, status)
