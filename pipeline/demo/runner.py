"""The demo: the same run as `enforcement-monitor run`, against the bundled offline mirror.

It lives here, not in run.py, so that the runtime path never imports the mirror server.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.run import RunSummary, run_sources
from pipeline.sources import load_sources, with_base_url

DEMO_MIRROR_PORT = 8765   # fixed, so document URLs (and so the rows) are the same on every demo run
DEMO_FEEDS = Path(__file__).parent / "feeds.yaml"


def run_demo(db_path: Path, *, mirror_port: int = DEMO_MIRROR_PORT, archive_dir: Path | None = None,
             progress: bool | None = None) -> RunSummary:
    """Serve the offline mirror on 127.0.0.1 and run the real pipeline against it."""
    from pipeline.demo.mirror_server import MirrorServer

    with MirrorServer(port=mirror_port) as mirror:
        sources = [with_base_url(source, mirror.base_url) for source in load_sources(DEMO_FEEDS)]
        return run_sources(db_path, sources, archive_dir=archive_dir, command="demo",
                           allow_private_hosts={mirror.host_port}, progress=progress)
