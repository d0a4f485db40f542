"""Datasette at archive scale: p50/p95 of every page a journalist reaches, at 100,000 documents.

Builds (or reuses, with --db) a database of the project's own shape (its schema, full-text
indexes and views, applied by the pipeline's `ensure_db_shape`) holding 100,000 synthetic
documents about 20,000 cases, written directly with sqlite-utils: the pages' cost depends on
the rows, not on how they got there, and ingesting 100,000 documents through the pipeline takes
hours. Texts come from benchmarks/synthetic.py (our own templates). About one press figure in
eight differs from the regulator's, so "figures that disagree" has rows to find.

Then it publishes the file as `enforcement-monitor publish` does (the checked, read-optimised
copy the site serves) and serves that with exactly the command `enforcement-monitor serve` runs
(hardened settings, metadata, canned queries) on 127.0.0.1, requests every page --repeat times, and
prints p50/p95 and the status of each. A status other than 200 (e.g. 400: the SQL time limit)
is printed too; the target is p95 <= 300 ms and no error.

    .venv/bin/python benchmarks/datasette_scale.py                       # build in a temp dir
    .venv/bin/python benchmarks/datasette_scale.py --db ../scale/working.db     # keep it
    .venv/bin/python benchmarks/datasette_scale.py --documents 20000 --cases 4000   # smaller
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import (  # noqa: E402
    FETCHED_AT,
    notice,
    press_article,
    press_release,
    register_page,
    synthetic_case,
)

FAILURES = ("no_mfa", "unpatched_software", "phishing", "misdirected_email",
            "excessive_retention", "no_encryption", "insufficient_training", "unsolicited_marketing")
COMMON_WORD = "data"           # in nearly every document: the worst case for full-text search
TARGET_P95_MS = 300


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_database(path: Path, documents: int, cases: int, seed: int = 15) -> None:
    """Write `documents` documents about `cases` cases (and their history, evidence and
    organisations) into a new database of the project's shape."""
    from pipeline.store import content_hash, ensure_db_shape, open_db

    rng = random.Random(seed)
    db = open_db(path)
    ensure_db_shape(db)
    case_rows, org_rows, alias_rows, failure_rows = [], {}, [], []
    facts = []
    for index in range(cases):
        case = synthetic_case(index, rng)
        # One organisation in ten has a second action: repeat offenders exist.
        org_index = index if index % 10 else max(0, index - 7)
        org_name = synthetic_case(org_index, random.Random(org_index)).organisation \
            if org_index != index else case.organisation
        org_id = _slug(org_name)
        org_rows[org_id] = {"id": org_id, "name": org_name, "normalised_name": org_name.lower(),
                            "sector": case.sector, "aliases": org_name}
        case_id = f"{org_id}-{case.action_type.replace('_', '-')}-{case.day:%Y-%m}-{index}"
        provisional = case.amount * 2 if case.amount and index % 9 == 0 else None
        failures = sorted(rng.sample(FAILURES, rng.randrange(0, 3)))
        case_rows.append({
            "id": case_id, "organisation_id": org_id, "organisation": org_name,
            "organisation_aliases": org_name.rsplit(" ", 1)[0], "regulator": "ICO",
            "action_type": case.action_type,
            "status": "reduced" if provisional else ("final" if case.amount else None),
            "amount_gbp": case.amount, "provisional_amount_gbp": provisional,
            "final_amount_gbp": case.amount if provisional else None,
            "subjects_affected": case.affected, "action_date": case.day.isoformat(),
            "year": case.day.year, "sector": case.sector, "failures": json.dumps(failures),
            "summary": f"{org_name}: {case.instrument} after it {case.breach}.",
            "ico_url": f"https://ico.example/action-weve-taken/enforcement/{case_id}/",
            "status_reason": "Reduced after representations." if provisional else None,
            "document_count": 0, "first_seen": FETCHED_AT, "updated_at": FETCHED_AT, "press_only": 0,
        })
        alias_rows.append({"organisation_id": org_id, "alias": org_name,
                           "normalised_alias": org_name.lower(), "source": "ico_title"})
        failure_rows += [{"case_id": case_id, "failure": code} for code in failures]
        facts.append((case_id, case))

    doc_rows, link_rows, history_rows, evidence_rows = [], [], [], []
    for number in range(documents):
        case_id, case = facts[number % cases]
        round_ = number // cases
        if round_ == 0:
            document, role = register_page(case), "primary"
        elif round_ == 1 and case.action_type != "reprimand":
            document, role = notice(case, rng), "primary"
        elif round_ == 1 and case.amount:
            document, role = press_release(case), "primary"
        else:
            document, role = press_article(case, rng, round_), "coverage"
        doc_id = number + 1
        doc_rows.append({
            "id": doc_id, "url": document.url + (f"#{number}" if round_ > 1 else ""),
            "source": document.source, "kind": document.kind, "title": document.title,
            "outlet": document.outlet, "published": document.published, "fetched_at": FETCHED_AT,
            "first_seen": FETCHED_AT, "last_seen": FETCHED_AT, "version": 1,
            "content_sha256": content_hash(document.title, document.text),
            "parent_url": document.parent_url,
            "ico_page_id": document.metadata.get("ico_page_id") if round_ == 0 else None,
            "listed_type": document.metadata.get("listed_type") if round_ == 0 else None,
            "sector": document.metadata.get("sector") if round_ == 0 else None,
            "summary": document.metadata.get("summary") if round_ == 0 else None,
            "text": document.text,
        })
        link_rows.append({"case_id": case_id, "document_id": doc_id, "role": role,
                          "linked_at": FETCHED_AT})
        amount = case.amount
        if amount and role == "coverage" and rng.random() < 0.125:
            amount = amount + rng.choice((-1, 1)) * max(1_000, amount // 5)   # a press misquote
        history_rows.append({"case_id": case_id, "date": document.published,
                             "status": "final" if case.amount else None, "amount_gbp": amount,
                             "subjects_affected": case.affected, "document_id": doc_id,
                             "reason": None, "recorded_at": FETCHED_AT})
        sentence = document.text.split("\n")[0][:300]
        evidence_rows.append({"case_id": case_id, "document_id": doc_id, "field": "amount_gbp",
                              "value": str(amount), "sentence": sentence, "start": 0, "end": 10})
        evidence_rows.append({"case_id": case_id, "document_id": doc_id, "field": "subjects_affected",
                              "value": str(case.affected), "sentence": sentence, "start": 0, "end": 10})

    with db.atomic():
        db.execute("INSERT OR IGNORE INTO failure_types (code, label) VALUES " +
                   ", ".join("(?, ?)" for _ in FAILURES),
                   [value for code in FAILURES for value in (code, code.replace("_", " "))])
        db.table("organisations").insert_all(org_rows.values(), batch_size=2000)
        db.table("organisation_aliases").insert_all(alias_rows, batch_size=2000, ignore=True)
        db.table("cases").insert_all(case_rows, batch_size=2000)
        db.table("case_failures").insert_all(failure_rows, batch_size=2000, ignore=True)
        db.table("documents").insert_all(doc_rows, batch_size=1000)
        db.table("case_documents").insert_all(link_rows, batch_size=5000)
        db.table("case_history").insert_all(history_rows, batch_size=5000)
        db.table("evidence").insert_all(evidence_rows, batch_size=5000)
        db.execute("UPDATE cases SET document_count = (SELECT count(*) FROM case_documents cd "
                   "WHERE cd.case_id = cases.id)")
    db.execute("ANALYZE")
    db.conn.close()


def apply_shape(path: Path) -> None:
    """Bring an existing benchmark database to today's schema (new indexes, views) and ANALYZE."""
    from pipeline.store import ensure_db_shape, open_db

    db = open_db(path)
    ensure_db_shape(db)
    db.execute("ANALYZE")
    db.conn.close()


def _publish(working: Path, published: Path) -> None:
    """The site's publish step, or a plain copy for a version of the project without one."""
    try:
        from pipeline.publish.build import publish_database
    except ImportError:
        import shutil

        published.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(working, published)
        return
    publish_database(working, published)


class Server:
    """`enforcement-monitor serve`'s exact Datasette command on a free loopback port."""

    def __init__(self, db_path: Path) -> None:
        from pipeline.publish.serve import datasette_command

        self.process = subprocess.Popen(datasette_command(db_path, port=0), cwd=REPO, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1)
        self.output: list[str] = []
        found = threading.Event()
        port: list[int] = []

        def read() -> None:
            for line in self.process.stdout:  # type: ignore[union-attr]
                self.output.append(line.rstrip())
                match = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", line)
                if match and not port:
                    port.append(int(match.group(1)))
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(120):
            self.process.kill()
            raise RuntimeError("Datasette did not start:\n" + "\n".join(self.output[-30:]))
        self.base = f"http://127.0.0.1:{port[0]}"

    def cpu_ms(self) -> float:
        """CPU time the server process (all its threads) has used so far, in ms (Linux /proc;
        10 ms resolution). Per request it is what the page costs on an idle core, whatever
        else the machine is doing; the wall time is what a reader waited."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return 1000 * (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def get(self, path: str) -> tuple[int, float, int]:
        """(status, milliseconds, bytes) of one GET."""
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        return status, 1000 * (time.perf_counter() - started), len(body)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def pages(db_path: Path, database: str) -> list[tuple[str, str]]:
    """(label, path) of every page a journalist reaches, with realistic parameters."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        case_id, org = conn.execute("SELECT id, organisation FROM cases ORDER BY document_count DESC, id "
                                    "LIMIT 1").fetchone()
        document_id = conn.execute("SELECT document_id FROM case_documents WHERE case_id = ? "
                                   "ORDER BY document_id LIMIT 1", [case_id]).fetchone()[0]
        queries = _canned_queries()
    quoted_case = urllib.parse.quote(case_id)
    org_word = org.split()[0]
    d = f"/{database}"
    result = [
        ("home page", "/"),
        ("database page", d),
        ("documents table", f"{d}/documents"),
        ("documents: search 'data'", f"{d}/documents?_search={COMMON_WORD}"),
        (f"documents: search '{org_word}'", f"{d}/documents?_search={org_word}"),
        ("documents: facet kind", f"{d}/documents?_facet=kind"),
        ("document page", f"{d}/documents/{document_id}"),
        ("cases table", f"{d}/cases"),
        ("cases: search 'data'", f"{d}/cases?_search={COMMON_WORD}"),
        ("cases: monetary penalties", f"{d}/cases?action_type=monetary_penalty"),
        ("cases: sort by amount", f"{d}/cases?_sort_desc=amount_gbp"),
        ("case page", f"{d}/cases/{quoted_case}"),
        ("case_history table", f"{d}/case_history"),
        ("evidence table", f"{d}/evidence"),
        ("organisations table", f"{d}/organisations"),
        ("case_timeline view", f"{d}/case_timeline"),
        ("figure_disagreements view", f"{d}/figure_disagreements"),
        ("charts page", "/charts"),
    ]
    params = {"q": COMMON_WORD, "term": COMMON_WORD, "case_id": case_id, "failure": FAILURES[0],
              "days": "14", "min_amount": "100000", "organisation": org}
    for name, query in queries.items():
        needed = query.get("params") or re.findall(r"(?<!:):(\w+)", query.get("sql", ""))
        args = {p: params.get(p, "") for p in dict.fromkeys(needed)}
        path = f"{d}/{name}" + (("?" + urllib.parse.urlencode(args)) if args else "")
        result.append((f"canned: {name}", path))
        if "q" in args:
            result.append((f"canned: {name} (name)", f"{d}/{name}?" + urllib.parse.urlencode(
                {**args, "q": org_word})))
    return result


def _canned_queries() -> dict:
    from pipeline.publish.serve import METADATA_DATABASE, METADATA_PATH

    metadata = json.loads(Path(METADATA_PATH).read_text(encoding="utf-8"))
    return metadata.get("databases", {}).get(METADATA_DATABASE, {}).get("queries", {})


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(server: Server, targets: list[tuple[str, str]], repeat: int) -> list[dict]:
    rows = []
    for label, path in targets:
        server.get(path)                       # warm: first-request work is not what readers pay
        times, cpu, statuses, size = [], [], set(), 0
        for _ in range(repeat):
            before = server.cpu_ms()
            status, ms, size = server.get(path)
            cpu.append(server.cpu_ms() - before)
            times.append(ms)
            statuses.add(status)
        rows.append({"page": label, "path": path, "p50_ms": statistics.median(times),
                     "p95_ms": _p95(times), "cpu_p50_ms": statistics.median(cpu), "cpu_p95_ms": _p95(cpu),
                     "status": ",".join(str(s) for s in sorted(statuses)), "bytes": size})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--db", type=Path, help="the working database: built here, or reused "
                        "if the file exists (the published copy goes beside it)")
    parser.add_argument("--reuse-published", action="store_true",
                        help="serve the published copy beside --db as it is (no new publish)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--only", help="measure only pages whose label contains this")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        working = args.db or Path(tmp) / "working.db"
        if working.exists():
            print(f"reusing {working}", flush=True)
        else:
            started = time.perf_counter()
            build_database(working, args.documents, args.cases)
            print(f"built {working}: {args.documents:,} documents, {args.cases:,} cases in "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        db_path = working.parent / "published" / "enforcement.db"
        if not (args.reuse_published and db_path.exists()):
            apply_shape(working)
            started = time.perf_counter()
            _publish(working, db_path)
            print(f"published {db_path} in {time.perf_counter() - started:.0f} s", flush=True)
        size = db_path.stat().st_size
        targets = pages(db_path, db_path.stem)
        if args.only:
            targets = [t for t in targets if args.only in t[0]]
        server = Server(db_path)
        try:
            rows = measure(server, targets, args.repeat)
        finally:
            server.stop()
    load = os.getloadavg()[0]
    print(f"{db_path.stem}: {size / 1e6:.0f} MB; {args.repeat} requests per page after one warm-up; "
          f"{os.cpu_count()} CPUs, load average {load:.1f}")
    print("wall: what the reader waited; server CPU: the server process's CPU time per request "
          "(what the page costs on an idle core; 10 ms resolution)")
    print(f"{'page':<40} {'wall p50':>8} {'p95':>6} {'cpu p50':>8} {'p95':>6} {'status':>7} {'KB':>6}")
    slow = 0
    for row in rows:
        bad = row["p95_ms"] > TARGET_P95_MS or row["status"] != "200"
        slow += bad
        print(f"{row['page'][:40]:<40} {row['p50_ms']:8.0f} {row['p95_ms']:6.0f} {row['cpu_p50_ms']:8.0f} "
              f"{row['cpu_p95_ms']:6.0f} {row['status']:>7} {row['bytes'] / 1024:6.0f}"
              f"{'  <-- over target' if bad else ''}")
    print(f"{slow} of {len(rows)} pages over wall p95 {TARGET_P95_MS} ms or not 200")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
