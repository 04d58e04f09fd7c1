-- Workflows, runs, step runs and attempts: the same tables as the PostgreSQL script, in SQLite types.
-- Timestamps are INTEGER unix milliseconds UTC; JSON values (inputs, depends_on, spec) are TEXT.

CREATE TABLE workflows (
    id               TEXT    PRIMARY KEY,
    draft_json       TEXT,
    draft_updated_at INTEGER,
    latest_version   INTEGER,
    created_at       INTEGER  NOT NULL
);

CREATE TABLE workflow_versions (
    workflow_id     TEXT   NOT NULL REFERENCES workflows (id),
    version         INTEGER NOT NULL,
    definition_json TEXT   NOT NULL,
    checksum        TEXT   NOT NULL,
    published_at    INTEGER NOT NULL,
    PRIMARY KEY (workflow_id, version)
);

CREATE TABLE runs (
    id               TEXT   PRIMARY KEY,
    workflow_id      TEXT   NOT NULL,
    workflow_version INTEGER NOT NULL,
    state            TEXT   NOT NULL,
    triggered_by     TEXT   NOT NULL,
    logical_date     INTEGER,
    inputs           TEXT   NOT NULL,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    error            TEXT,
    -- Unique when set (NULLs are distinct): one run per cron due time whatever the number of replicas.
    dedup_key        TEXT   UNIQUE
);

-- Keyset paging newest first, filtered by workflow and/or state; queued-run start-up (state, id).
CREATE INDEX runs_by_workflow ON runs (workflow_id, id);
CREATE INDEX runs_by_state ON runs (state, id);
CREATE INDEX runs_by_workflow_state ON runs (workflow_id, state, id);

CREATE TABLE step_runs (
    run_id           TEXT   NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id          TEXT   NOT NULL,
    ordinal          INTEGER NOT NULL,
    depends_on       TEXT   NOT NULL,
    state            TEXT   NOT NULL,
    attempts         INTEGER NOT NULL,
    ready_at         INTEGER,
    started_at       INTEGER,
    finished_at      INTEGER,
    exit_code        INTEGER,
    error            TEXT,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    spec             TEXT   NOT NULL,
    PRIMARY KEY (run_id, step_id)
);

-- Claims read only claimable rows, oldest ready first; lease expiry reads only running rows.
CREATE INDEX step_runs_claimable ON step_runs (ready_at) WHERE state IN ('queued', 'up-for-retry');
CREATE INDEX step_runs_leases ON step_runs (lease_expires_at) WHERE state = 'running';

CREATE TABLE attempts (
    run_id      TEXT   NOT NULL,
    step_id     TEXT   NOT NULL,
    attempt     INTEGER NOT NULL,
    state       TEXT   NOT NULL,
    worker_id   TEXT   NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    exit_code   INTEGER,
    error       TEXT,
    PRIMARY KEY (run_id, step_id, attempt),
    FOREIGN KEY (run_id, step_id) REFERENCES step_runs (run_id, step_id) ON DELETE CASCADE
);
