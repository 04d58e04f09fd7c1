-- Partitioned steps (fan-out): each partition of a step is a step run of its own, '<step>.<yyyy-MM-dd>', with the
-- step's id and its day; max_parallel caps how many partitions of the step run at once over every server.
ALTER TABLE step_runs ADD COLUMN parent_step TEXT;
ALTER TABLE step_runs ADD COLUMN partition_key TEXT;
ALTER TABLE step_runs ADD COLUMN max_parallel INTEGER;

-- A step's partitions, by state: the run page lists and counts them, and claims count the running ones.
CREATE INDEX step_runs_partitions ON step_runs (run_id, parent_step, state, partition_key) WHERE parent_step IS NOT NULL;
