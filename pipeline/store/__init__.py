"""Store: the schema applied idempotently, and the functions that write documents and runs.

Everything here writes through the caller's transaction. `run.py` wraps each source's writes in
one `with db.atomic():` block, and sqlite-utils turns every nested write into a savepoint of that
block, so a source that fails (or a run killed with SIGKILL) leaves only whole sources behind.
None of these functions commits on its own while a transaction is open.

Public API (see docs/ARCHITECTURE.md):

    db = open_db(path); ensure_db_shape(db)            # or db = prepare_db(path): both
    document_id, change = save_document(db, document)     # "new" | "changed" | "unchanged"
    save_extraction(db, document_id, document, actions)
    save_http_state(db, states); save_raw_records(db, records)
    run_id = start_run(db, command); finish_run(db, run_id, status)
    record_source_run(db, run_id, source_id, started_at, summary_fields)
    mark_incomplete_runs(db)
"""
from __future__ import annotations

from pipeline.store.db import (
    FTS_TABLES,
    Database,
    DatabaseError,
    default_archive_dir,
    ensure_db_shape,
    explain_db_error,
    open_db,
    prepare_db,
    schema_path,
    utc_now,
)
from pipeline.store.documents import (
    actions_from_json,
    content_hash,
    load_actions,
    save_document,
    save_extraction,
)
from pipeline.store.runs import (
    finish_run,
    mark_incomplete_runs,
    record_source_run,
    save_http_state,
    save_raw_records,
    start_run,
)

__all__ = [
    "FTS_TABLES",
    "Database",
    "DatabaseError",
    "actions_from_json",
    "content_hash",
    "default_archive_dir",
    "ensure_db_shape",
    "explain_db_error",
    "finish_run",
    "load_actions",
    "mark_incomplete_runs",
    "open_db",
    "prepare_db",
    "record_source_run",
    "save_document",
    "save_extraction",
    "save_http_state",
    "save_raw_records",
    "schema_path",
    "start_run",
    "utc_now",
]
