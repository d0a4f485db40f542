"""Trust follows configuration: through the CLI, every source on a 127.0.0.1 server is collected,
while links found in content that point at other private or loopback addresses stay refused.

The sources are the demo's (same kinds and paths as feeds.yaml) served by the offline mirror,
plus one feed on a second loopback server whose items link to 127.0.0.1 on a third port (a
live server that counts requests, so "refused" means no packet reached it) and to the cloud
metadata address 169.254.169.254.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from pipeline.demo.mirror_server import MirrorServer
from pipeline.fetch.guard import configured_hosts

REPO = Path(__file__).resolve().parents[1]
DEMO_FEEDS = REPO / "pipeline" / "demo" / "feeds.yaml"


class Recorder(ThreadingHTTPServer):
    """A loopback server answering every GET with a fixed body and recording the paths asked."""

    def __init__(self, body: bytes, content_type: str) -> None:
        self.body, self.content_type = body, content_type
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.paths.append(self.path)
                payload = b"" if self.path == "/robots.txt" else server.body
                self.send_response(200 if payload else 404)
                self.send_header("Content-Type", server.content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def hostile_feed(other_port: int) -> bytes:
    items = [("ICO fines firm over data breach", f"http://127.0.0.1:{other_port}/story"),
             ("ICO reprimand for council", "http://169.254.169.254/latest/meta-data/")]
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
                      f"<description>The Information Commissioner's Office issued a fine.</description>"
                      f"<pubDate>Wed, 18 Feb 2026 19:05:07 GMT</pubDate></item>" for t, link in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>'
            f"<link>http://example.org/</link><description>x</description>{entries}</channel></rss>").encode()


@pytest.fixture()
def servers():
    other = Recorder(b"<html><body><p>internal</p></body></html>", "text/html")
    hostile = Recorder(hostile_feed(other.server_address[1]), "application/rss+xml")
    with MirrorServer(port=0) as mirror:
        yield mirror, hostile, other
    for server in (hostile, other):
        server.shutdown()
        server.server_close()


def test_configured_hosts_are_the_sources_own_host_and_port():
    assert configured_hosts(["http://127.0.0.1:8123/api/search", "https://ico.org.uk/api/search",
                             "http://mirror.internal/feed/", "not a url"]) == {
        "127.0.0.1:8123", "ico.org.uk:443", "mirror.internal:80"}


@pytest.mark.slow    # a whole run (the extraction model is loaded)
def test_run_through_the_cli_collects_every_loopback_source_and_refuses_other_private_links(tmp_path, servers):
    mirror, hostile, other = servers
    config = yaml.safe_load(DEMO_FEEDS.read_text(encoding="utf-8"))
    for source in config["sources"]:
        source["url"] = source["url"].replace("http://127.0.0.1:0", mirror.base_url)
    config["sources"].append({"id": "hostile", "kind": "feed", "url": hostile.base_url + "/feed/",
                              "outlet": "Hostile", "delay_seconds": 0})
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(yaml.safe_dump(config), encoding="utf-8")
    db_path = tmp_path / "monitor.db"

    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--feeds", str(feeds), "--db", str(db_path)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr

    db = sqlite3.connect(db_path)
    runs = {source: (status, error_class, json.loads(failures or "[]"))
            for source, status, error_class, failures in db.execute(
                "select source, status, error_class, failures_json from source_runs")}
    mirror_ids = [s["id"] for s in config["sources"] if s["id"] != "hostile"]
    for source_id in mirror_ids:
        status, error_class, failures = runs[source_id]
        assert (status, error_class, failures) == ("ok", None, []), (source_id, runs[source_id])
        count = db.execute("select count(*) from documents where source = ?", [source_id]).fetchone()[0]
        assert count > 0, source_id

    status, _, failures = runs["hostile"]
    assert status == "partial"
    refused = {f["url"]: f["error_class"] for f in failures}
    assert refused == {f"http://127.0.0.1:{other.server_address[1]}/story": "ssrf_blocked",
                       "http://169.254.169.254/latest/meta-data/": "ssrf_blocked"}
    assert other.paths == []      # refused before connecting: not even robots.txt was asked
    assert hostile.paths[:2] == ["/robots.txt", "/feed/"]
