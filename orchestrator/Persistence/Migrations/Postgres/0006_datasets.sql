-- Datasets (issue #9): CSV files uploaded or fetched by URL into the data root, each profiled once on arrival.
-- The content's SHA-256 is unique, so the same bytes are never received twice. triggers_fired_at is set when the
-- dataset triggers of published workflows were handled (a server that stops before that handles them at start).
CREATE TABLE datasets (
    id                text PRIMARY KEY,
    name              text NOT NULL,
    sha256            text NOT NULL UNIQUE,
    bytes             bigint NOT NULL,
    path              text NOT NULL,
    source_url        text,
    time_zone         text NOT NULL,
    schema_json       text NOT NULL,
    row_count         bigint NOT NULL,
    good_rows         bigint NOT NULL,
    sensors           bigint NOT NULL,
    first_day         text,
    last_day          text,
    problems_json     text NOT NULL,
    created_at        bigint NOT NULL,
    created_by        text,
    triggers_fired_at bigint
);

CREATE INDEX datasets_by_created ON datasets (created_at DESC);

-- The runs a dataset's arrival started, one per workflow with a matching dataset trigger; error says why a run
-- could not start (the workflow's inputs refused, say).
CREATE TABLE dataset_runs (
    dataset_id  text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    workflow_id text NOT NULL,
    run_id      text,
    error       text,
    at          bigint NOT NULL,
    PRIMARY KEY (dataset_id, workflow_id)
);
