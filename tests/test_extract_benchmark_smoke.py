"""The extraction benchmark's --smoke run works end to end (figures are printed, not asserted:
speed and memory belong to the benchmark, never to timed tests)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "extraction_benchmark.py"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not beside the repository")
def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(SCRIPT), "--smoke", "--out", str(tmp_path / "p.jsonl")],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert "row_accuracy=" in out.stdout
    assert "speed ratio (ours / naive):" in out.stdout
    assert (tmp_path / "p.jsonl").read_text().count('"actions"') >= 3
