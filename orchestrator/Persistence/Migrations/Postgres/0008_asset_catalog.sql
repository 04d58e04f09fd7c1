-- The partition catalog (issue #22). An asset is data a step materializes (readings, features, predictions, a
-- model), split into partitions: calendar days in the asset's time zone ('2013-03-01'), or versions for a model.
-- Every materialization of a partition is kept (append-only), with the run, step and attempt that wrote it, its
-- rows, the content hash of its files and the step program's version (an image digest on the Docker runner);
-- asset_partitions holds each partition's current state and the materialization it shows.
CREATE TABLE assets (
    name          text PRIMARY KEY,
    partitioning  text NOT NULL,
    time_zone     text,
    folder        text,
    created_at    bigint NOT NULL
);

CREATE TABLE materializations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset           text NOT NULL REFERENCES assets (name),
    partition_key   text NOT NULL,
    run_id          text,
    step_id         text,
    attempt         integer,
    program_version text,
    row_count       bigint,
    content_sha256  text,
    created_at      bigint NOT NULL
);

CREATE INDEX materializations_by_partition ON materializations (asset, partition_key, id DESC);
CREATE INDEX materializations_by_run ON materializations (run_id);

-- State: materialized, stale (an input changed since), failed (the last try failed; materialization_id still
-- names the last good one, if any), missing (expected but never made, or its files vanished).
CREATE TABLE asset_partitions (
    asset              text NOT NULL REFERENCES assets (name),
    partition_key      text NOT NULL,
    state              text NOT NULL,
    materialization_id bigint REFERENCES materializations (id),
    reason             text,
    updated_at         bigint NOT NULL,
    PRIMARY KEY (asset, partition_key)
);

CREATE INDEX asset_partitions_by_state ON asset_partitions (asset, state, partition_key);
-- Which partitions show a materialization: recording finds the readers of a re-made partition through it.
CREATE INDEX asset_partitions_by_materialization ON asset_partitions (materialization_id);

-- What a materialization was made from: a partition of another asset (by name and key, with the content hash it
-- had when read, and the materialization of that content when the catalog knows it) or a file with its hash then.
-- Staleness compares hashes: a partition goes stale when an input partition gets content other than what it read.
CREATE TABLE materialization_inputs (
    materialization_id       bigint NOT NULL REFERENCES materializations (id) ON DELETE CASCADE,
    input_asset              text,
    input_partition_key      text,
    input_materialization_id bigint REFERENCES materializations (id),
    input_path               text,
    input_sha256             text,
    CHECK ((input_asset IS NULL) <> (input_path IS NULL)),
    CHECK ((input_asset IS NULL) = (input_partition_key IS NULL))
);

CREATE INDEX materialization_inputs_by_materialization ON materialization_inputs (materialization_id);
CREATE INDEX materialization_inputs_by_input ON materialization_inputs (input_materialization_id);
CREATE INDEX materialization_inputs_by_partition ON materialization_inputs (input_asset, input_partition_key);
