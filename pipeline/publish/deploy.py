"""Deploy the published database to a hosted Datasette (Google Cloud Run), as the nightly job does.

    python -m pipeline.publish.deploy build/enforcement.db --service enforcement-monitor \
        [--site-url https://enforcement.example.org] [--dry-run]

`datasette publish cloudrun` builds a container with Datasette and the database and deploys it;
it needs `gcloud`, signed in to a project. The nightly workflow runs this step only when the
repository has the GCP_SA_KEY and GCP_PROJECT secrets, and otherwise prints a notice and goes on
(the database is still published as a release asset). `deploy_command()` is the whole command
line, so tests/test_deploy.py checks exactly what would run.

The hosted site is served like the local one: the same metadata, templates, static files and
settings (serve.SETTINGS), and the project's plugin. The container does not install this
project (spaCy and all), so the plugin is staged with a copy of the few standard-library-only
modules it imports (`stage_plugins()`); the loader in plugins/ falls back to that copy.
Datasette is pinned to the same series as pyproject.toml. `datasette publish` always serves with
`--cors` (the data is public and read-only, so that is accepted here) and `--host 0.0.0.0` behind
Cloud Run's HTTPS front end; `force_https_urls` makes the site's own links https.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.publish import serve

DATASETTE_PIN = "datasette>=0.65.3,<0.66"
# The modules the plugin imports: standard library, Datasette and markupsafe only.
PLUGIN_MODULES = ("__init__.py", "plugin.py", "limits.py", "search.py", "feeds.py", "factsheet.py")
HOSTED_SETTINGS = {**serve.SETTINGS, "force_https_urls": "on"}


def stage_plugins(target: Path) -> Path:
    """Copy the plugin loader and a vendored copy of its modules into `target`; return it."""
    target.mkdir(parents=True, exist_ok=True)
    for loader in serve.PLUGINS_DIR.glob("*.py"):
        shutil.copy2(loader, target / loader.name)
    vendor = target / "vendor" / "pipeline"
    (vendor / "publish").mkdir(parents=True, exist_ok=True)
    (vendor / "__init__.py").write_text('"""Vendored for the hosted site: see pipeline/publish/deploy.py."""\n',
                                        encoding="utf-8")
    publish_dir = Path(serve.__file__).resolve().parent
    for name in PLUGIN_MODULES:
        shutil.copy2(publish_dir / name, vendor / "publish" / name)
    return target


def hosted_metadata(target: Path, site_url: str | None) -> Path:
    """The site's metadata, with the public address feeds link to when one is given."""
    metadata = json.loads(serve.METADATA_PATH.read_text(encoding="utf-8"))
    if site_url:
        metadata.setdefault("plugins", {}).setdefault("enforcement-monitor", {})["site_url"] = site_url.rstrip("/")
    path = target / "metadata.json"
    path.write_text(json.dumps(metadata, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def deploy_command(db_path: Path, *, service: str, plugins_dir: Path, metadata_path: Path,
                   version_note: str | None = None) -> list[str]:
    """The `datasette publish cloudrun` command line for `db_path`."""
    extra = " ".join(f"--setting {name} {value}" for name, value in HOSTED_SETTINGS.items())
    command = [
        sys.executable, "-m", "datasette", "publish", "cloudrun", str(Path(db_path).resolve()),
        "--service", service,
        "--metadata", str(metadata_path),
        "--template-dir", str(serve.TEMPLATE_DIR),
        "--static", f"{serve.STATIC_MOUNT}:{serve.STATIC_DIR}",
        "--plugins-dir", str(plugins_dir),
        "--install", DATASETTE_PIN,
        "--install", "datasette-atom>=0.9",
        "--extra-options", extra,
    ]
    if version_note:
        command += ["--version-note", version_note]
    return command


def main(argv: list[str] | None = None) -> int:
    """Deploy (or, with --dry-run, print the command); one line and exit 1 on a refusal."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.publish.deploy", description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the published database (build/enforcement.db)")
    parser.add_argument("--service", default="enforcement-monitor", help="Cloud Run service name")
    parser.add_argument("--site-url", default=None, help="public address, for links in the feeds")
    parser.add_argument("--version-note", default=None, help="shown at /-/versions (e.g. the data release)")
    parser.add_argument("--dry-run", action="store_true", help="print the command instead of running it")
    args = parser.parse_args(argv)
    try:
        serve.check_database(args.db)
    except serve.ServeError as error:
        sys.stderr.write(f"deploy refused: {error}\n")
        return 1
    with tempfile.TemporaryDirectory(prefix="enforcement-deploy-") as folder:
        staging = Path(folder)
        command = deploy_command(args.db, service=args.service, plugins_dir=stage_plugins(staging / "plugins"),
                                 metadata_path=hosted_metadata(staging, args.site_url),
                                 version_note=args.version_note)
        if args.dry_run:
            print(" ".join(command))
            return 0
        if shutil.which("gcloud") is None:
            sys.stderr.write("deploy refused: gcloud is not installed (datasette publish cloudrun needs it)\n")
            return 1
        return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
