"""Serve the published database with Datasette, hardened.

The whole command line lives in `datasette_command()` so that the CLI (`enforcement-monitor
serve`, `make demo`), the tests and the README all use, and check, the same settings. Every flag
is explained where it is set; docs/ and README repeat the list for people who deploy it.

Why these choices (a hardening checklist for a public, read-only Datasette):
- the database is opened immutable (`-i`): Datasette cannot write to it, and never sees a
  half-written file because the nightly job swaps in a new, checked file (publish/build.py);
- SQL stays open to journalists (`default_allow_sql on`) but every query runs on a read-only
  connection, under a 1 s time limit and a 1,000-row cap;
- debugging surfaces (`_trace`, template context) are off: `?_trace=1` was the 2021 XSS vector;
- no `--root`, `--cors`, `--crossdb`, `--reload`, extensions or HTML-rendering plugins; the
  project's own plugin (plugin.py, loaded with `--plugins-dir`) escapes every value it renders and
  bounds what one request can build (limits.py).

`serve()` checks what it can before starting Datasette (the file is an SQLite database, the port
is a port and is free) and raises ServeError with one line otherwise; a Datasette that stops with
an error is a ServeError too, so `enforcement-monitor serve` never exits 0 after a failure.
"""
from __future__ import annotations

import atexit
import errno
import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.resources import package_file

logger = logging.getLogger(__name__)

# Shipped inside the package (pipeline/publish/), found with importlib.resources.
METADATA_PATH = package_file("pipeline.publish", "metadata.json")
TEMPLATE_DIR = package_file("pipeline.publish", "templates")
STATIC_DIR = package_file("pipeline.publish", "static")
# One module that imports the hooks of plugin.py: loaded by Datasette, nothing to install.
PLUGINS_DIR = package_file("pipeline.publish", "plugins")
SQLITE_HEADER = b"SQLite format 3\x00"
# Served at /assets/...: the chart page's script and style. Nothing is loaded from a CDN.
STATIC_MOUNT = "assets"
# The database name metadata.json is written for. Datasette names a database after the
# file's stem, so a file called anything else gets a copy of the metadata under its own name.
METADATA_DATABASE = "enforcement"

# Each setting, with why it has this value. Datasette 0.65 accepts on/off for booleans.
SETTINGS: dict[str, str] = {
    # Kill any query (canned, table page or hand-written SQL) after one second: one expensive
    # query cannot tie up the server. Datasette's default; stated so a change is deliberate.
    "sql_time_limit_ms": "1000",
    # No page, JSON or CSV response returns more than 1,000 rows (`?_size=5000` is capped).
    "max_returned_rows": "1000",
    # Three threads run SQL: a few slow readers cannot starve the rest, nor the machine.
    "num_sql_threads": "3",
    # Facet counts get 100 ms before Datasette gives up on them (and says so): on a table the
    # facet columns are indexed and answer in a few ms; on a search matching most of 100,000
    # documents a facet would otherwise add its whole limit to the page (docs/SCALING.md).
    "facet_time_limit_ms": "100",
    # No facet suggestions: they probe every column of a table on every page view, which cost
    # about a second per page at 100,000 documents. The useful facets are set in metadata.json.
    "suggest_facets": "off",
    "facet_suggest_time_limit_ms": "50",
    # Table pages show the first 500 characters of a cell (a document's text is on its own
    # page): 100 full notice texts made a 300 KB page that took longer to render than to query.
    "truncate_cells_html": "500",
    # The file only changes at night (and Datasette is restarted then), so pages can be cached
    # by browsers and proxies for five minutes.
    "default_cache_ttl": "300",
    # The whole database is public data: let people download the .db file (needs -i).
    "allow_download": "on",
    # CSV exports may stream every row of a table, but at most 50 MB per request.
    "allow_csv_stream": "on",
    "max_csv_mb": "50",
    # Debug output stays off: `?_trace=1` once reflected unescaped JSON (CVE-2021-32670), and
    # `?_context=1` would expose template internals.
    "trace_debug": "off",
    "template_debug": "off",
    # Journalists may write their own read-only SQL; the limits above bound what it can cost.
    "default_allow_sql": "on",
}


class ServeError(Exception):
    """The site cannot be served; the message is one line saying why and what to change."""


def metadata_for(db_path: Path, metadata_path: Path = METADATA_PATH) -> Path:
    """Return a metadata file whose database section is named after `db_path`'s stem.

    metadata.json describes the database "enforcement". The demo or a test may serve
    a file with another name; rather than silently losing every description, canned query and
    facet, we write a renamed copy to a temporary directory and use that.
    """
    name = Path(db_path).stem
    if name == METADATA_DATABASE:
        return metadata_path
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    if METADATA_DATABASE in databases:
        databases[name] = databases.pop(METADATA_DATABASE)
    folder = tempfile.mkdtemp(prefix="enforcement-metadata-")
    # Removed when this process ends (serve() waits for Datasette), so no serve leaves one behind.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = Path(folder) / "metadata.json"
    target.write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    logger.info("Serving %s: metadata renamed for database %r in %s", db_path, name, target)
    return target


def inspect_file_for(db_path: Path) -> Path | None:
    """Datasette's own `inspect` data for `db_path`, in a temporary file removed at exit.

    The file is served immutable, so its row counts can be counted once when the server starts
    instead of on every table page (`select count(*)` over 100,000 documents, each time); it is
    what `datasette inspect` writes, computed in-process. None when the file cannot be inspected
    (missing, not a database): Datasette then counts per page, and reports the file itself.
    """
    import asyncio

    from datasette.cli import inspect_

    if not Path(db_path).is_file():
        return None
    try:
        data = asyncio.run(inspect_([str(db_path)], ()))
    except Exception as error:           # Datasette's own start-up names the problem better
        logger.warning("cannot inspect %s (%s); row counts will be counted per page", db_path, error)
        return None
    folder = tempfile.mkdtemp(prefix="enforcement-inspect-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = Path(folder) / "inspect-data.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def datasette_command(db_path: str | Path, *, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """The full `python -m datasette serve` command line for `db_path`, hardened.

    `port=0` lets the operating system choose a free port (Datasette prints it on start).
    The host defaults to loopback: put a TLS reverse proxy in front to publish it.
    """
    db_path = Path(db_path).resolve()
    command = [
        sys.executable, "-m", "datasette", "serve",
        "-i", str(db_path),                     # immutable: read-only, no locking, counts cached
        "--host", host,
        "--port", str(port),
        "--metadata", str(metadata_for(db_path)),  # descriptions, licence, canned queries, facets
        "--template-dir", str(TEMPLATE_DIR),      # the /charts page
        "--static", f"{STATIC_MOUNT}:{STATIC_DIR}",  # its script, served from here, not a CDN
        "--plugins-dir", str(PLUGINS_DIR),        # fact sheets, £ amounts, links, feeds, request bounds
    ]
    inspect_file = inspect_file_for(db_path)
    if inspect_file is not None:
        command += ["--inspect-file", str(inspect_file)]   # row counts, counted once at start-up
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    return command


def _wait(process: subprocess.Popen) -> int:
    """Wait for Datasette; on Ctrl-C (which it receives too) give it a moment, then stop it."""
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            try:
                return process.wait(timeout=10)
            except (subprocess.TimeoutExpired, KeyboardInterrupt):
                process.kill()
                return process.wait()


def check_database(db_path: str | Path) -> None:
    """Raise ServeError unless `db_path` is a readable SQLite database."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ServeError(f"No database at {db_path}: build one with `enforcement-monitor demo --no-serve` or `run`")
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ServeError(f"{db_path}: cannot read it ({error.strerror or error})") from error
    if header != SQLITE_HEADER:
        raise ServeError(f"{db_path}: not an SQLite database (it does not start with the SQLite header)")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
            page_size = conn.execute("pragma page_size").fetchone()[0]
            page_count = conn.execute("pragma page_count").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise ServeError(f"{db_path}: not a usable SQLite database ({error})") from error
    size = db_path.stat().st_size
    if page_size * page_count > size:
        raise ServeError(f"{db_path}: truncated ({size:,} bytes of the {page_size * page_count:,} its header "
                         "declares): publish it again")


def check_port(port: int, host: str = "127.0.0.1", *, option: str = "--port") -> None:
    """Raise ServeError naming the port when it is not a port number or something listens on it."""
    if not 0 <= port <= 65535:
        raise ServeError(f"{option} {port} is not a port number: use 1-65535")
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Without SO_REUSEADDR a port still in TIME_WAIT would look busy; with it, only a live
        # listener makes bind() fail.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeError(f"port {port} on {host} is already in use: choose another with {option}") from error
            raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error})") from error


def serve(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1",
          site_url: str | None = None) -> int:
    """Run Datasette on `db_path` until interrupted; return 0 when stopped with Ctrl-C.

    Raises ServeError (one line) when the file is not an SQLite database, the port is not a port
    or is taken, or Datasette stops with an error. `site_url` is the public address used in feed
    links (ENFORCEMENT_MONITOR_SITE_URL); without it, each request's own address is used.
    """
    db_path = Path(db_path)
    check_database(db_path)
    check_port(port, host)
    command = datasette_command(db_path, port=port, host=host)
    env = dict(os.environ)
    if site_url:
        env["ENFORCEMENT_MONITOR_SITE_URL"] = site_url
    logger.info("Serving %s on http://%s:%s/", db_path, host, port)
    process = subprocess.Popen(command, env=env)
    # A SIGTERM to us (a service manager, a test, `kill`) must stop Datasette too, not orphan it.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: process.send_signal(signal.SIGTERM))
    try:
        status = _wait(process)
    finally:
        signal.signal(signal.SIGTERM, previous)
    # Ctrl-C and SIGTERM reach Datasette too; uvicorn then exits 0, or by the signal.
    if status not in (0, -signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT, 128 + signal.SIGTERM):
        raise ServeError(f"Datasette stopped with exit status {status} while serving {db_path}")
    return 0
