-- A run re-run from a failure on its workflow's latest published version runs the steps it re-runs on that
-- version's definition: each step run records the version its spec was rendered from, and each attempt the
-- version it ran, so the run page can say which version every attempt used. Existing rows ran their run's version.
ALTER TABLE step_runs ADD COLUMN workflow_version INTEGER;
ALTER TABLE attempts ADD COLUMN workflow_version INTEGER;
UPDATE step_runs SET workflow_version = (SELECT r.workflow_version FROM runs r WHERE r.id = step_runs.run_id);
UPDATE attempts SET workflow_version = (SELECT r.workflow_version FROM runs r WHERE r.id = attempts.run_id);
