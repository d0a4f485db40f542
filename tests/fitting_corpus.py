"""What the three fit scripts' tests share: a labelled mini-corpus laid out like ../shared/corpus
(`press/*.txt`, `labels/*.jsonl`), and one run of a fit script over it that writes a model."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def fit_on_mini_corpus(tmp_path: Path, script: Path, pages: dict[str, str],
                       label_files: dict[str, list[dict[str, Any]]]) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Writes `pages` (file name -> text) under press/ and each label file's rows under labels/,
    then runs `script` on the label files (in the order given) with 2 folds, writing the model.
    Returns the run and where the model was written."""
    corpus = tmp_path / "corpus"
    (corpus / "labels").mkdir(parents=True)
    (corpus / "press").mkdir()
    for name, text in pages.items():
        (corpus / "press" / name).write_text(text, encoding="utf-8")
    for name, rows in label_files.items():
        (corpus / "labels" / name).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "model.json"
    run = subprocess.run([sys.executable, str(script), *(str(corpus / "labels" / name) for name in label_files),
                          "--folds", "2", "--write", "--out", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    return run, out
