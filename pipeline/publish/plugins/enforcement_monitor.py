"""Datasette loads every module in this folder (`--plugins-dir`); the hooks live in
pipeline/publish/plugin.py, where they can be imported, read and tested like any other code."""
from pipeline.publish.plugin import (  # noqa: F401 - imported so Datasette registers them
    asgi_wrapper,
    extra_template_vars,
    prepare_connection,
    register_routes,
    render_cell,
    startup,
)
