-- Datasets (issue #9): CSV files uploaded or fetched by URL into the data root, each profiled once on arrival.
-- The content's SHA-256 is unique, so the same bytes are never received twice. triggers_fired_at is set when the
-- dataset triggers of published workflows were handled (a server that stops before that handles them at start).
CREATE TABLE datasets (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    sha256            TEXT NOT NULL UNIQUE,
    bytes             INTEGER NOT NULL,
    path              TEXT NOT NULL,
    source_url        TEXT,
    time_zone         TEXT NOT NULL,
    schema_json       TEXT NOT NULL,
    row_count         INTEGER NOT NULL,
    good_rows         INTEGER NOT NULL,
    sensors           INTEGER NOT NULL,
    first_day         TEXT,
    last_day          TEXT,
    problems_json     TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    created_by        TEXT,
    triggers_fired_at INTEGER
);

CREATE INDEX datasets_by_created ON datasets (created_at DESC);

-- The runs a dataset's arrival started, one per workflow with a matching dataset trigger; error says why a run
-- could not start (the workflow's inputs refused, say).
CREATE TABLE dataset_runs (
    dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    workflow_id TEXT NOT NULL,
    run_id      TEXT,
    error       TEXT,
    at          INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, workflow_id)
);
