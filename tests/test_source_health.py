"""Source health over nights: a run failing only on robots.txt says so; a source failing for more
than N nights in a row is listed in the job summary as stale. Real runs against a loopback server.
"""
from __future__ import annotations

import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.collect.health import ROBOTS_ONLY_NOTE, robots_only, stale_sources
from pipeline.publish.checks import run_summary
from pipeline.run import run_sources
from pipeline.sources import parse_sources

QUIET_FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
              b"<item><title>Village fete raises money</title><link>http://example.org/fete</link>"
              b"<description>Cakes.</description></item></channel></rss>")


class Site(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.gone = True
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/robots.txt":
                    self._send(200, "text/plain", b"User-agent: *\nDisallow: /closed/\n")
                elif self.path == "/ok/feed" or (self.path == "/gone/feed" and not server.gone):
                    self._send(200, "application/rss+xml", QUIET_FEED)
                else:
                    self._send(404, "text/plain", b"not found")

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def sources(self, *paths: str):
        base = f"http://127.0.0.1:{self.server_address[1]}"
        return parse_sources([{"id": path.strip("/").split("/")[0], "kind": "feed", "url": base + path,
                               "delay_seconds": 0, "fetch_articles": False} for path in paths])


@pytest.fixture()
def site():
    server = Site()
    yield server
    server.shutdown()
    server.server_close()


def test_robots_only_is_true_only_when_every_failure_is_robots():
    assert robots_only(["robots_disallowed", "robots_disallowed"])
    assert not robots_only(["robots_disallowed", "http_4xx"])
    assert not robots_only([])


@pytest.mark.slow    # a whole run (the extraction model is loaded)
def test_a_run_whose_only_failures_are_robots_refusals_says_so(tmp_path, site):
    summary = run_sources(tmp_path / "m.db", site.sources("/ok/feed", "/closed/feed"), progress=False)
    assert [(s.source, s.status, s.error_class) for s in summary.sources] == [
        ("ok", "ok", None), ("closed", "error", "robots_disallowed")]
    assert ROBOTS_ONLY_NOTE in summary.as_text()
    text, failed = run_summary(tmp_path / "m.db")
    assert failed == 1 and ROBOTS_ONLY_NOTE in text

    other = run_sources(tmp_path / "n.db", site.sources("/closed/feed", "/gone/feed"), progress=False)
    assert ROBOTS_ONLY_NOTE not in other.as_text()          # a real breakage is not explained away
    assert ROBOTS_ONLY_NOTE not in run_summary(tmp_path / "n.db")[0]


@pytest.mark.slow    # a whole run (the extraction model is loaded)
def test_a_source_failing_more_than_n_nights_is_listed_as_stale(tmp_path, site):
    db_path = tmp_path / "m.db"
    for night in range(1, 5):
        run_sources(db_path, site.sources("/ok/feed", "/gone/feed"), progress=False)
        conn = sqlite3.connect(db_path)
        stale = [s.source for s in stale_sources(conn)]
        conn.close()
        assert stale == (["gone"] if night > 3 else []), night      # default: more than 3 nights
    text, _ = run_summary(db_path)
    assert "stale source(s): failing for more than 3 nights" in text
    assert "**gone**: 4 nights in a row (http_4xx)" in text
    assert "stale" not in run_summary(db_path, stale_after=4)[0]     # configurable

    site.gone = False                                                # the source recovers
    run_sources(db_path, site.sources("/ok/feed", "/gone/feed"), progress=False)
    assert "stale" not in run_summary(db_path)[0]


def test_a_register_closed_by_robots_txt_is_one_plain_sentence_in_the_run(tmp_path, site):
    (source,) = parse_sources([{"id": "ico-enforcement", "kind": "ico_search_api", "root_page_id": 17222,
                                "url": f"http://127.0.0.1:{site.server_address[1]}/closed/api/search",
                                "delay_seconds": 0}])
    summary = run_sources(tmp_path / "m.db", [source], progress=False)
    (only,) = summary.sources
    assert only.error_class == "robots_disallowed"
    assert only.error_message.endswith("/closed/api/search for our user agent, so the ICO register cannot be "
                                       "crawled by a crawler that obeys robots.txt.")
    assert ROBOTS_ONLY_NOTE in summary.as_text()
