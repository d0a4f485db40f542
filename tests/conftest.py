"""Shared fixtures: the extractor, an empty database, a database built by the real pipeline,
and the real Datasette serving it.

`extractor` is the process-wide Extractor, so the spaCy model loads once per session whatever
the number of test files that extract. `db` is a writable database with the schema, full-text
indexes and taxonomy applied: the schema is applied once per session, and each test gets its own
copy of that file (tests write, so sharing one open database would let them steer each other).
The fault server's `fault_server` fixture comes from tests/faultserver.py, a plugin (below).

`demo_db` runs `python -m pipeline demo --no-serve` once per test session against the bundled
offline mirror (loopback only). `datasette_server` starts Datasette with exactly the command
`enforcement-monitor serve` uses (pipeline.publish.serve.datasette_command) on 127.0.0.1, on a
port the operating system picks, and waits until it answers. `start_datasette` starts more
servers (e.g. on a doctored copy of the database); all are stopped at the end of the session.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import sqlite_utils

from pipeline.extract import Extractor, default_extractor
from pipeline.store import open_db, prepare_db

# The misbehaving loopback server's fixtures, for every test file that asks for them.
pytest_plugins = ["tests.faultserver"]

REPO = Path(__file__).resolve().parents[1]
# Named like the published database so metadata.json applies to it unchanged.
DEMO_DB_NAME = "enforcement.db"
SERVER_START_SECONDS = 60
_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@dataclass
class DatasetteServer:
    """A running Datasette process and where it listens."""

    process: subprocess.Popen
    base_url: str
    db_path: Path
    database: str
    output: deque = field(default_factory=lambda: deque(maxlen=200))

    def url(self, path: str) -> str:
        """Absolute URL for a path such as "/-/settings.json"."""
        return self.base_url + path

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        """GET a path without following redirects: (status, lower-cased headers, body)."""
        request = urllib.request.Request(self.url(path))
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def get_json(self, path: str) -> Any:
        """GET a path and decode its JSON body, whatever the status."""
        _, _, body = self.get(path)
        return json.loads(body)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a test see a 302 itself (the open-redirect check) instead of following it."""

    def redirect_request(self, *args, **kwargs):  # noqa: D401 - urllib's hook
        return None


def _start_datasette(db_path: Path) -> DatasetteServer:
    """Start `datasette serve` with our hardened command on port 0 and wait until it answers."""
    from pipeline.publish.serve import datasette_command

    command = datasette_command(db_path, port=0)
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1)
    output: deque = deque(maxlen=200)
    port_found = threading.Event()
    port: list[int] = []

    stdout = process.stdout
    assert stdout is not None        # stdout=PIPE

    def read_output() -> None:
        # Keeps draining the pipe for the server's whole life, so it can never block on a full pipe.
        for line in stdout:
            output.append(line.rstrip())
            match = _LISTENING.search(line)
            if match and not port:
                port.append(int(match.group(1)))
                port_found.set()

    threading.Thread(target=read_output, daemon=True).start()
    if not port_found.wait(SERVER_START_SECONDS):
        process.kill()
        raise RuntimeError("Datasette did not start:\n" + "\n".join(output))
    server = DatasetteServer(process, f"http://127.0.0.1:{port[0]}", db_path, db_path.stem, output)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            status, _, _ = server.get("/-/versions.json", timeout=5)
            if status == 200:
                return server
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.1)
    server.stop()
    raise RuntimeError("Datasette never answered:\n" + "\n".join(output))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the demo database built (a whole pipeline run in a subprocess, about a
    minute) is slow, whether or not its file says so: `make test-fast` leaves it out."""
    for item in items:
        if {"demo_db", "datasette_server", "start_datasette"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The process-wide Extractor: one spaCy model load for the whole session."""
    return default_extractor()


@pytest.fixture(autouse=True)
def _extractor_forgets_known_organisations(request: pytest.FixtureRequest) -> Iterator[None]:
    """A run or an ExtractionPool teaches the extractor the organisation names of its database
    (the gazetteer); the shared extractor forgets them after each test, so no test reads names
    another test's database knew."""
    yield
    if "extractor" in request.fixturenames:
        default_extractor().set_known_organisations(())


@pytest.fixture(scope="session")
def empty_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database file with the schema applied, built once per session; copy, never write."""
    path = tmp_path_factory.mktemp("schema") / "empty.db"
    prepare_db(path).close()
    return path


@pytest.fixture
def db(empty_db_file: Path, tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    """A writable database for one test: a copy of the session's empty, schema-ready file."""
    path = tmp_path / "test.db"
    shutil.copyfile(empty_db_file, path)
    database = open_db(path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by the whole pipeline from the offline mirror (`demo --no-serve`)."""
    folder = tmp_path_factory.mktemp("demo")
    db_path = folder / DEMO_DB_NAME
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", "--no-serve", "--db", str(db_path), "--mirror-port", "0"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 or not db_path.is_file():
        raise RuntimeError(f"`pipeline demo` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return db_path


@pytest.fixture(scope="session")
def start_datasette() -> Iterator[Callable[[Path], DatasetteServer]]:
    """A function that starts Datasette on a database; every server stops at session end."""
    servers: list[DatasetteServer] = []

    def start(db_path: Path) -> DatasetteServer:
        server = _start_datasette(Path(db_path))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def datasette_server(demo_db: Path, start_datasette: Callable[[Path], DatasetteServer]) -> DatasetteServer:
    """The real Datasette, hardened as in production, serving the demo database."""
    return start_datasette(demo_db)
