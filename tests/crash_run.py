"""`python tests/crash_run.py <seconds> <enforcement-monitor arguments…>`: the real command, with a
pause inside every source transaction, for the durability tests that SIGKILL it there.

The pause is put in by wrapping `store.save_http_state` (called inside each source's open
transaction) in this process only, so the runtime code carries no crash-test hook at all.
"""
from __future__ import annotations

import sys
import time

from pipeline import store
from pipeline.cli import main

CRASH_LINE = "crash-test: inside a source transaction"


def _install_pause(seconds: float) -> None:
    original = store.save_http_state

    def paused(db, states):
        print(CRASH_LINE, file=sys.stderr, flush=True)
        time.sleep(seconds)
        return original(db, states)

    store.save_http_state = paused


if __name__ == "__main__":
    _install_pause(float(sys.argv[1]))
    sys.argv = ["enforcement-monitor", *sys.argv[2:]]
    main()
