"""What keeps the published site fast at archive size (docs/SCALING.md), checked on the demo.

Speed itself is measured by benchmarks/datasette_scale.py; these tests check the mechanisms:
the published copy stores the heavy views as tables with the same rows, Datasette gets the row
counts once at start-up, and the pages' default sorts and facets are answered from indexes.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.publish.build import MATERIALISED_VIEWS, publish_database
from pipeline.publish.serve import datasette_command


def test_published_copy_stores_heavy_views_as_tables_with_the_same_rows(demo_db: Path, tmp_path: Path) -> None:
    published = publish_database(demo_db, tmp_path / "enforcement.db")
    working = sqlite3.connect(f"{demo_db.resolve().as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(published)
    try:
        for view in MATERIALISED_VIEWS:
            kind = "select type from sqlite_master where name = ?"
            assert working.execute(kind, [view]).fetchone()[0] == "view"
            assert copy.execute(kind, [view]).fetchone()[0] == "table"
            rows = working.execute(f"select * from [{view}]").fetchall()
            assert copy.execute(f"select * from [{view}]").fetchall() == rows
        assert copy.execute("select count(*) from case_timeline").fetchone()[0] > 0
        assert copy.execute("select count(*) from figure_disagreements").fetchone()[0] > 0
        assert copy.execute("select count(*) from sqlite_stat1").fetchone()[0] > 0, "ANALYZE ran"
    finally:
        working.close()
        copy.close()


def test_datasette_counts_rows_once_at_start_up(demo_db: Path) -> None:
    command = datasette_command(demo_db)
    inspect = json.loads(Path(command[command.index("--inspect-file") + 1]).read_text(encoding="utf-8"))
    counts = inspect[demo_db.stem]["tables"]
    with sqlite3.connect(f"{demo_db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        for table in ("documents", "cases", "case_history"):
            assert counts[table]["count"] == conn.execute(f"select count(*) from {table}").fetchone()[0]


def test_no_inspect_file_for_a_missing_database(tmp_path: Path) -> None:
    assert "--inspect-file" not in datasette_command(tmp_path / "missing.db")


@pytest.mark.parametrize("sql, index", [
    ("select kind, count(*) from documents group by kind", "documents_kind"),
    ("select outlet, count(*) from documents group by outlet", "documents_outlet"),
    ("select * from cases order by action_date desc limit 101", "cases_action_date"),
    ("select * from cases where action_type = 'monetary_penalty' and amount_gbp is not null "
     "order by amount_gbp desc limit 100", "cases_type_amount"),
    ("select count(*), sum(amount_gbp) from cases where year = 2024 and action_type = 'monetary_penalty'",
     "cases_type_year"),
    ("select field, count(*) from evidence group by field", "evidence_field"),
    ("select * from case_history order by date limit 101", "case_history_date"),
    ("select max(id) from case_history group by case_id, document_id, status", "case_history_latest"),
])
def test_page_queries_use_an_index_not_a_scan(demo_db: Path, sql: str, index: str) -> None:
    with sqlite3.connect(f"{demo_db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        plan = " / ".join(row[3] for row in conn.execute("explain query plan " + sql))
    assert index in plan, plan
