-- Attempts made before the step was last retried by hand: the step's own retries count from there, so a manual
-- retry of a step that used up its retries gets them again.
ALTER TABLE step_runs ADD COLUMN retry_base INTEGER NOT NULL DEFAULT 0;
