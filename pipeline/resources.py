"""Files shipped inside the package (schema, organisation rules, site metadata, templates).

They are found with importlib.resources, never by walking up from `pipeline.__file__` to a
checkout: an installed wheel has no checkout around it. pip always unpacks a wheel onto the file
system, so every resource is a real file, which matters because Datasette and SQLite take paths.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_file(package: str, *parts: str) -> Path:
    """The path of a file or directory shipped in `package` (e.g. "pipeline.store", "schema.sql")."""
    resource = files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        # Only a zipped install would get here; the project is never installed that way.
        raise RuntimeError(f"{package}/{'/'.join(parts)} is not on the file system: install the package unzipped")
    return resource
