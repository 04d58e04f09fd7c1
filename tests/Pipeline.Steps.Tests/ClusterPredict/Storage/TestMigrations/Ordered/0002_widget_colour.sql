-- Needs 0001: applied out of order it fails.
ALTER TABLE widgets ADD COLUMN colour text NOT NULL DEFAULT 'red';
