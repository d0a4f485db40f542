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
CREATE INDEX IF NOT EXISTS organisations_company_number ON organisations(company_number);

CREATE TABLE IF NOT EXISTS organisation_aliases (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    alias TEXT NOT NULL,
    normalised_alias TEXT NOT NULL,
    source TEXT,                         -- 'extracted', 'manual', 'ico_title'
    first_word TEXT,                     -- first word of normalised_alias: finds the names a text may contain
    PRIMARY KEY (organisation_id, normalised_alias)
);
CREATE INDEX IF NOT EXISTS organisation_aliases_norm ON organisation_aliases(normalised_alias);
-- (the index on first_word is created in pipeline/store/db.py, after older databases get the column)

-- The initialisms every alias can be written as ("mod" for "Ministry of Defence"): matching a
-- new name written as an acronym is a lookup here, not a scan of the aliases.
CREATE TABLE IF NOT EXISTS organisation_acronyms (
    acronym TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (acronym, organisation_id)
);
CREATE INDEX IF NOT EXISTS organisation_acronyms_organisation ON organisation_acronyms(organisation_id);

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
    updated_at TEXT NOT NULL,
    press_only INTEGER NOT NULL DEFAULT 0, -- 1 while only press reports it; an ICO document confirms it
    topic TEXT                           -- JSON array: the ICO sector and topics from the text (store/topics.py)
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
-- One row per document that states a figure for the case (the ICO's and the press's alike: join
-- case_documents.role or documents.kind to tell them apart; case_timeline below does).
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
CREATE INDEX IF NOT EXISTS case_history_document ON case_history(document_id);

CREATE TABLE IF NOT EXISTS failure_types (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    description TEXT
);

-- Indexes for the published site's pages (docs/SCALING.md, "Datasette at 100,000 documents"):
-- each serves a default sort, a default facet or a canned query that would otherwise read the
-- whole table on every page view once the archive is large.
CREATE INDEX IF NOT EXISTS documents_kind ON documents(kind);               -- facet
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);           -- facet
CREATE INDEX IF NOT EXISTS cases_action_date ON cases(action_date);         -- default sort, latest
CREATE INDEX IF NOT EXISTS cases_type_amount ON cases(action_type, amount_gbp);  -- largest fines
CREATE INDEX IF NOT EXISTS cases_type_year ON cases(action_type, year);     -- charts by year
CREATE INDEX IF NOT EXISTS cases_first_seen ON cases(first_seen);           -- feeds
CREATE INDEX IF NOT EXISTS case_history_latest ON case_history(case_id, document_id, status);
CREATE INDEX IF NOT EXISTS case_history_date ON case_history(date);         -- default sort
CREATE INDEX IF NOT EXISTS evidence_field ON evidence(field);               -- facet

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
    status TEXT NOT NULL,                -- ok | partial | not_modified | error | skipped (time budget)
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

-- ---------------------------------------------------------------------------------------------
-- Views: derived, so they are dropped and recreated on every run to pick up a changed definition.

-- A case's history with the source of every figure, oldest first.
DROP VIEW IF EXISTS case_timeline;
CREATE VIEW case_timeline AS
SELECT h.case_id, h.date, h.status, h.amount_gbp, h.subjects_affected,
       cd.role, d.kind, coalesce(d.outlet, d.source) AS source, d.title, d.url AS document_url,
       h.document_id, h.reason, h.id AS history_id
FROM case_history h
JOIN documents d ON d.id = h.document_id
LEFT JOIN case_documents cd ON cd.case_id = h.case_id AND cd.document_id = h.document_id
ORDER BY h.case_id, coalesce(h.date, ''), h.id;

-- Press documents whose figure differs from the regulator's figure for the same case at the same
-- stage (provisional vs provisional, final vs final). The rule for "differs": a document's figure
-- v is taken at its own precision p (the largest of 1, 10, ..., 1,000,000 that divides it: "£6m"
-- has p = 1,000,000, "£3.09m" has p = 10,000, "82,946" has p = 1). It agrees with the regulator's
-- figure r when rounding or truncating r to p gives it, i.e. v - p/2 <= r < v + p. So "£6m" and
-- "over 80,000" agree with £6,090,000 and 82,946, while "£3.09m" disagrees with £3,076,320.
-- The regulator's figure: for amounts, the case's provisional_amount_gbp (provisional stage) or
-- final_amount_gbp, else amount_gbp; for people affected, the latest figure an ICO document
-- (case_documents.role = 'primary') states at that stage, else the case's subjects_affected.
-- Only coverage (press, ingested articles) is compared: ICO documents are the reference.
DROP VIEW IF EXISTS figure_disagreements;
CREATE VIEW figure_disagreements AS
WITH latest AS (
    -- each document's latest figures for each case and stage
    SELECT h.*, coalesce(cd.role, 'coverage') AS role
    FROM case_history h
    LEFT JOIN case_documents cd ON cd.case_id = h.case_id AND cd.document_id = h.document_id
    WHERE h.id = (SELECT max(h2.id) FROM case_history h2
                  WHERE h2.case_id = h.case_id AND h2.document_id = h.document_id
                    AND h2.status IS h.status)
),
figures AS (
    SELECT l.case_id, l.document_id, l.status AS stage, 'amount_gbp' AS field,
           l.amount_gbp AS document_value,
           CASE WHEN l.status = 'provisional' THEN c.provisional_amount_gbp
                ELSE coalesce(c.final_amount_gbp, c.amount_gbp) END AS case_value
    FROM latest l JOIN cases c ON c.id = l.case_id
    WHERE l.amount_gbp IS NOT NULL AND l.role = 'coverage'
    UNION ALL
    SELECT l.case_id, l.document_id, l.status AS stage, 'subjects_affected' AS field,
           l.subjects_affected AS document_value,
           coalesce(
               (SELECT r.subjects_affected FROM latest r
                WHERE r.case_id = l.case_id AND r.role = 'primary' AND r.status IS l.status
                  AND r.subjects_affected IS NOT NULL
                ORDER BY coalesce(r.date, '') DESC, r.id DESC LIMIT 1),
               c.subjects_affected) AS case_value
    FROM latest l JOIN cases c ON c.id = l.case_id
    WHERE l.subjects_affected IS NOT NULL AND l.role = 'coverage'
),
judged AS (
    SELECT f.*,
           CASE WHEN f.document_value % 1000000 = 0 THEN 1000000
                WHEN f.document_value % 100000 = 0 THEN 100000
                WHEN f.document_value % 10000 = 0 THEN 10000
                WHEN f.document_value % 1000 = 0 THEN 1000
                WHEN f.document_value % 100 = 0 THEN 100
                WHEN f.document_value % 10 = 0 THEN 10
                ELSE 1 END AS precision
    FROM figures f
    WHERE f.case_value IS NOT NULL AND f.document_value != 0
)
SELECT j.case_id, c.organisation, j.field, j.case_value, j.document_value, j.document_id,
       d.url AS document_url, d.outlet, d.published, j.stage, j.precision
FROM judged j
JOIN cases c ON c.id = j.case_id
JOIN documents d ON d.id = j.document_id
WHERE j.case_value >= j.document_value + j.precision
   OR j.case_value * 2 < j.document_value * 2 - j.precision
ORDER BY j.case_id, d.published, j.document_id, j.field;
