"""Where the fetcher may go: http(s) URLs only, and only to public IP addresses.

A scraped page or a redirect can point anywhere, including the cloud metadata service
(169.254.169.254), the runner's own loopback services or the private network. Two checks stop
that:

* `check_url` runs on every URL and every redirect hop before any request: the scheme must be
  http or https, and credentials in the URL are dropped (never sent to anyone).
* `GuardedTransport` checks the address at connect time, inside httpx: it resolves the host
  once, refuses if ANY resolved address is not public, and then connects to the address it
  validated. Because the check and the connection use the same resolution, a DNS answer that
  changes between "check" and "connect" (rebinding) cannot slip through, and a blocked
  destination receives no packets at all.

Trust follows configuration. The hosts named by the sources' own `url` in feeds.yaml are the
operator's choice (a newsroom's mirror, an internal source, the demo mirror, a test server), so
`configured_hosts` turns them into the exact "host:port" pairs (e.g. "127.0.0.1:8123") for which
the public-address rule is waived. Nothing found in content earns that: a feed item, a redirect
or an attachment pointing at a private or loopback address is still refused unless it names one
of those same host:port pairs (another port on 127.0.0.1, or 169.254.169.254, is not).
"""
from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from .errors import FetchError

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressBlocked(Exception):
    """Raised inside the transport when a destination address is not public.

    It is deliberately not an httpx/httpcore exception, so it travels through httpx untouched
    and the Fetcher turns it into FetchError("ssrf_blocked").
    """


def check_url(url: str | httpx.URL) -> httpx.URL:
    """Return the URL ready to request, or raise FetchError (`bad_scheme`).

    Userinfo ("user:pass@") is stripped rather than rejected: it is never needed for the public
    pages we read, and sending it to a host that redirected us there would leak it. The
    fragment is dropped because it is never sent to the server anyway.
    """
    text = str(url)
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError("bad_scheme", f"not a valid URL: {exc}", text) from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        shown = parsed.scheme or "no scheme"
        raise FetchError("bad_scheme", f"only http and https are fetched, not {shown}", text)
    if not parsed.host:
        raise FetchError("bad_scheme", "URL has no host", text)
    if parsed.userinfo:
        logger.warning("dropping credentials from URL for host %s", parsed.host)
        parsed = parsed.copy_with(username=None, password=None)
    if parsed.fragment:
        parsed = parsed.copy_with(fragment=None)
    return parsed


def host_port(host: str, port: int) -> str:
    """The "host:port" key used by allow_private_hosts (IPv6 hosts in brackets)."""
    host = host.lower().strip("[]")
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def url_host_port(url: httpx.URL) -> str:
    """"host:port" of a URL, with the scheme's default port filled in."""
    return host_port(url.host, url.port or DEFAULT_PORTS.get(url.scheme, 80))


def configured_hosts(urls: Iterable[str]) -> set[str]:
    """The "host:port" pairs of the configured source URLs: trusted even when private.

    Keyed exactly as written (a source at "localhost:8080" trusts "localhost:8080", not
    "127.0.0.1:8080"), with the scheme's default port filled in. Unparsable URLs are skipped
    here; feeds.yaml validation has already refused them.
    """
    pairs: set[str] = set()
    for url in urls:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            continue
        if parsed.scheme in ALLOWED_SCHEMES and parsed.host:
            pairs.add(url_host_port(parsed))
    return pairs


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (not private, loopback, link-local...).

    IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged by the IPv4 address inside them:
    Python 3.11's `is_global` does not look through the mapping.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_public(host: str, port: int, allow_private_hosts: Iterable[str]) -> list[str]:
    """Resolve `host` once and return the addresses we may connect to.

    Raises AddressBlocked if any resolved address is not public (unless "host:port" is
    allow-listed), and httpcore.ConnectError if the name does not resolve, so httpx reports
    a DNS failure the same way as a refused connection.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(str(sockaddr[0]))
    if not addresses:
        raise httpcore.ConnectError(f"{host} resolved to no addresses")
    if host_port(host, port) in allow_private_hosts:
        return addresses
    blocked = [a for a in addresses if not is_public_address(a)]
    if blocked:
        raise AddressBlocked(
            f"{host}:{port} resolves to non-public address {', '.join(blocked)}")
    return addresses


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, with the address check between resolving and connecting."""

    def __init__(self, allow_private_hosts: frozenset[str]):
        self._inner = httpcore.SyncBackend()
        self._allow = allow_private_hosts

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve_public(host, port, self._allow)
        last_error: Exception | None = None
        for address in addresses:     # connect to the address we checked, never re-resolve
            try:
                return self._inner.connect_tcp(address, port, timeout=timeout,
                                               local_address=local_address,
                                               socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise AddressBlocked("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@functools.lru_cache(maxsize=1)
def _verified_ssl_context() -> ssl.SSLContext:
    """One certificate-verifying context per process (loading the CA bundle is slow)."""
    return httpx.create_ssl_context(verify=True, trust_env=False)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's standard transport (TLS verified, no proxies), connecting only via the guard.

    httpx has no public hook for the network backend, so we rebuild the connection pool the
    transport wraps with our backend; everything else (exception mapping, streaming) is httpx's.
    """

    def __init__(self, allow_private_hosts: Iterable[str] = ()):
        ssl_context = _verified_ssl_context()
        super().__init__(verify=ssl_context, trust_env=False, retries=0)
        allow = frozenset(self._normalise(entry) for entry in allow_private_hosts)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=10,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(allow),
        )

    @staticmethod
    def _normalise(entry: str) -> str:
        host, _, port = entry.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"allow_private_hosts entries must be 'host:port', got {entry!r}")
        return host_port(host, int(port))
