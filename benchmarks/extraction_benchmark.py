"""Extraction benchmark: accuracy on the labelled corpus, speed and memory against naive spaCy.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_benchmark.py           # the whole corpus
    .venv/bin/python benchmarks/extraction_benchmark.py --smoke   # a few documents (CI smoke test)

The corpus is $ENFORCEMENT_CORPUS, else ../shared/corpus next to the repository; the scorer is
../shared/tools/score_extraction.py. Prints, in order: the scorer's per-field lines and
row_accuracy for labels/seeds.jsonl, labels/gdprhub-dev.jsonl and labels/press-dev.jsonl (press-dev
also in its two parts: the tuning part and the held-back part, documents whose number is a multiple
of 3, which rule work must not look at, so the gap between them shows whether it generalises); what
was extracted from the
documents nobody labelled (to eyeball generalisation); documents/s and words/s for our extractor
and for a naive full `nlp(text)` per document, their ratio, and each one's peak memory, each
measured in a fresh subprocess; and the time to extract one ~300 KB notice.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LABEL_FILES = ("seeds.jsonl", "gdprhub-dev.jsonl", "press-dev.jsonl")
SMOKE_DOCS = ("seeds/002_2a8ce606f86ec0f2.txt", "gdprhub/notices/cabinet-office.txt",
              "gdprhub/summaries/fs50848833.txt", "gdprhub/summaries/royal-mail-group-limited.txt",
              "press/001.txt", "press/063.txt")


def corpus_dir() -> Path:
    env = os.environ.get("ENFORCEMENT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def scorer_path() -> Path:
    return corpus_dir().parent / "tools" / "score_extraction.py"


def corpus_files(root: Path, smoke: bool) -> list[Path]:
    if smoke:
        return [root / d for d in SMOKE_DOCS if (root / d).exists()]
    return sorted([*root.glob("seeds/*.txt"), *root.glob("gdprhub/*/*.txt"), *root.glob("press/*.txt")])


def kind_of(path: Path) -> str:
    """The document kind the pipeline would give this file."""
    if "/notices/" in path.as_posix():
        return "notice"
    if "/seeds/" in path.as_posix() or "/press/" in path.as_posix():
        return "article"
    return "enforcement_page"


def held_back(doc: str) -> bool:
    """Whether a labelled document is in the held-back part: press documents numbered a multiple of 3.

    Rules are developed looking only at the other part's misses; the held-back figures then say
    how the same rules do on pages they were not shaped on.
    """
    m = re.search(r"press/(\d+)\.txt$", doc)
    return m is not None and int(m.group(1)) % 3 == 0


def label_parts(name: str, rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """The label sets to score: all rows, and for press-dev its tuning and held-back parts too."""
    parts = [("", rows)]
    if name == "press-dev.jsonl":
        parts.append((" tuning part (number mod 3 != 0)", [r for r in rows if not held_back(r["doc"])]))
        parts.append((" held-back part (number mod 3 == 0)", [r for r in rows if held_back(r["doc"])]))
    return [(label, part) for label, part in parts if part]


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- workers: each runs in a fresh interpreter so its peak memory is its own -------------------
def worker(mode: str, file_list: Path, big: int) -> None:
    paths = [Path(line) for line in file_list.read_text().splitlines() if line.strip()]
    texts = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    words = sum(len(t.split()) for _, t in texts)
    from pipeline.extract import Extractor
    from pipeline.extract.nlp import load_nlp

    nlp = load_nlp()
    result: dict[str, float | int | None] = {"docs": len(texts), "words": words}
    if mode == "ours":
        extractor = Extractor(nlp)
        extractor.extract("The Commissioner fined Example Ltd £1,000.")          # warm-up
        start = time.perf_counter()
        for path, text in texts:
            extractor.extract(text, kind=kind_of(path))
        result["seconds"] = time.perf_counter() - start
        if big:
            notices = [t for p, t in texts if kind_of(p) == "notice"] or [t for _, t in texts]
            huge = ""
            while len(huge.encode()) < big:
                huge += "\n\n".join(notices)
            huge = huge.encode()[:big].decode(errors="ignore")
            start = time.perf_counter()
            extractor.extract(huge, kind="notice")
            result["big_seconds"] = time.perf_counter() - start
            result["big_bytes"] = len(huge.encode())
    else:
        nlp("The Commissioner fined Example Ltd £1,000.")                         # warm-up
        start = time.perf_counter()
        for _, text in texts:
            nlp(text)
        result["seconds"] = time.perf_counter() - start
    result["peak_mib"] = peak_mib()
    print(json.dumps(result))


def run_worker(mode: str, files: list[Path], big: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(str(p) for p in files))
        listing = f.name
    try:
        out = subprocess.run([sys.executable, __file__, "--worker", mode, "--files", listing,
                              "--big", str(big)], capture_output=True, text=True, check=True)
    finally:
        os.unlink(listing)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- main ---------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="a few documents only (CI smoke test)")
    ap.add_argument("--out", type=Path, help="where to write predictions JSONL (default: a temp file)")
    ap.add_argument("--worker", choices=["ours", "naive"], help=argparse.SUPPRESS)
    ap.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--big", type=int, default=300_000, help="bytes of the large-notice test (0: skip)")
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.files, args.big)
        return 0

    root = corpus_dir()
    if not root.exists():
        print(f"corpus not found at {root}; set ENFORCEMENT_CORPUS", file=sys.stderr)
        return 2
    files = corpus_files(root, args.smoke)
    from pipeline.extract import EXTRACTOR_VERSION, Extractor

    print(f"extractor {EXTRACTOR_VERSION} on {len(files)} documents from {root}")
    extractor = Extractor()
    out_path = args.out or Path(tempfile.mkdtemp()) / "predictions.jsonl"
    predictions: dict[str, list[dict]] = {}
    with out_path.open("w", encoding="utf-8") as out:
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            actions = [a.to_json() for a in extractor.extract(text, kind=kind_of(path))]
            rel = path.relative_to(root).as_posix()
            predictions[rel] = actions
            out.write(json.dumps({"path": str(path), "actions": actions}) + "\n")
    print(f"predictions: {out_path}")

    labelled: set[str] = set()
    scorer = scorer_path()
    for name in LABEL_FILES:
        labels = root / "labels" / name
        if not labels.exists():
            continue
        rows = [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]
        labelled |= {row["doc"] for row in rows}
        if args.smoke:
            # Score only the documents the smoke run read, so its figures mean something.
            rows = [row for row in rows if row["doc"] in predictions]
        for part, part_rows in label_parts(name, rows):
            part_labels = labels
            if args.smoke or part:
                part_labels = out_path.parent / f"labels-{len(part)}-{name}"
                part_labels.write_text("".join(json.dumps(row) + "\n" for row in part_rows))
            print(f"\n== accuracy on labels/{name}{part}" + (f" ({len(part_rows)} smoke documents)"
                                                            if args.smoke else f" ({len(part_rows)} documents)"))
            if not scorer.exists():
                print(f"scorer not found at {scorer}")
                continue
            res = subprocess.run([sys.executable, str(scorer), str(part_labels), str(out_path)],
                                 capture_output=True, text=True)
            print(res.stdout.rstrip())

    unlabelled = [d for d in predictions if d not in labelled]
    if unlabelled:
        print("\n== unlabelled documents (sanity listing: organisation | type | amount | status | "
              "people | date | failures)")
        for doc in unlabelled:
            actions = predictions[doc]
            if not actions:
                print(f"{doc:72} (no enforcement action)")
                continue
            a = actions[0]
            print(f"{doc:72} {str(a['organisation'])[:40]:40} | {a['action_type']} | {a['amount_gbp']} | "
                  f"{a['status']} | {a['subjects_affected']} | {a['action_date']} | {','.join(a['failures'])}")

    print("\n== speed and memory (each in a fresh process, same documents)")
    ours = run_worker("ours", files, args.big if not args.smoke else 0)
    naive = run_worker("naive", files, 0)
    for name, r in (("ours", ours), ("naive nlp(text)", naive)):
        print(f"{name:16} {r['docs'] / r['seconds']:8.1f} docs/s {r['words'] / r['seconds']:10.0f} words/s "
              f"{r['seconds']:7.2f} s  peak {r['peak_mib']:.0f} MiB")
    print(f"speed ratio (ours / naive): {naive['seconds'] / ours['seconds']:.2f}x")
    if ours.get("big_seconds") is not None:
        print(f"one {ours['big_bytes'] / 1000:.0f} KB notice: {ours['big_seconds']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
