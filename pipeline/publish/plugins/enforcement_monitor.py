"""Datasette loads every module in this folder (`--plugins-dir`); the hooks live in
pipeline/publish/plugin.py, where they can be imported, read and tested like any other code.

On a hosted copy (pipeline/publish/deploy.py) the project is not installed: the few modules the
plugin needs are staged in vendor/ beside this file, and are imported from there instead.
"""
import sys
from pathlib import Path

try:
    import pipeline.publish.plugin  # noqa: F401 - the installed project, when there is one
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "vendor"))

from pipeline.publish.plugin import (  # noqa: E402,F401 - imported so Datasette registers them
    asgi_wrapper,
    extra_template_vars,
    prepare_connection,
    register_routes,
    render_cell,
    startup,
)
