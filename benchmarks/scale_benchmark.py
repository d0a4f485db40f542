"""How the cost of a build grows with the archive: per-stage time per document, marginal link cost,
DB bytes per document and peak memory, at N = 250, 1,000, 4,000 (and 16,000 with --large).

For each N, N distinct synthetic documents (benchmarks/synthetic.py: the project's own sentence
templates, distinct organisations and amounts, never third-party text) are ingested into a fresh
SQLite file the way a run stores a source: batches of documents in one transaction, each
document saved, the new ones extracted together, then each stored and linked in its own
savepoint. Then a no-change `reparse` (the real command's function) relinks everything.

Each size runs in its own process, so "peak memory" is that size's own high-water mark (the
extraction workers' included). What the columns mean:

- extract / link / store ms per doc: wall time of that stage divided by the documents;
- marginal link: mean link time of the last 250 documents, which is what the next night pays
  per document: flat when linking does not depend on the database's size;
- cold build: the whole ingest, wall time (CPU time of all processes in brackets);
- reparse: a no-change `enforcement-monitor reparse` of the same database, and whether it gave
  the same number of cases.

    .venv/bin/python benchmarks/scale_benchmark.py            # 250, 1,000, 4,000
    .venv/bin/python benchmarks/scale_benchmark.py --large    # and 16,000 (about an hour before
                                                              # the flat-linking work)
    .venv/bin/python benchmarks/scale_benchmark.py --sizes 500 --workers 1
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import synthetic_documents  # noqa: E402

SMALL_SIZES = (250, 1_000, 4_000)
LARGE_SIZE = 16_000
BATCH = 250          # documents per transaction, like one source of a nightly run
MARGINAL = 250       # the marginal link cost is the mean over the last this-many documents


def _cpu_seconds() -> float:
    """CPU time of this process and of every child it has waited for (extraction workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mib() -> float:
    """The largest resident set of this process or any waited-for child, in MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _extractor(workers: int | None):
    """The project's batch extractor: its process pool when this version has one."""
    try:
        from pipeline.extract.parallel import ExtractionPool
    except ImportError:
        from pipeline.extract import Extractor

        return Extractor()
    return ExtractionPool(workers)


def _project_api():
    """(prepare_db, save_extraction, batch order) as this version of the project spells them,
    so the benchmark measures today's code and the code it is compared with alike."""
    from pipeline import store
    from pipeline.extract import EXTRACTOR_VERSION

    if hasattr(store, "prepare_db"):
        from pipeline.extract import TAXONOMY

        def prepare_db(path: Path):
            return store.prepare_db(path, taxonomy=TAXONOMY)
    else:                                    # an older version: the run module prepared it
        from pipeline.run import prepare_db  # type: ignore[no-redef]
    if "extractor_version" in inspect.signature(store.save_extraction).parameters:
        def save_extraction(db, document_id, document, actions):
            store.save_extraction(db, document_id, document, actions, extractor_version=EXTRACTOR_VERSION)
    else:
        save_extraction = store.save_extraction
    try:
        # a batch is linked in the rebuild's order, where the project does so
        from pipeline.link import in_link_order as link_order
    except ImportError:
        def link_order(items):  # type: ignore[misc]   # an older version: arrival order
            return items
    return prepare_db, save_extraction, link_order


def _extract(extractor, documents, total: int):
    """A batch's actions; the pool is told the job's size, so it starts once, when it pays."""
    if "total" in inspect.signature(extractor.extract_many).parameters:
        return extractor.extract_many(documents, total=total)
    return extractor.extract_many(documents)


def build(db_path: Path, n: int, workers: int | None) -> dict:
    """Ingest n synthetic documents into a fresh database; returns the figures."""
    from pipeline import store
    from pipeline.link import link_document

    prepare_db, save_extraction, link_order = _project_api()
    documents = synthetic_documents(n)
    chars = sum(len(d.text) for d in documents)
    started_cpu, started = _cpu_seconds(), time.perf_counter()
    db = prepare_db(db_path)
    extractor = _extractor(workers)
    setup = time.perf_counter() - started
    setup_cpu = _cpu_seconds() - started_cpu
    wall = {"store": 0.0, "extract": 0.0, "link": 0.0}
    cpu = {"store": 0.0, "link": 0.0}     # extraction's CPU is the rest (its workers included)
    link_cpu: list[float] = []
    for first in range(0, n, BATCH):
        batch = documents[first:first + BATCH]
        with db.atomic():
            t, c = time.perf_counter(), time.process_time()
            saved = [(store.save_document(db, document)[0], document) for document in batch]
            wall["store"] += time.perf_counter() - t
            cpu["store"] += time.process_time() - c
            t = time.perf_counter()
            all_actions = _extract(extractor, [d for _, d in saved], n)
            wall["extract"] += time.perf_counter() - t
            for document_id, document, actions in link_order(
                    [(i, d, a) for (i, d), a in zip(saved, all_actions)]):
                with db.atomic():
                    t, c = time.perf_counter(), time.process_time()
                    save_extraction(db, document_id, document, actions)
                    t2, c2 = time.perf_counter(), time.process_time()
                    link_document(db, document_id, document, actions)
                    t3, c3 = time.perf_counter(), time.process_time()
                wall["store"] += t2 - t
                cpu["store"] += c2 - c
                wall["link"] += t3 - t2
                cpu["link"] += c3 - c2
                link_cpu.append(c3 - c2)
    if hasattr(extractor, "close"):
        extractor.close()              # the workers' CPU time is counted once they are reaped
    total = time.perf_counter() - started
    total_cpu = _cpu_seconds() - started_cpu
    cases = db.execute("select count(*) from cases").fetchone()[0]
    db.conn.close()
    size = db_path.stat().st_size
    marginal = link_cpu[-MARGINAL:]
    return {
        "n": n, "chars": chars, "cases": cases, "setup_s": setup, "setup_cpu_s": setup_cpu,
        "build_s": total, "build_cpu_s": total_cpu,
        "extract_wall_ms": 1000 * wall["extract"] / n, "link_wall_ms": 1000 * wall["link"] / n,
        "store_wall_ms": 1000 * wall["store"] / n,
        "extract_cpu_ms": 1000 * (total_cpu - setup_cpu - cpu["link"] - cpu["store"]) / n,
        "link_cpu_ms": 1000 * cpu["link"] / n, "store_cpu_ms": 1000 * cpu["store"] / n,
        "marginal_link_cpu_ms": 1000 * sum(marginal) / len(marginal),
        "db_bytes_per_doc": size / n, "peak_mib": _peak_mib(),
    }


def reparse_once(db_path: Path, workers: int | None) -> dict:
    """A no-change reparse of the database: nothing is re-extracted, every case is relinked."""
    from pipeline.reparse import reparse

    with tempfile.TemporaryDirectory() as empty_archive:
        before = _count_cases(db_path)
        started_cpu, started = _cpu_seconds(), time.perf_counter()
        kwargs: dict[str, Any] = {"archive_dir": Path(empty_archive)}
        if "workers" in inspect.signature(reparse).parameters:
            kwargs["workers"] = workers
        summary = reparse(db_path, **kwargs)
        elapsed = time.perf_counter() - started
    return {"reparse_s": elapsed, "reparse_cpu_s": _cpu_seconds() - started_cpu,
            "cases_before": before, "cases_after": summary.cases, "reparse_peak_mib": _peak_mib()}


def _count_cases(db_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from cases").fetchone()[0]


def _child(args: list[str]) -> dict:
    """Run one step in a fresh interpreter (its own peak memory); returns its JSON line."""
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                         text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", help="document counts (default 250 1000 4000)")
    parser.add_argument("--large", action="store_true", help=f"add {LARGE_SIZE:,} documents")
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction processes (default: the project's default for this machine)")
    parser.add_argument("--no-reparse", action="store_true", help="skip the no-change reparse")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--_build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_reparse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._build:
        print(json.dumps(build(args._db, args._build, args.workers)))
        return 0
    if args._reparse:
        print(json.dumps(reparse_once(args._db, args.workers)))
        return 0

    sizes = list(args.sizes or SMALL_SIZES) + ([LARGE_SIZE] if args.large else [])
    worker_args = ["--workers", str(args.workers)] if args.workers is not None else []
    print(f"scale benchmark: {os.cpu_count()} CPUs, batches of {BATCH}, sizes {sizes}", flush=True)
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "scale.db"
            row = _child(["--_build", str(n), "--_db", str(db_path), *worker_args])
            if not args.no_reparse:
                row.update(_child(["--_reparse", "--_db", str(db_path), *worker_args]))
        rows.append(row)
        _print_row(row, header=len(rows) == 1)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


def _print_row(row: dict, *, header: bool) -> None:
    if header:
        print("CPU ms per document by stage (wall in brackets); marginal link = CPU, last "
              f"{MARGINAL} documents; times in s as wall (CPU)")
        print(f"{'docs':>6} {'cases':>6} {'extract':>14} {'link':>14} {'store':>12} {'marg.link':>9} "
              f"{'cold build s':>16} {'B/doc':>6} {'peak MiB':>8} {'reparse s':>14} {'same':>4} "
              f"{'peak MiB':>8}")
    reparse, same = "-", "-"
    if "reparse_s" in row:
        reparse = f"{row['reparse_s']:.1f} ({row['reparse_cpu_s']:.1f})"
        same = "yes" if row["cases_after"] == row["cases"] else str(row["cases_after"])
    stage = {name: f"{row[name + '_cpu_ms']:.2f} ({row[name + '_wall_ms']:.2f})"
             for name in ("extract", "link", "store")}
    build = f"{row['build_s']:.1f} ({row['build_cpu_s']:.1f})"
    print(f"{row['n']:>6,} {row['cases']:>6,} {stage['extract']:>14} {stage['link']:>14} "
          f"{stage['store']:>12} {row['marginal_link_cpu_ms']:9.2f} {build:>16} "
          f"{row['db_bytes_per_doc']:6.0f} {row['peak_mib']:8.0f} {reparse:>14} {same:>4} "
          f"{row.get('reparse_peak_mib', 0):8.0f}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
