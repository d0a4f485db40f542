"""`enforcement-monitor check-sources`: the canary, through the CLI, against loopback servers.

Against the offline demo mirror (the real shapes) every source is ok; against a changed layout
the command exits non-zero and its line names the source and what is missing; a robots.txt that
closes the ICO API gets one plain sentence.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from pipeline.demo.mirror_server import MirrorServer

REPO = Path(__file__).resolve().parents[1]
DEMO_FEEDS = REPO / "pipeline" / "demo" / "feeds.yaml"
PAGES = Path(__file__).parent / "fixtures" / "pages"
E = "/action-weve-taken/enforcement/"


def check_sources(feeds: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "pipeline", "check-sources", "--feeds", str(feeds)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def lines_by_source(stdout: str) -> dict[str, str]:
    lines = {}
    for line in stdout.splitlines():
        status, _, rest = line.partition(" ")
        source, _, detail = rest.strip().partition(": ")
        lines[source] = f"{status} {detail}"
    return lines


def test_every_demo_source_is_ok_against_the_mirror(tmp_path):
    config = yaml.safe_load(DEMO_FEEDS.read_text(encoding="utf-8"))
    db_before = set(tmp_path.iterdir())
    with MirrorServer(port=0) as mirror:
        for source in config["sources"]:
            source["url"] = source["url"].replace("http://127.0.0.1:0", mirror.base_url)
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(yaml.safe_dump(config), encoding="utf-8")
        result = check_sources(feeds)
        asked = [path for method, path in mirror.request_log]
    assert result.returncode == 0, result.stdout + result.stderr
    lines = lines_by_source(result.stdout)
    assert set(lines) == {s["id"] for s in config["sources"]}
    assert all(line.startswith("ok") for line in lines.values()), result.stdout
    assert asked[0] == "/robots.txt"                         # robots.txt first
    assert set(tmp_path.iterdir()) == db_before | {feeds}     # nothing written beside the config


class ChangedSite(ThreadingHTTPServer):
    """An ICO-like site whose shape a test changes, plus one feed."""

    def __init__(self) -> None:
        self.robots = b"User-agent: *\nAllow: /\n"
        self.api = json.loads((PAGES / "api_search_enforcement_p1.json").read_text(encoding="utf-8"))
        self.detail = (PAGES / "ico_detail_current_elderly_aids_en.html").read_bytes()
        self.feed = (PAGES / "feed_pulse_rss.xml").read_bytes()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self._send("application/json", json.dumps(server.api).encode())

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/robots.txt":
                    self._send("text/plain", server.robots)
                elif self.path == "/feed/":
                    self._send("application/rss+xml", server.feed)
                else:
                    self._send("text/html; charset=utf-8", server.detail)

            def _send(self, content_type: str, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def feeds_file(self, folder: Path) -> Path:
        path = folder / "feeds.yaml"
        path.write_text(yaml.safe_dump({"sources": [
            {"id": "ico-enforcement", "kind": "ico_search_api", "url": self.base_url + "/api/search",
             "root_page_id": 17222, "delay_seconds": 0},
            {"id": "pulse", "kind": "feed", "url": self.base_url + "/feed/", "outlet": "Pulse", "delay_seconds": 0},
        ]}), encoding="utf-8")
        return path


@pytest.fixture()
def site():
    server = ChangedSite()
    yield server
    server.shutdown()
    server.server_close()


def test_the_unchanged_site_is_ok(tmp_path, site):
    result = check_sources(site.feeds_file(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines_by_source(result.stdout)["ico-enforcement"].startswith("ok")


def test_an_api_field_gone_stops_the_refresh_and_names_it(tmp_path, site):
    for row in site.api["results"]:
        row.pop("filterItemMetaData")
    result = check_sources(site.feeds_file(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    line = lines_by_source(result.stdout)["ico-enforcement"]
    assert line.startswith("FAILED layout_changed") and "filterItemMetaData" in line
    assert lines_by_source(result.stdout)["pulse"].startswith("ok")
    assert "do not refresh" in result.stderr


def test_a_detail_page_without_its_facts_panel_is_a_changed_layout(tmp_path, site):
    site.detail = site.detail.replace(b'class="text-sm text-neutral-600', b'class="facts-v2')
    site.detail = site.detail.replace(b"<span>Date</span>", b"<b>Date</b>").replace(b"<span>Type</span>", b"<b>Type</b>")
    result = check_sources(site.feeds_file(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    line = lines_by_source(result.stdout)["ico-enforcement"]
    assert "layout_changed" in line and "facts panel has no Date or Type" in line


def test_a_robots_txt_closing_the_api_is_one_plain_sentence(tmp_path, site):
    site.robots = b"User-agent: *\nDisallow: /api/\n"
    result = check_sources(site.feeds_file(tmp_path))
    assert result.returncode == 2
    line = lines_by_source(result.stdout)["ico-enforcement"]
    assert line.startswith("FAILED robots_disallowed")
    assert line.endswith("disallows /api/search for our user agent, so the ICO register cannot be crawled "
                         "by a crawler that obeys robots.txt.")


def test_a_feed_that_lost_its_items_fails_without_stopping_the_refresh(tmp_path, site):
    site.feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Pulse</title></channel></rss>'
    result = check_sources(site.feeds_file(tmp_path))
    assert result.returncode == 3, result.stdout + result.stderr
    assert lines_by_source(result.stdout)["pulse"].startswith("FAILED extraction_empty")
    assert lines_by_source(result.stdout)["ico-enforcement"].startswith("ok")


def test_the_nightly_job_runs_the_canary_before_restoring_or_refreshing():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "nightly.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    commands = [step.get("run", "") for step in job["steps"]]
    canary = next(i for i, command in enumerate(commands) if "enforcement-monitor check-sources" in command)
    restore = next(i for i, command in enumerate(commands) if "gh release download" in command)
    refresh = next(i for i, command in enumerate(commands) if "make refresh" in command)
    assert canary < restore < refresh
    step = job["steps"][canary]
    assert not step.get("continue-on-error") and not step.get("if")    # a changed register stops the job
    assert '"$status" -eq 2' in step["run"] and "exit 1" in step["run"]
