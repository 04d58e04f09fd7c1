-- A run that waits for another (a backfill asked for with its missing upstream days waits for the run making
-- them): it stays queued until that run has ended, whatever its outcome.
ALTER TABLE runs ADD COLUMN waits_for TEXT;
