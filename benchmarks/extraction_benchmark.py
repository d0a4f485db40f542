"""Extraction benchmark: accuracy on the labelled corpus, speed and memory against naive spaCy.

Run from the repository root:

    .venv/bin/python benchmarks/extraction_benchmark.py           # the whole corpus
    .venv/bin/python benchmarks/extraction_benchmark.py --smoke   # a few documents (CI smoke test)
    .venv/bin/python benchmarks/extraction_benchmark.py --extra DIR   # also an independent labelled set
    .venv/bin/python benchmarks/extraction_benchmark.py --labels FILE # also labels kept back for the corpus

The corpus is $ENFORCEMENT_CORPUS, else ../shared/corpus next to the repository; the scorer is
../shared/tools/score_extraction.py. Prints, in order: the scorer's per-field lines and
row_accuracy for labels/seeds.jsonl, labels/gdprhub-dev.jsonl and labels/press-dev.jsonl; the same
for every labels/*.jsonl of an `--extra` folder (laid out like the corpus: `press/NNN.txt` and
`labels/*.jsonl`), with how its round-ups' other cases were read (`other_actions`), a set
labelled apart and kept out of rule work, which is how one checks that
rules hold on pages they were not shaped on (the dev labels have all been read while working);
the same for every `--labels` file, labels of the corpus's own documents that are kept apart (the
GDPRhub cases gdprhub-dev leaves out);
what was extracted from the documents nobody labelled (to eyeball generalisation); documents/s and words/s for our extractor
and for a naive full `nlp(text)` per document, their ratio, and each one's peak memory, each
measured in a fresh subprocess; and the time to extract one ~300 KB notice (median of three runs).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BIG_RUNS = 3          # the ~300 KB notice is timed this many times
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


def score_labels(scorer: Path, labels: Path, predictions: Path) -> str:
    """The shared scorer's report for one label file against the predictions."""
    if not scorer.exists():
        return f"scorer not found at {scorer}"
    res = subprocess.run([sys.executable, str(scorer), str(labels), str(predictions)],
                         capture_output=True, text=True)
    return res.stdout.rstrip()


def score_other_actions(labels: Path, predictions: Path) -> str:
    """How a round-up's other cases were read: the labels' `other_actions` (each case a page
    reports after its lead one) against the actions after a document's main one. An action of the
    main party (the other half of a penalty + enforcement notice pair) is not another case.

    Recall: labelled other cases with a name that some predicted action names (`same_party`).
    Precision: predicted other-case actions that name a labelled other case, over every labelled
    document (a page labelled with none has none to find)."""
    from pipeline.extract.roles import same_party

    predicted: dict[str, list[dict]] = {}
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            predicted[Path(row["path"]).as_posix()] = row["actions"]
    labelled = found = extras = right = 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        actions = next((a for path, a in predicted.items() if path.endswith("/" + label["doc"])), [])
        main = actions[0]["organisation"] if actions else None
        others = [a for a in actions[1:] if a["organisation"] and not (main and same_party(a["organisation"], main))]
        wanted = [o["organisation"] for o in label.get("other_actions") or [] if o.get("organisation")]
        labelled += len(wanted)
        found += sum(1 for w in wanted if any(same_party(w, a["organisation"]) for a in others))
        extras += len(others)
        right += sum(1 for a in others if any(same_party(w, a["organisation"]) for w in wanted))
    recall = f"{found / labelled:.3f}" if labelled else "-"
    precision = f"{right / extras:.3f}" if extras else "-"
    return (f"other cases of round-ups: {found}/{labelled} labelled found (recall {recall}); "
            f"{right}/{extras} predicted are labelled (precision {precision})")


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
            # Three runs, reported as their median and range: one run on a shared machine can be
            # half again as slow as the next.
            runs = []
            for _ in range(BIG_RUNS):
                start = time.perf_counter()
                extractor.extract(huge, kind="notice")
                runs.append(time.perf_counter() - start)
            result["big_seconds"] = sorted(runs)[len(runs) // 2]
            result["big_min"], result["big_max"] = min(runs), max(runs)
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
    ap.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                    help="also score DIR/labels/*.jsonl over DIR/press/*.txt (a set kept outside the repo)")
    ap.add_argument("--labels", type=Path, action="append", default=[], metavar="FILE",
                    help="also score FILE, labels of this corpus's own documents kept outside it "
                         "(e.g. the GDPRhub cases gdprhub-dev leaves out)")
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
    missing = [str(path) for path in args.labels if not path.is_file()]
    if missing:
        print(f"--labels file not found: {', '.join(missing)}", file=sys.stderr)
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
    label_files = [(f"labels/{name}", root / "labels" / name, "") for name in LABEL_FILES]
    label_files += [(str(path), path, ", labelled apart") for path in args.labels]
    for title, labels, apart in label_files:
        if not labels.exists():
            continue
        rows = [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]
        labelled |= {row["doc"] for row in rows}
        if args.smoke:
            # Score only the documents the smoke run read, so its figures mean something.
            rows = [row for row in rows if row["doc"] in predictions]
            labels = out_path.parent / f"smoke-{labels.name}"
            labels.write_text("".join(json.dumps(row) + "\n" for row in rows))
        print(f"\n== accuracy on {title}" + (f" ({len(rows)} smoke documents{apart})"
                                              if args.smoke else f" ({len(rows)} documents{apart})"))
        print(score_labels(scorer, labels, out_path))

    for extra in args.extra:
        # Its own predictions file: the scorer matches documents by the end of their path.
        extra_out = out_path.parent / f"predictions-{extra.name}.jsonl"
        with extra_out.open("w", encoding="utf-8") as out:
            for path in sorted(extra.glob("press/*.txt")):
                text = path.read_text(encoding="utf-8", errors="replace")
                actions = [a.to_json() for a in extractor.extract(text, kind="article")]
                out.write(json.dumps({"path": str(path), "actions": actions}) + "\n")
        for labels in sorted(extra.glob("labels/*.jsonl")):
            count = sum(1 for line in labels.read_text().splitlines() if line.strip())
            print(f"\n== accuracy on {extra.name}/labels/{labels.name} ({count} documents, labelled apart)")
            print(score_labels(scorer, labels, extra_out))
            print(score_other_actions(labels, extra_out))

    # Round-ups and paired notices: every action after a document's main one, to read over.
    extra = {doc: actions[1:] for doc, actions in predictions.items() if len(actions) > 1}
    print(f"\n== actions after the main one (round-ups' other cases, paired notices): "
          f"{sum(len(a) for a in extra.values())} on {len(extra)} documents")
    for doc, actions in extra.items():
        for a in actions:
            print(f"{doc:72} + {str(a['organisation'])[:40]:40} | {a['action_type']} | {a['amount_gbp']} | "
                  f"{a['action_date']}")

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
        print(f"one {ours['big_bytes'] / 1000:.0f} KB notice: {ours['big_seconds']:.3f} s (median of {BIG_RUNS}; "
              f"{ours['big_min']:.3f}-{ours['big_max']:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
