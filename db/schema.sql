-- Enforcement Monitor: the database schema, declared once.
--
-- Applied by pipeline.store.ensure_db_shape() on every run: every statement is idempotent
-- (IF NOT EXISTS), so running the pipeline twice changes nothing. Nothing is ever overwritten
-- without a trace: documents keep their old versions, cases keep every figure they had.
-- Column descriptions for Datasette live in datasette_metadata.json.

-- Every fetched notice, ICO page, press release and article: the current version.
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,            -- canonical URL (file:// for ingested files)
    source TEXT NOT NULL,                -- feeds.yaml source id, or 'ingest'
    kind TEXT NOT NULL,                  -- notice | enforcement_page | press_release | article | file
    title TEXT,
    outlet TEXT,                         -- publisher ('ICO', 'Pulse', 'BBC News', ...)
    published TEXT,                      -- YYYY-MM-DD when the source states it
    fetched_at TEXT NOT NULL,            -- when this version was fetched (ISO 8601 UTC)
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,  -- 1 + number of times the content changed
    content_sha256 TEXT NOT NULL,        -- hash of text + title: what "changed" means
    raw_sha256 TEXT,                     -- the pristine response in the raw archive
    parent_url TEXT,                     -- the page a notice PDF hangs off
    ico_page_id INTEGER,
    listed_type TEXT,                    -- the ICO listing's type ('Monetary penalties')
    sector TEXT,
    summary TEXT,
    metadata_json TEXT,                  -- any other facts the source stated
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);

-- Old versions of documents whose content changed (a revised amount, a corrected text).
CREATE TABLE IF NOT EXISTS document_versions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    raw_sha256 TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    UNIQUE (document_id, version)
);

-- What the extractor found in each document version (the `extract --json` actions).
CREATE TABLE IF NOT EXISTS extractions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    content_sha256 TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    actions_json TEXT NOT NULL,
    PRIMARY KEY (document_id, content_sha256)
);

-- One row per real organisation.
CREATE TABLE IF NOT EXISTS organisations (
    id TEXT PRIMARY KEY,                 -- stable slug of the first canonical name
    name TEXT NOT NULL,                  -- canonical (legal) name
    normalised_name TEXT NOT NULL,
    company_number TEXT,
    sector TEXT,
    aliases TEXT                         -- every name it appears under, '; '-separated (for search)
);

CREATE TABLE IF NOT EXISTS organisation_aliases (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    alias TEXT NOT NULL,
    normalised_alias TEXT NOT NULL,
    source TEXT,                         -- 'extracted', 'manual', 'ico_title'
    PRIMARY KEY (organisation_id, normalised_alias)
);
CREATE INDEX IF NOT EXISTS organisation_aliases_norm ON organisation_aliases(normalised_alias);

-- One row per enforcement action (organisation + action type + its own notice).
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,                 -- stable: survives corrected amounts and names
    organisation_id TEXT REFERENCES organisations(id),
    organisation TEXT,                   -- the organisation's canonical name
    organisation_aliases TEXT,           -- other names, for search
    regulator TEXT NOT NULL DEFAULT 'ICO',
    action_type TEXT NOT NULL,
    status TEXT,                         -- provisional | final | reduced | appealed | upheld | withdrawn
    amount_gbp INTEGER,                  -- current figure: the regulator's, when it stated one
    provisional_amount_gbp INTEGER,
    final_amount_gbp INTEGER,
    subjects_affected INTEGER,
    action_date TEXT,                    -- YYYY-MM-DD or YYYY-MM
    year INTEGER,
    sector TEXT,
    failures TEXT,                       -- JSON array of failure codes
    summary TEXT,
    ico_url TEXT,                        -- the ICO's own page for the action
    status_reason TEXT,
    document_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_organisation ON cases(organisation_id);

CREATE TABLE IF NOT EXISTS case_documents (
    case_id TEXT NOT NULL REFERENCES cases(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    role TEXT NOT NULL DEFAULT 'coverage',  -- 'primary' (created or confirms the case) | 'coverage'
    linked_at TEXT NOT NULL,
    PRIMARY KEY (case_id, document_id)
);
CREATE INDEX IF NOT EXISTS case_documents_document ON case_documents(document_id);

-- Every figure a case has had, in order. A later figure adds a row; nothing is overwritten.
CREATE TABLE IF NOT EXISTS case_history (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    date TEXT,                           -- when the figure was stated (document date)
    status TEXT,
    amount_gbp INTEGER,
    subjects_affected INTEGER,
    document_id INTEGER REFERENCES documents(id),
    reason TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_history_case ON case_history(case_id);

-- For every extracted figure: where it came from.
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY,
    case_id TEXT REFERENCES cases(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    field TEXT NOT NULL,                 -- amount_gbp, subjects_affected, failure:no_mfa, ...
    value TEXT,
    sentence TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER
);
CREATE INDEX IF NOT EXISTS evidence_case ON evidence(case_id);
CREATE INDEX IF NOT EXISTS evidence_document ON evidence(document_id);

CREATE TABLE IF NOT EXISTS case_failures (
    case_id TEXT NOT NULL REFERENCES cases(id),
    failure TEXT NOT NULL REFERENCES failure_types(code),
    PRIMARY KEY (case_id, failure)
);

CREATE TABLE IF NOT EXISTS failure_types (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    description TEXT
);

-- Run bookkeeping: one row per run and one per source per run.
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,                -- running | ok | partial | failed | incomplete
    command TEXT
);

CREATE TABLE IF NOT EXISTS source_runs (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,                -- ok | partial | not_modified | error
    items_seen INTEGER DEFAULT 0,
    items_new INTEGER DEFAULT 0,
    items_changed INTEGER DEFAULT 0,
    items_unchanged INTEGER DEFAULT 0,
    items_failed INTEGER DEFAULT 0,
    error_class TEXT,
    error_message TEXT,
    failures_json TEXT                   -- [{url, error_class, message}] for the items that failed
);

-- Conditional-GET state, advanced only when the source's writes commit.
CREATE TABLE IF NOT EXISTS http_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    content_sha256 TEXT,
    last_status INTEGER,
    last_checked TEXT
);

-- Index of the pristine raw archive (db/raw/): what was fetched, when, and how to re-parse it.
CREATE TABLE IF NOT EXISTS raw_responses (
    sha256 TEXT NOT NULL,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    source TEXT,
    parser TEXT,                         -- which parser turns it into documents
    context_json TEXT,                   -- what the collector knew (listing facts) when it fetched it
    PRIMARY KEY (sha256, url)
);
