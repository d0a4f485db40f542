"""A writer killed with SIGKILL mid-transaction leaves a sound database holding whole batches only.

A real child process writes batches of documents (each batch in one `with db.atomic():`, as
run.py writes one source) and is killed at a random moment, several times over the same file.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.store import ensure_db_shape, open_db

BATCH = 25

WRITER = textwrap.dedent(f"""
    import sys, itertools
    from pipeline.models import Document
    from pipeline.store import open_db, ensure_db_shape, save_document, save_http_state
    from types import SimpleNamespace
    db = open_db(sys.argv[1])
    ensure_db_shape(db)
    start = int(sys.argv[2])
    print("ready", flush=True)
    for batch in itertools.count(start):
        with db.atomic():
            for n in range({BATCH}):
                save_document(db, Document(
                    url=f"https://example.org/{{batch}}/{{n}}", source=f"batch-{{batch}}",
                    kind="article", title=f"Batch {{batch}} item {{n}}", text="x" * 2000,
                    published="2024-01-01", fetched_at="2024-01-01T00:00:00Z"))
            save_http_state(db, [SimpleNamespace(url=f"https://example.org/{{batch}}", etag="e",
                                                 last_modified=None, content_sha256="h",
                                                 last_status=200)])
""")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_write_leaves_only_whole_batches(tmp_path):
    path = tmp_path / "killed.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    rng = random.Random(7)
    for attempt in range(3):
        child = subprocess.Popen([sys.executable, str(script), str(path), str(attempt * 100_000)],
                                 stdout=subprocess.PIPE, env=env)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)

        db = open_db(path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sizes = db.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall()
        assert all(count == BATCH for _, count in sizes), sizes
        states = db.execute("SELECT count(*) FROM http_state").fetchone()[0]
        assert states == len(sizes)            # validators only for batches that committed
        ensure_db_shape(db)                    # and the next run can open and use it
        db.close()
    assert sizes, "the writer never committed a batch: the test proved nothing"
