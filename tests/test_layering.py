"""The one-way flow of docs/ARCHITECTURE.md, checked on the source: the store imports neither
link nor extract (it is handed the taxonomy and the extractor version), and link holds no SQL
(it decides; pipeline.store.cases and pipeline.store.organisations read and write)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_store_imports_neither_link_nor_extract():
    offenders = {path.name: sorted(m for m in imported_modules(path)
                                   if m.startswith(("pipeline.link", "pipeline.extract")))
                 for path in sorted((PACKAGE / "store").glob("*.py"))}
    assert {name: mods for name, mods in offenders.items() if mods} == {}


_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET|WHERE)\b")


def test_link_contains_no_sql():
    offenders = []
    for path in sorted((PACKAGE / "link").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executescript", "query"):
                offenders.append(f"{path.name}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                offenders.append(f"{path.name}:{node.lineno} {node.value[:60]!r}")
    assert offenders == []
