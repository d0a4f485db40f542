"""Serve the published database with Datasette, hardened.

The whole command line lives in `datasette_command()` so that the CLI (`enforcement-monitor
serve`, `make demo`), the tests and the README all use, and check, the same settings. Every flag
is explained where it is set; docs/ and README repeat the list for people who deploy it.

Why these choices (see /work/shared/RELIABILITY.md, "Datasette hardening checklist"):
- the database is opened immutable (`-i`): Datasette cannot write to it, and never sees a
  half-written file because the nightly job swaps in a new, checked file (publish/build.py);
- SQL stays open to journalists (`default_allow_sql on`) but every query runs on a read-only
  connection, under a 1 s time limit and a 1,000-row cap;
- debugging surfaces (`_trace`, template context) are off: `?_trace=1` was the 2021 XSS vector;
- no `--root`, `--cors`, `--crossdb`, `--reload`, extensions or HTML-rendering plugins.
"""
from __future__ import annotations

import json
import logging
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
    # Facet counts get 200 ms and facet suggestions 50 ms before Datasette gives up on them.
    "facet_time_limit_ms": "200",
    "facet_suggest_time_limit_ms": "50",
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
    target = Path(tempfile.mkdtemp(prefix="enforcement-metadata-")) / "metadata.json"
    target.write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    logger.info("Serving %s: metadata renamed for database %r in %s", db_path, name, target)
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
    ]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    return command


def serve(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1") -> int:
    """Run Datasette on `db_path` until interrupted; return its exit code.

    Raises FileNotFoundError when the database does not exist: Datasette would otherwise
    start and show an empty site.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"No database at {db_path}: build one with `enforcement-monitor demo` or `run`")
    command = datasette_command(db_path, port=port, host=host)
    logger.info("Serving %s on http://%s:%s/", db_path, host, port)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
