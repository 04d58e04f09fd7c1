-- Workflows, runs, step runs and attempts. Timestamps are bigint unix milliseconds UTC (the same in SQLite);
-- JSON values (inputs, depends_on, spec) are text written by System.Text.Json.

CREATE TABLE workflows (
    id               text    PRIMARY KEY,
    draft_json       text,
    draft_updated_at bigint,
    latest_version   bigint,
    created_at       bigint  NOT NULL
);

CREATE TABLE workflow_versions (
    workflow_id     text   NOT NULL REFERENCES workflows (id),
    version         bigint NOT NULL,
    definition_json text   NOT NULL,
    checksum        text   NOT NULL,
    published_at    bigint NOT NULL,
    PRIMARY KEY (workflow_id, version)
);

CREATE TABLE runs (
    id               text   PRIMARY KEY,
    workflow_id      text   NOT NULL,
    workflow_version bigint NOT NULL,
    state            text   NOT NULL,
    triggered_by     text   NOT NULL,
    logical_date     bigint,
    inputs           text   NOT NULL,
    created_at       bigint NOT NULL,
    started_at       bigint,
    finished_at      bigint,
    error            text,
    -- Unique when set (NULLs are distinct): one run per cron due time whatever the number of replicas.
    dedup_key        text   UNIQUE
);

-- Keyset paging newest first, filtered by workflow and/or state; queued-run start-up (state, id).
CREATE INDEX runs_by_workflow ON runs (workflow_id, id);
CREATE INDEX runs_by_state ON runs (state, id);
CREATE INDEX runs_by_workflow_state ON runs (workflow_id, state, id);

CREATE TABLE step_runs (
    run_id           text   NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id          text   NOT NULL,
    ordinal          bigint NOT NULL,
    depends_on       text   NOT NULL,
    state            text   NOT NULL,
    attempts         bigint NOT NULL,
    ready_at         bigint,
    started_at       bigint,
    finished_at      bigint,
    exit_code        bigint,
    error            text,
    lease_owner      text,
    lease_expires_at bigint,
    spec             text   NOT NULL,
    PRIMARY KEY (run_id, step_id)
);

-- Claims read only claimable rows, oldest ready first; lease expiry reads only running rows.
CREATE INDEX step_runs_claimable ON step_runs (ready_at) WHERE state IN ('queued', 'up-for-retry');
CREATE INDEX step_runs_leases ON step_runs (lease_expires_at) WHERE state = 'running';

CREATE TABLE attempts (
    run_id      text   NOT NULL,
    step_id     text   NOT NULL,
    attempt     bigint NOT NULL,
    state       text   NOT NULL,
    worker_id   text   NOT NULL,
    started_at  bigint NOT NULL,
    finished_at bigint,
    exit_code   bigint,
    error       text,
    PRIMARY KEY (run_id, step_id, attempt),
    FOREIGN KEY (run_id, step_id) REFERENCES step_runs (run_id, step_id) ON DELETE CASCADE
);
