"""The `enforcement-monitor` command (also `python -m pipeline`): a thin layer over the stages.

Each command parses its options, calls one library function and turns the library's narrow
errors into one readable line and a non-zero exit. Nothing else lives here.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.collect.health import STALE_AFTER_NIGHTS

logger = logging.getLogger("pipeline")

DEFAULT_DB = Path("db/enforcement.db")
DEFAULT_FEEDS = Path("feeds.yaml")
# Fits the nightly job's 120-minute step with time left to publish what the run stored.
DEFAULT_MAX_MINUTES = 100.0

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default=DEFAULT_DB, show_default=True, help="The SQLite database.")
archive_option = click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path),
                              default=None, help="Raw archive folder (default: raw/ beside the database).")

workers_option = click.option("--workers", type=click.IntRange(min=1), default=None,
                              help="Extraction processes for big batches (default: one per CPU; "
                                   "1: extract in this process only).")


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """Refuse `nan`, which every range check lets through."""
    if value != value:
        raise click.BadParameter("must be a number of minutes, not nan")
    return value


class CliError(click.ClickException):
    """One line on stderr, exit status 1: what went wrong and, where we know it, how to fix it."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="enforcement-monitor")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Enforcement Monitor: UK data-protection enforcement, from ICO notices and press to Datasette."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # pypdf logs its own complaints about broken PDFs; ours already names the file in one line.
    logging.getLogger("pypdf").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)


@cli.command()
@click.option("--feeds", "feeds_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_FEEDS, show_default=True, help="Sources file.")
@db_option
@archive_option
@click.option("--source", "only", multiple=True, help="Run only this source id (repeatable).")
@click.option("--max-minutes", type=click.FloatRange(min=0, min_open=True, max=7 * 24 * 60),
              default=DEFAULT_MAX_MINUTES, show_default=True, callback=_finite,
              help="Time budget: past it the current source stops and stores what it has, and "
                   "the rest are skipped (the nightly job's step allows 120 minutes).")
@workers_option
def run(feeds_path: Path, db_path: Path, archive_dir: Path | None, only: tuple[str, ...],
        max_minutes: float, workers: int | None) -> None:
    """Collect from the real sources in feeds.yaml. Exit 0: all sources ok; 3: some failed; 1: none."""
    from pipeline.sources import load_sources

    sources = _guard(lambda: load_sources(feeds_path))
    if not sources:
        raise CliError(f"{feeds_path}: every source is disabled (enabled: false); "
                       "enable at least one to run")
    if only:
        unknown = set(only) - {s.id for s in sources}
        if unknown:
            raise CliError(f"unknown or disabled source id(s): {', '.join(sorted(unknown))}")
        sources = [s for s in sources if s.id in only]
    from pipeline.run import run_sources

    summary = _guard(lambda: run_sources(db_path, sources, archive_dir=archive_dir, command="run",
                                         max_minutes=max_minutes, workers=workers))
    click.echo(summary.as_text(), err=True)
    sys.exit(summary.exit_status)


@cli.command("check-sources")
@click.option("--feeds", "feeds_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_FEEDS, show_default=True, help="Sources file.")
@click.option("--source", "only", multiple=True, help="Check only this source id (repeatable).")
def check_sources(feeds_path: Path, only: tuple[str, ...]) -> None:
    """Canary: one polite look at each enabled source; is it still shaped as the parser expects?

    One line per source. Exit 0: all ok; 2: the ICO register changed shape or cannot be crawled
    (the nightly refresh stops); 3: some other source failed or changed. Never opens the database.
    """
    from pipeline.collect import canary
    from pipeline.sources import load_sources

    sources = _guard(lambda: load_sources(feeds_path))
    if only:
        unknown = set(only) - {s.id for s in sources}
        if unknown:
            raise CliError(f"unknown or disabled source id(s): {', '.join(sorted(unknown))}")
        sources = [s for s in sources if s.id in only]
    checks = canary.check_sources(sources)
    for check in checks:
        click.echo(check.line())
    status = canary.exit_status(checks)
    if status == canary.EXIT_REGISTER_CHANGED:
        click.echo("The ICO register's shape has changed or it cannot be crawled: do not refresh.", err=True)
    sys.exit(status)


@cli.command()
@db_option
@archive_option
@click.option("--serve/--no-serve", default=True, help="Serve Datasette after building (default) or exit.")
@click.option("--port", default=8001, show_default=True, help="Datasette port (make demo PORT=...).")
@click.option("--mirror-port", default=None, type=int,
              help="Port of the offline mirror (default 8765; 0 picks a free one; make demo MIRROR_PORT=...).")
def demo(db_path: Path, archive_dir: Path | None, serve: bool, port: int, mirror_port: int | None) -> None:
    """Run the whole pipeline against the bundled offline mirror, then serve Datasette.

    While the site is served the mirror keeps serving too, on the port the documents were
    fetched from, so every source link on the demo site opens.
    """
    from pipeline.demo.runner import DEMO_MIRROR_PORT, run_demo
    from pipeline.publish.serve import ServeError, check_port

    mirror = DEMO_MIRROR_PORT if mirror_port is None else mirror_port
    try:
        # Both ports are checked before a minute of building, and named when taken.
        check_port(mirror, option="--mirror-port (make demo MIRROR_PORT=...)")
        if serve:
            check_port(port, option="--port (make demo PORT=...)")
    except ServeError as exc:
        raise CliError(str(exc)) from None
    if mirror == 0 and serve:
        mirror = _free_port()   # the same port for the build and the served links
    db_path.parent.mkdir(parents=True, exist_ok=True)
    summary = _guard(lambda: run_demo(db_path, mirror_port=mirror, archive_dir=archive_dir))
    click.echo(summary.as_text(), err=True)
    click.echo(f"Built {db_path}", err=True)
    if summary.exit_status != 0:
        sys.exit(summary.exit_status)
    if serve:
        from pipeline.demo.mirror_server import MirrorServer

        with MirrorServer(port=mirror) as mirror_server:
            click.echo(f"Offline mirror (the demo's sources) on {mirror_server.base_url}/", err=True)
            _serve(db_path, port)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line (the contract).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A database whose known organisation names help find the party (read only).")
def extract(paths: tuple[Path, ...], as_json: bool, db_path: Path | None) -> None:
    """Extract enforcement actions from text, HTML or PDF files."""
    from pipeline.extract import Extractor
    from pipeline.parsers.errors import ParseError
    from pipeline.parsers.files import read_document_file

    extractor: Extractor | None = None    # loaded (seconds) at the first readable file only
    # names the database knows (read first: a bad --db is one error line before any work)
    known = _known_names_read_only(db_path) if db_path is not None else []
    failed = 0
    for path in paths:
        try:
            title, text, kind = read_document_file(path)
        except (ParseError, OSError) as exc:
            click.echo(f"error: {path}: {exc}", err=True)
            failed += 1
            continue
        if extractor is None:
            extractor = _guard(lambda: Extractor(known_organisations=known))
        actions = extractor.extract(text, title=title, kind=kind)
        if as_json:
            click.echo(json.dumps({"path": str(path), "actions": [a.to_json() for a in actions]},
                                  ensure_ascii=False))
        else:
            click.echo(_describe_actions(str(path), actions))
    if failed:
        sys.exit(1)


def _known_names_read_only(db_path: Path) -> list[str]:
    """The organisation names a database knows, opened read only; one error line if it cannot be read."""
    import sqlite3

    import sqlite_utils

    from pipeline.store.organisations import known_names

    if not db_path.is_file():
        click.echo(f"error: {db_path}: no such database", err=True)
        sys.exit(1)
    try:
        conn = sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True)
        try:
            return known_names(sqlite_utils.Database(conn))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        click.echo(f"error: {db_path}: cannot read organisation names: {exc}", err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@archive_option
@workers_option
def ingest(paths: tuple[Path, ...], db_path: Path, archive_dir: Path | None, workers: int | None) -> None:
    """Add documents you already have (text, HTML or PDF) and link them to their cases."""
    from pipeline.ingest import ingest_files

    results = _guard(lambda: ingest_files(db_path, list(paths), archive_dir=archive_dir,
                                          workers=workers))
    for result in results:
        if result.error:
            click.echo(f"error: {result.path}: {result.error}", err=True)
        else:
            cases = ", ".join(result.case_ids) or "no case"
            click.echo(f"{result.path}: {result.status} (document {result.document_id}) → {cases}")
    if any(r.error for r in results):
        sys.exit(1)


@cli.command()
@db_option
@archive_option
@workers_option
def reparse(db_path: Path, archive_dir: Path | None, workers: int | None) -> None:
    """Replay the raw archive through today's parsers and extractor; rebuild the cases."""
    from pipeline.reparse import reparse as replay

    summary = _guard(lambda: replay(db_path, archive_dir=archive_dir, workers=workers))
    click.echo(f"{summary.records} archived responses → {summary.documents} documents "
               f"({summary.changed} changed), {summary.extracted} re-extracted, "
               f"{summary.failed} unreadable; {summary.cases} cases")


@cli.command()
@db_option
@click.option("--port", default=8001, show_default=True)
@click.option("--site-url", default=None,
              help="Public address of the site, for links in the Atom feeds (default: the request's own).")
def serve(db_path: Path, port: int, site_url: str | None) -> None:
    """Serve the database read-only with Datasette on http://127.0.0.1:PORT."""
    if not db_path.exists():
        raise CliError(f"{db_path} does not exist: build it first with `enforcement-monitor demo --no-serve` or `run`")
    _serve(db_path, port, site_url)


@cli.command()
@db_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("build/enforcement.db"), show_default=True)
def publish(db_path: Path, out_path: Path) -> None:
    """Write a checked, self-contained copy of the database, swapped in atomically."""
    from pipeline.publish.build import publish_database

    _guard(lambda: publish_database(db_path, out_path))
    click.echo(f"Published {out_path}")


@cli.group()
def check() -> None:
    """The nightly job's checks and exports (compare, summary, export-cases)."""


@check.command()
@click.argument("old_db", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new_db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def compare(old_db: Path, new_db: Path) -> None:
    """Fail unless NEW_DB is intact and has no fewer documents or cases than OLD_DB.

    OLD_DB may be missing (the first night).
    """
    from pipeline.publish.checks import compare_databases

    result = compare_databases(old_db, new_db)
    for table, count in result.new_counts.items():
        click.echo(f"{table}: {result.old_counts.get(table, 0)} -> {count}")
    if result.problems:
        for problem in result.problems:
            click.echo(f"check failed: {problem}", err=True)
        sys.exit(1)
    click.echo("checks passed: integrity ok, no table shrank")


@check.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--fail-on-errors", is_flag=True, help="Exit 1 when a source of the latest run failed.")
@click.option("--stale-after", type=click.IntRange(min=0), default=STALE_AFTER_NIGHTS, show_default=True,
              help="List sources failing for more than this many nights in a row as stale.")
def summary(db: Path, fail_on_errors: bool, stale_after: int) -> None:
    """Print the latest run's per-source table as Markdown (for $GITHUB_STEP_SUMMARY)."""
    from pipeline.publish.checks import run_summary

    text, failed = _guard(lambda: run_summary(db, stale_after=stale_after))
    click.echo(text, nl=False)
    if fail_on_errors and failed:
        sys.exit(1)


@check.command("export-cases")
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def export_cases(db: Path, out: Path) -> None:
    """Write every case of DB to OUT as sorted JSON lines (a diffable history in git)."""
    from pipeline.publish.checks import export_cases as write_cases

    count = _guard(lambda: write_cases(db, out))
    click.echo(f"exported {count} cases to {out}")


@cli.command()
@click.option("--port", default=8765, show_default=True, help="Port to bind on 127.0.0.1 (0: any free port).")
def mirror(port: int) -> None:
    """Serve the bundled offline mirror of the sources on 127.0.0.1, to browse it by hand."""
    from pipeline.demo.mirror_server import MirrorServer

    server = MirrorServer(port=port)
    _guard(server.bind)
    click.echo(f"Offline mirror on {server.base_url}/ (Ctrl-C to stop)", err=True)
    server.serve_forever()      # returns on Ctrl-C, having released the port


def _serve(db_path: Path, port: int, site_url: str | None = None) -> None:
    from pipeline.publish.serve import ServeError, check_database, check_port, serve as serve_datasette

    try:
        check_database(db_path)
        check_port(port)
        click.echo(f"Serving {db_path} on http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
        serve_datasette(db_path, port=port, site_url=site_url)
    except ServeError as exc:
        raise CliError(str(exc)) from None


def _describe_actions(path: str, actions) -> str:
    if not actions:
        return f"{path}: no enforcement action"
    lines = [f"{path}:"]
    for action in actions:
        amount = f"£{action.amount_gbp:,}" if action.amount_gbp is not None else "no amount"
        lines.append(f"  {action.organisation} | {action.action_type} | {action.status or '-'} | "
                     f"{amount} | {action.subjects_affected or '-'} people | {action.action_date or '-'} | "
                     f"{', '.join(action.failures) or '-'}")
    return "\n".join(lines)


def _guard(call):
    """Run a library call; turn the errors a user can fix into one line, never a traceback."""
    from pipeline.sources import FeedsFileError

    expected: tuple[type[BaseException], ...] = (FeedsFileError, OSError)
    from pipeline.publish.build import PublishError
    from pipeline.store import DatabaseError

    expected += (DatabaseError, PublishError)
    try:
        return call()
    except expected as exc:
        raise CliError(str(exc)) from None


def main() -> None:
    """Entry point: unexpected errors become one line too (the traceback goes to the -vv log)."""
    try:
        cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        logger.debug("unexpected error", exc_info=True)
        click.echo(f"Error: {type(exc).__name__}: {exc} (run with -vv for the traceback)", err=True)
        sys.exit(1)
