"""Run the fault suites and print the fault matrix tables (issues 7 and 14).

    .venv/bin/python benchmarks/fault_matrix.py            # both tables, in Markdown
    .venv/bin/python benchmarks/fault_matrix.py --cases    # plus one row per injected fault
    .venv/bin/python benchmarks/fault_matrix.py --attacks-only --only files feeds

Part 1 (issue 7) runs tests/test_reliability_pipeline.py with FAULT_MATRIX_REPORT set, so every
case appends its outcome (status, error_class, rows lost, crash) as a JSON line, and then sums
them up. "survived" means the run completed and lost no stored row; "★ met" means every check of
the standard expectation passed.

Part 2 (issue 14) runs the attacks in benchmarks/attacks.py against the real command: a dripped
response head, SIGKILLs and a rebuild from the raw archive, a torn and a deleted index, an
unwritable archive, two writers at once, a lock past the busy timeout, bidi controls, one invalid
byte in a UTF-8 page, FIFOs, /dev/zero and a 45 MB one-line file, bad feeds.yaml files, a
time budget that runs out, `serve` on files and ports it cannot use, a killed publish's leftover,
a huge value asked of Datasette, and a POST to an unknown route. Its table counts faults tried, survived, rows lost (working database
and rebuild), tracebacks a user saw, and hangs.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SUITE = "tests/test_reliability_pipeline.py"


def run_suite(report: Path) -> int:
    """Run the parametrised fault cases; returns pytest's exit status."""
    env = {**os.environ, "FAULT_MATRIX_REPORT": str(report)}
    command = [sys.executable, "-m", "pytest", SUITE, "-q", "-k", "test_fault_costs_only_its_own_source or test_database_locked",
               "-p", "no:cacheprovider"]
    return subprocess.run(command, cwd=REPO, env=env).returncode


def read_report(report: Path) -> list[dict]:
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]


def table(rows: list[dict], *, per_case: bool) -> str:
    injected = len(rows)
    survived = sum(1 for r in rows if r["survived"])
    met = sum(1 for r in rows if r["expectation_met"])
    known = sum(1 for r in rows if r["known_bug"] and not r["expectation_met"])
    known_crashes = sum(1 for r in rows if r["known_bug"] and r["crashed"])
    lost = sum(max(0, r["rows_lost"]) for r in rows)
    crashes = sum(1 for r in rows if r["crashed"])
    lines = [
        "| faults injected | faults survived | ★ expectation met | known bugs (xfail) | rows lost | crashes |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {injected} | {survived} | {met} | {known} | {lost} | {crashes} |",
    ]
    if known_crashes:
        lines.append(f"\nCrashes that are known bugs, kept as strict xfails: {known_crashes} "
                     "(see the per-case rows).")
    if per_case:
        lines += ["", "| case | matrix | expected | got | error_class | rows lost | crashed | ★ met | s |",
                  "|---|---|---|---|---|---:|---|---|---:|"]
        for r in rows:
            lines.append(f"| {r['case']} | {r['matrix']} | {r['expected_status']} | {r['status']} | "
                         f"{r['error_class'] or ''} | {r['rows_lost']} | {'yes' if r['crashed'] else 'no'} | "
                         f"{'yes' if r['expectation_met'] else 'NO (known bug)' if r['known_bug'] else 'NO'} | "
                         f"{r['seconds'] if r['seconds'] is not None else ''} |")
    return "\n".join(lines)


def run_attacks(names: list[str] | None, kills: int) -> list:
    """Run the issue 14 attacks (all, or those named); returns their Trials."""
    sys.path.insert(0, str(REPO))
    from benchmarks.attacks import ATTACKS, Context, Trial

    trials: list[Trial] = []
    with tempfile.TemporaryDirectory() as folder:
        context = Context(Path(folder), kills=kills)
        for name, attack in ATTACKS.items():
            if names and name not in names:
                continue
            started = time.monotonic()
            try:
                found = attack(context)
            except Exception as exc:        # an attack that breaks the harness is a failed row
                logger.exception("attack %s could not run", name)
                found = [Trial(f"{name}: the attack itself failed", False, note=f"{type(exc).__name__}: {exc}")]
            print(f"  {name}: {sum(t.survived for t in found)}/{len(found)} survived "
                  f"({time.monotonic() - started:.0f}s)", file=sys.stderr, flush=True)
            trials.extend(found)
    return trials


def attack_table(trials: list) -> str:
    lines = ["| attack | faults tried | survived | rows lost | tracebacks | hangs | note |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for t in trials:
        lines.append(f"| {t.attack} | 1 | {int(t.survived)} | {t.rows_lost} | {t.tracebacks} | "
                     f"{int(t.hang)} | {t.note.replace('|', '/')} |")
    lines.append(f"| **total** | **{len(trials)}** | **{sum(t.survived for t in trials)}** | "
                 f"**{sum(t.rows_lost for t in trials)}** | **{sum(t.tracebacks for t in trials)}** | "
                 f"**{sum(t.hang for t in trials)}** | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="also print one row per fault")
    parser.add_argument("--attacks-only", action="store_true", help="skip part 1 (the issue 7 suite)")
    parser.add_argument("--suite-only", action="store_true", help="skip part 2 (the issue 14 attacks)")
    parser.add_argument("--only", nargs="+", metavar="ATTACK", help="run only these attacks of part 2")
    parser.add_argument("--kills", type=int, default=6, help="SIGKILLs in the kill-and-rebuild attack")
    args = parser.parse_args(argv)
    status = 0
    if not args.attacks_only:
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "faults.jsonl"
            status = run_suite(report)
            rows = read_report(report)
        if not rows:
            print("no fault case reported; is the suite importable?", file=sys.stderr)
            return 1
        print("## Whole-pipeline faults (issue 7)\n")
        print(table(rows, per_case=args.cases))
    if not args.suite_only:
        trials = run_attacks(args.only, args.kills)
        print("\n## Attacks (issue 14)\n")
        print(attack_table(trials))
        if not all(t.survived for t in trials):
            status = status or 2
    return status


if __name__ == "__main__":
    sys.exit(main())
