"""The offline mirror: a small HTTP server on 127.0.0.1 that behaves like the real sources.

`enforcement-monitor demo` starts it, points every demo source at it (only the scheme, host and
port change) and runs the real pipeline against it. Tests use it the same way. So everything it
serves must have the real sites' shapes (described in pipeline/demo/README.md):

- static files under `mirror/`, path for path as on the real sites (a directory serves its
  `index.*` file), with the Content-Type the real site sends;
- `POST /api/search` like the ICO's JSON search API: the body's rootPageId, order and pageNumber
  pick `mirror/api/search/<rootPageId>/<order>/page-<n>.json`; a page with no file is a
  "paging hole" and answers 200 with empty `results`, as the real API does;
- `{{base_url}}` in text files is replaced by the server's own base URL, because feeds carry
  absolute links and the port is only known at start-up;
- ETag and Last-Modified on every file, 304 on a matching If-None-Match / If-Modified-Since,
  so the pipeline's conditional GET is exercised;
- `mirror/redirects.json` maps a path to a target (Google News `/rss/articles/<id>` links
  redirect to the publisher's article in the real world too);
- 404 for anything else.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

MIRROR_ROOT = Path(__file__).resolve().parent / "mirror"
BASE_URL_PLACEHOLDER = "{{base_url}}"

# Content types keyed by file suffix. Feeds get their own suffixes (.rss, .atom) so that the
# mirror can send the type the real publisher sends, whatever the URL looks like.
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}
TEXT_SUFFIXES = {".html", ".json", ".rss", ".atom", ".xml", ".txt"}
# Tried in this order when a URL names a directory (`/feed/` serves `feed/index.rss`).
INDEX_FILES = ("index.html", "index.rss", "index.atom", "index.xml", "index.json")
REDIRECTS_FILE = "redirects.json"
API_SEARCH_PATH = "/api/search"
MAX_POST_BYTES = 64 * 1024


class MirrorServer:
    """Serves the offline mirror on 127.0.0.1 from a daemon thread.

    Use as a context manager (or call start()/stop()):

        with MirrorServer() as mirror:
            fetch(mirror.base_url + "/action-weve-taken/enforcement/")

    `request_log` records (method, path-with-query) for every request, so tests can check what
    the pipeline asked for (e.g. that a second run sent conditional requests only).
    """

    def __init__(self, root: str | Path = MIRROR_ROOT, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"mirror directory not found: {self.root}")
        self.host = host
        self.requested_port = port
        self.request_log: list[tuple[str, str]] = []
        self._log_lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._serving = False      # True while serve_forever() runs in some thread
        self.redirects = self._load_redirects()

    # -- lifecycle -------------------------------------------------------------------------
    def _bind(self) -> ThreadingHTTPServer:
        if self._httpd is None:
            handler = _make_handler(self)
            self._httpd = ThreadingHTTPServer((self.host, self.requested_port), handler)
            self._httpd.daemon_threads = True
            logger.info("offline mirror bound to %s", self.base_url)
        return self._httpd

    def bind(self) -> "MirrorServer":
        """Take the port now (an OSError if it is in use), so `base_url` is known before serving."""
        self._bind()
        return self

    def start(self) -> "MirrorServer":
        """Bind and serve in a daemon thread; returns self so `MirrorServer().start()` chains."""
        self._bind()
        if self._thread is None:
            # Marked before the thread runs, so a stop() right after start() still shuts it down.
            self._serving = True
            self._thread = threading.Thread(target=self.serve_forever, name="mirror-server", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port. Safe to call twice, and from another thread
        while serve_forever() runs."""
        httpd = self._httpd
        if httpd is not None:
            if self._serving:
                httpd.shutdown()          # returns once serve_forever's loop has exited
            if self._thread is not None:
                self._thread.join(timeout=5)
            httpd.server_close()
        self._httpd = None
        self._thread = None

    def serve_forever(self) -> None:
        """Serve in the calling thread until stop() or Ctrl-C (for a CLI that only serves the mirror)."""
        httpd = self._bind()
        self._serving = True
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            logger.info("offline mirror interrupted")
        finally:
            self._serving = False
            if self._httpd is not None and self._thread is None:
                httpd.server_close()
                self._httpd = None

    def __enter__(self) -> "MirrorServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("MirrorServer is not started")
        return int(self._httpd.server_address[1])

    @property
    def host_port(self) -> str:
        """"127.0.0.1:54321": what the fetcher's allow_private_hosts needs."""
        return f"{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """"http://127.0.0.1:54321", no trailing slash: what with_base_url() takes."""
        return f"http://{self.host_port}"

    # -- content ---------------------------------------------------------------------------
    def _load_redirects(self) -> dict[str, str]:
        path = self.root / REDIRECTS_FILE
        if not path.is_file():
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a JSON object mapping path -> target")
        return {str(k): str(v) for k, v in data.items()}

    def resolve(self, url_path: str) -> Path | None:
        """The file a URL path maps to, or None. Never escapes the mirror root."""
        relative = unquote(url_path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None
        if candidate.is_dir():
            for name in INDEX_FILES:
                index = candidate / name
                if index.is_file():
                    return index
            return None
        if candidate.is_file() and candidate.name != REDIRECTS_FILE:
            return candidate
        return None

    def render(self, path: Path) -> bytes:
        """The bytes served for a file: text files get `{{base_url}}` replaced."""
        body = path.read_bytes()
        if path.suffix in TEXT_SUFFIXES:
            body = body.replace(BASE_URL_PLACEHOLDER.encode(), self.base_url.encode())
        return body

    def search_page(self, request: dict[str, Any]) -> dict[str, Any]:
        """The ICO search API's answer for one request body.

        A page number without a file is a hole: 200 with empty results and the same pagination
        block as page 1, which is how the real API's holes look.
        """
        root_page_id = request.get("rootPageId")
        order = request.get("order") or "newest"
        page_number = request.get("pageNumber") or 1
        if not isinstance(root_page_id, int) or not isinstance(page_number, int) or not isinstance(order, str):
            raise ValueError("rootPageId and pageNumber must be integers, order a string")
        if not order.isalpha():
            raise ValueError(f"unknown order {order!r}")
        folder = self.root / "api" / "search" / str(root_page_id) / order
        page_file = folder / f"page-{page_number}.json"
        if page_file.is_file():
            return json.loads(self.render(page_file))
        pagination = {"totalResults": 0, "totalPages": 0}
        first = folder / "page-1.json"
        if first.is_file():
            pagination = json.loads(self.render(first)).get("pagination", pagination)
        return {"results": [], "pagination": pagination}

    def _log(self, method: str, path: str) -> None:
        with self._log_lock:
            self.request_log.append((method, path))


def _http_date(timestamp: float) -> str:
    return email.utils.formatdate(timestamp, usegmt=True)


def _content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _make_handler(server: MirrorServer) -> type[BaseHTTPRequestHandler]:
    class MirrorHandler(BaseHTTPRequestHandler):
        """One request. Kept small: all decisions about content live on MirrorServer."""

        server_version = "EnforcementMonitorMirror/1.0"
        protocol_version = "HTTP/1.1"
        # Headers and body leave in one write, without Nagle: otherwise every keep-alive
        # request waits ~40 ms for a delayed ACK and a run over the mirror crawls.
        wbufsize = 64 * 1024
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib name)
            logger.debug("mirror: " + format, *args)

        # GET / HEAD ------------------------------------------------------------------------
        def do_GET(self) -> None:
            self._serve_static(send_body=True)

        def do_HEAD(self) -> None:
            self._serve_static(send_body=False)

        def _serve_static(self, *, send_body: bool) -> None:
            server._log(self.command, self.path)
            url_path = urlsplit(self.path).path
            target = server.redirects.get(url_path)
            if target is not None:
                location = target.replace(BASE_URL_PLACEHOLDER, server.base_url)
                self._send(HTTPStatus.FOUND, b"", "text/plain; charset=utf-8",
                           extra={"Location": location}, send_body=send_body)
                return
            file = server.resolve(url_path)
            if file is None:
                self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8",
                           send_body=send_body)
                return
            body = server.render(file)
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            mtime = int(file.stat().st_mtime)
            headers = {"ETag": etag, "Last-Modified": _http_date(mtime)}
            if self._not_modified(etag, mtime):
                self._send(HTTPStatus.NOT_MODIFIED, b"", None, extra=headers, send_body=False)
                return
            self._send(HTTPStatus.OK, body, _content_type(file), extra=headers, send_body=send_body)

        def _not_modified(self, etag: str, mtime: int) -> bool:
            """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent."""
            if_none_match = self.headers.get("If-None-Match")
            if if_none_match is not None:
                tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
                return etag in tags or "*" in tags
            if_modified_since = self.headers.get("If-Modified-Since")
            if if_modified_since:
                try:
                    since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
                except (TypeError, ValueError):
                    return False
                return mtime <= since
            return False

        # POST /api/search ------------------------------------------------------------------
        def do_POST(self) -> None:
            server._log("POST", self.path)
            if urlsplit(self.path).path.rstrip("/") != API_SEARCH_PATH:
                self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8")
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_POST_BYTES:
                self._send(HTTPStatus.BAD_REQUEST, b"bad Content-Length\n", "text/plain; charset=utf-8")
                return
            raw = self.rfile.read(length)
            try:
                request = json.loads(raw or b"{}")
                if not isinstance(request, dict):
                    raise ValueError("body must be a JSON object")
                answer = server.search_page(request)
            except ValueError as exc:   # json.JSONDecodeError is a ValueError
                self._send(HTTPStatus.BAD_REQUEST, f"bad request: {exc}\n".encode(),
                           "text/plain; charset=utf-8")
                return
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            self._send(HTTPStatus.OK, body, CONTENT_TYPES[".json"], extra={"ETag": etag})

        def do_PUT(self) -> None:
            server._log("PUT", self.path)
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain; charset=utf-8",
                       extra={"Allow": "GET, HEAD, POST"})

        # helpers ---------------------------------------------------------------------------
        def _send(self, status: HTTPStatus, body: bytes, content_type: str | None, *,
                  extra: dict[str, str] | None = None, send_body: bool = True) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            if status != HTTPStatus.NOT_MODIFIED:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body and status != HTTPStatus.NOT_MODIFIED:
                self.wfile.write(body)

    return MirrorHandler


__all__ = ["MirrorServer", "MIRROR_ROOT", "BASE_URL_PLACEHOLDER", "CONTENT_TYPES"]
