-- Who started the run (the signed-in user or the API key's user; null for cron runs and runs from before sign-in).
ALTER TABLE runs ADD COLUMN started_by TEXT;
