"""A loopback HTTP server that misbehaves on purpose, for fetch and pipeline fault tests.

Like Scrapy's tests/mockserver, one crafted route per fault (RELIABILITY.md tables T, S, R):
the handler dispatches on the URL path and writes exactly the status line, headers and bytes
the fault needs, down to cutting the connection mid-body or sending a TCP reset. Every request
is recorded (method, path, headers, body, arrival time), and bytes written are counted per
route, so tests assert on what the server saw rather than on timing or mocks.

    with FaultServer() as server:
        server.url("/status/503")           # http://127.0.0.1:<port>/status/503
        server.host_port                    # "127.0.0.1:<port>", for allow_private_hosts
        server.hits("/status/503")          # how many requests reached that path
        server.route("/mine", handler_fn)   # add a route: fn(handler, query) writes a reply

`ConnectionCounter` is a bare listener that counts TCP connections (to prove a blocked
destination received none), `FullBacklogListener` one whose connections never complete (a
connect hang), and `closed_port()` gives a port nobody listens on (connection refused).

The module is a pytest plugin (`pytest_plugins` in tests/conftest.py): any test can take the
`fault_server` fixture without importing it.
"""
from __future__ import annotations

import gzip
import json
import logging
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
# Upper bound on what a "huge" route will ever write, so a broken client cannot make a test
# run forever; far above any cap the fetcher uses.
HUGE_ROUTE_LIMIT = 256 * 1024 * 1024
GZIP_BOMB_DECODED = 100 * 1024 * 1024

_gzip_bomb_cache: bytes | None = None


def gzip_bomb() -> bytes:
    """~100 KB of gzip that inflates to 100 MiB of zeros (built once, streamed, no 100 MiB
    buffer)."""
    global _gzip_bomb_cache
    if _gzip_bomb_cache is None:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = bytes(1024 * 1024)
        parts = [compressor.compress(block) for _ in range(GZIP_BOMB_DECODED // len(block))]
        parts.append(compressor.flush())
        _gzip_bomb_cache = b"".join(parts)
    return _gzip_bomb_cache


@dataclass
class RecordedRequest:
    method: str
    path: str                   # path with query string, as sent
    headers: dict[str, str]     # lower-case keys
    body: bytes
    arrived: float              # time.monotonic() when the request line and headers were read


Route = Callable[["FaultHandler", dict[str, str]], None]


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"        # keep-alive and chunked encoding, like real servers
    server: _Server

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("faultserver: " + format, *args)

    # -- helpers routes use ---------------------------------------------------------------

    def send_bytes(self, data: bytes) -> None:
        """Write raw bytes, counting them against the current route."""
        self.wfile.write(data)
        self.wfile.flush()
        self.server.fault.count_sent(self.route_path, len(data))

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8") -> None:
        """A well-formed response with Content-Length."""
        self.send_response(status)
        merged = {"Content-Type": content_type, "Content-Length": str(len(body))}
        merged.update(headers or {})
        for name, value in merged.items():
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.send_bytes(body)

    def raw_head(self, status_line: str, headers: dict[str, str]) -> None:
        """Write a status line and headers by hand, for replies that break the rules."""
        lines = [status_line] + [f"{k}: {v}" for k, v in headers.items()]
        self.send_bytes(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def hard_close(self, reset: bool = False) -> None:
        """Close the TCP connection now; with reset, send RST instead of FIN."""
        self.close_connection = True
        try:
            self.wfile.flush()
        except OSError:
            pass
        try:
            if reset:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()

    # -- dispatch -----------------------------------------------------------------------------

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        self.route_path = split.path
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = self.server.fault
        fault.record(RecordedRequest(self.command, self.path,
                                     {k.lower(): v for k, v in self.headers.items()},
                                     body, time.monotonic()))
        route = fault.find_route(split.path)
        try:
            if route is None:
                self.reply(404, b"<h1>Not found</h1>")
            else:
                route(self, query)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            # The client hung up on purpose (size cap, deadline): that is the test passing.
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fault: FaultServer

    def handle_error(self, request: object, client_address: object) -> None:
        logger.debug("faultserver: handler error from %s", client_address, exc_info=True)


class FaultServer:
    """The fault-injecting server: start it, point a Fetcher at it, read what it saw."""

    def __init__(self) -> None:
        self.robots_txt: str | None = None       # None → /robots.txt is a 404
        self.requests: list[RecordedRequest] = []
        self.bytes_sent: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._hits: Counter[str] = Counter()
        self._routes: dict[str, Route] = dict(BUILTIN_ROUTES)
        self._prefix_routes: dict[str, Route] = dict(BUILTIN_PREFIX_ROUTES)
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FaultServer:
        self._httpd = _Server(("127.0.0.1", 0), FaultHandler)
        self._httpd.fault = self
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()                      # releases /hang and the drip loops
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- addresses and records -------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Route) -> None:
        """Serve `path` (exact match) with handler(request_handler, query)."""
        self._routes[path] = handler

    def find_route(self, path: str) -> Route | None:
        if path in self._routes:
            return self._routes[path]
        for prefix, route in self._prefix_routes.items():
            if path.startswith(prefix):
                return route
        return None

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)
            self._hits[request.path] += 1

    def count_sent(self, path: str, n: int) -> None:
        with self._lock:
            self.bytes_sent[path] += n

    def hit_number(self, full_path: str) -> int:
        """How many requests (so far) carried exactly this path and query."""
        with self._lock:
            return self._hits[full_path]

    def hits(self, path: str) -> int:
        """Requests whose path (query ignored) is `path`."""
        with self._lock:
            return sum(1 for r in self.requests if urlsplit(r.path).path == path)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    def arrivals(self, path: str | None = None) -> list[float]:
        """Arrival times (time.monotonic) of requests to `path`, or of all requests."""
        with self._lock:
            return [r.arrived for r in self.requests
                    if path is None or urlsplit(r.path).path == path]


# -- the routes ----------------------------------------------------------------------------

def _page(h: FaultHandler, q: dict[str, str]) -> None:
    """A small HTML page; ?body= sets its text."""
    text = q.get("body", "<html><body><p>A healthy page.</p></body></html>")
    h.reply(200, text.encode("utf-8"))


def _echo(h: FaultHandler, q: dict[str, str]) -> None:
    """JSON describing the request as received: method, headers, body."""
    request = h.server.fault.requests[-1]
    payload = {"method": request.method, "headers": request.headers,
               "body": request.body.decode("utf-8", errors="replace")}
    h.reply(200, json.dumps(payload).encode(), content_type="application/json")


def _robots(h: FaultHandler, q: dict[str, str]) -> None:
    robots = h.server.fault.robots_txt
    if robots is None:
        h.reply(404, b"no robots here", content_type="text/plain")
    else:
        h.reply(200, robots.encode("utf-8"), content_type="text/plain")


def _hang(h: FaultHandler, q: dict[str, str]) -> None:
    """T3: read the request, never answer (until the server stops)."""
    h.server.fault.stopping.wait(60)
    h.hard_close()


def _slow_drip(h: FaultHandler, q: dict[str, str]) -> None:
    """T4: headers at once, then one byte every `interval` seconds (under any read timeout)."""
    interval = float(q.get("interval", "0.1"))
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "text/html", "Content-Length": "100000"})
    for _ in range(100000):
        if h.server.fault.stopping.wait(interval):
            break
        h.send_bytes(b"x")
    h.hard_close()


def _short_body(h: FaultHandler, q: dict[str, str]) -> None:
    """T5: Content-Length 20, 7 bytes sent, connection closed (Scrapy BrokenDownloadResource)."""
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "text/html", "Content-Length": "20"})
    h.send_bytes(b"partial")
    h.hard_close()


def _broken_chunked(h: FaultHandler, q: dict[str, str]) -> None:
    """T6: chunked encoding, closed without the terminating 0-length chunk."""
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "text/html",
                                   "Transfer-Encoding": "chunked"})
    h.send_bytes(b"7\r\nchunked\r\n6\r\n-body-\r\n")
    h.hard_close()


def _reset(h: FaultHandler, q: dict[str, str]) -> None:
    """T7: half the declared body, then a TCP reset (SO_LINGER 0)."""
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "text/html", "Content-Length": "100000"})
    h.send_bytes(b"y" * 50000)
    time.sleep(0.05)          # let the client start reading before the RST arrives
    h.hard_close(reset=True)


def _garbage(h: FaultHandler, q: dict[str, str]) -> None:
    """T8: not HTTP at all."""
    h.send_bytes(b"HELLO\r\n\r\n")
    h.hard_close()


def _status(h: FaultHandler, q: dict[str, str]) -> None:
    """/status/<code>[?retry_after=N]: always that status, with an HTML error page."""
    code = int(h.route_path.rsplit("/", 1)[-1])
    headers = {"Retry-After": q["retry_after"]} if "retry_after" in q else {}
    h.reply(code, f"<h1>Error {code}</h1><p>Service unavailable</p>".encode(), headers)


def _flaky(h: FaultHandler, q: dict[str, str]) -> None:
    """/flaky?status=503&times=1[&retry_after=N]: `times` failures, then a 200."""
    seen = h.server.fault.hit_number(h.path)
    if seen <= int(q.get("times", "1")):
        headers = {"Retry-After": q["retry_after"]} if "retry_after" in q else {}
        h.reply(int(q.get("status", "503")), b"<h1>Try again</h1>", headers)
    else:
        h.reply(200, b"<html><body>recovered</body></html>")


def _etag(h: FaultHandler, q: dict[str, str]) -> None:
    """T14: ETag "v1"; a request carrying If-None-Match: "v1" gets a 304."""
    if h.headers.get("If-None-Match") == '"v1"':
        h.reply(304, b"", {"ETag": '"v1"'})
    else:
        h.reply(200, b"<html><body>stable content</body></html>", {"ETag": '"v1"'})


LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT"


def _last_modified(h: FaultHandler, q: dict[str, str]) -> None:
    """Last-Modified validator; If-Modified-Since equal to it gets a 304."""
    if h.headers.get("If-Modified-Since") == LAST_MODIFIED:
        h.reply(304, b"", {"Last-Modified": LAST_MODIFIED})
    else:
        h.reply(200, b"<p>dated content</p>", {"Last-Modified": LAST_MODIFIED})


def _lying_etag(h: FaultHandler, q: dict[str, str]) -> None:
    """T15: the same ETag every time, a different body every time, validators ignored."""
    n = h.server.fault.hits("/lying-etag")
    h.reply(200, f"<p>version {n}</p>".encode(), {"ETag": '"always-the-same"'})


def _stream_until_hangup(h: FaultHandler, chunks: Iterator[bytes]) -> None:
    for data in chunks:
        if h.server.fault.bytes_sent[h.route_path] >= HUGE_ROUTE_LIMIT:
            break
        h.send_bytes(data)
    h.hard_close()


def _huge_length(h: FaultHandler, q: dict[str, str]) -> None:
    """S1: an honest Content-Length of 2 GB, then zeros for as long as the client reads."""
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "application/octet-stream",
                                   "Content-Length": "2000000000"})
    block = bytes(CHUNK)
    _stream_until_hangup(h, iter(lambda: block, None))


def _endless_chunked(h: FaultHandler, q: dict[str, str]) -> None:
    """S2: chunked, no length, 64 KiB chunks forever."""
    h.raw_head("HTTP/1.1 200 OK", {"Content-Type": "text/html",
                                   "Transfer-Encoding": "chunked"})
    chunk = b"%x\r\n" % CHUNK + b"z" * CHUNK + b"\r\n"
    _stream_until_hangup(h, iter(lambda: chunk, None))


def _gzip_bomb(h: FaultHandler, q: dict[str, str]) -> None:
    """S3: ~100 KB on the wire, 100 MiB once inflated."""
    h.reply(200, gzip_bomb(), {"Content-Encoding": "gzip"})


def _gzip_page(h: FaultHandler, q: dict[str, str]) -> None:
    """A normal gzip-encoded page, which must come back decoded."""
    h.reply(200, gzip.compress("<p>compressed £ page</p>".encode("utf-8")),
            {"Content-Encoding": "gzip"})


def _wrong_encoding(h: FaultHandler, q: dict[str, str]) -> None:
    """S4: says gzip, sends plain text."""
    h.reply(200, b"<p>this is not gzip at all</p>", {"Content-Encoding": "gzip"})


def _redirect(h: FaultHandler, q: dict[str, str]) -> None:
    """/redirect?to=<url>[&status=302]"""
    h.reply(int(q.get("status", "302")), b"", {"Location": q["to"]})


def _loop(h: FaultHandler, q: dict[str, str]) -> None:
    """R1: /loop/a → /loop/b → /loop/a ..."""
    other = "/loop/b" if h.route_path == "/loop/a" else "/loop/a"
    h.reply(302, b"", {"Location": other})


def _chain(h: FaultHandler, q: dict[str, str]) -> None:
    """/chain/<n>: n redirects (relative Locations), then a page."""
    n = int(h.route_path.rsplit("/", 1)[-1])
    if n == 0:
        h.reply(200, b"<p>end of chain</p>")
    else:
        h.reply(301, b"", {"Location": f"/chain/{n - 1}"})


BUILTIN_ROUTES: dict[str, Route] = {
    "/page": _page,
    "/echo": _echo,
    "/robots.txt": _robots,
    "/hang": _hang,
    "/slow-drip": _slow_drip,
    "/short-body": _short_body,
    "/broken-chunked": _broken_chunked,
    "/reset": _reset,
    "/garbage": _garbage,
    "/flaky": _flaky,
    "/etag": _etag,
    "/last-modified": _last_modified,
    "/lying-etag": _lying_etag,
    "/huge-length": _huge_length,
    "/endless-chunked": _endless_chunked,
    "/gzip-bomb": _gzip_bomb,
    "/gzip-page": _gzip_page,
    "/wrong-encoding": _wrong_encoding,
    "/redirect": _redirect,
}
BUILTIN_PREFIX_ROUTES: dict[str, Route] = {
    "/status/": _status,
    "/loop/": _loop,
    "/chain/": _chain,
}


class ConnectionCounter:
    """A bare TCP listener on 127.0.0.1 that only counts the connections it accepts."""

    def __init__(self) -> None:
        self.connections = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        self._sock.close()

    def __enter__(self) -> ConnectionCounter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class FullBacklogListener:
    """A listener whose accept queue is already full, so new connections hang in SYN-SENT
    (T2, "connect hang"): nothing is ever accepted, and further SYNs are dropped (Linux)."""

    def __init__(self, fillers: int = 3) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(0)
        self._fillers: list[socket.socket] = []
        for _ in range(fillers):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", self.port))
            except BlockingIOError:
                pass
            self._fillers.append(filler)
        time.sleep(0.05)                 # let the fillers' handshakes settle into the queue

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._sock.close()

    def __enter__(self) -> FullBacklogListener:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def closed_port() -> int:
    """A loopback port with no listener (bound, read, released): connecting is refused."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A started FaultServer, stopped after the test."""
    with FaultServer() as server:
        yield server
