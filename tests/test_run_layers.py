"""run only runs: the runtime path imports neither the demo nor the mirror server, and the other
commands do not reach into run.py for their helpers (issue 10)."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _imported_after(module: str) -> set[str]:
    """The pipeline modules a fresh interpreter has loaded after importing `module`."""
    code = (f"import sys, {module}; "
            "print('\\n'.join(m for m in sys.modules if m.startswith('pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_run_imports_neither_the_demo_nor_the_mirror() -> None:
    loaded = _imported_after("pipeline.run")
    assert not {m for m in loaded if m.startswith("pipeline.demo")}, loaded


@pytest.mark.parametrize("module", ["pipeline.ingest", "pipeline.reparse"])
def test_ingest_and_reparse_do_not_import_run(module: str) -> None:
    assert "pipeline.run" not in _imported_after(module)


def test_no_crash_test_hook_in_the_runtime_code() -> None:
    import pipeline.run

    source = open(pipeline.run.__file__, encoding="utf-8").read()
    assert "CRASH_TEST" not in source and "crash-test" not in source and "sleep(" not in source
