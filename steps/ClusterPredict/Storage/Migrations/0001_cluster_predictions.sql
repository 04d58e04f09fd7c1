-- One row per (run, sensor, day): the cluster a sensor-day was assigned to and its distance to that centroid.
-- A run's rows are replaced as a whole, so the primary key starts with run_id and also serves the delete.
CREATE TABLE cluster_predictions (
    run_id        text             NOT NULL,
    sensor_id     text             NOT NULL,
    day           date             NOT NULL,
    cluster       integer          NOT NULL,
    distance      double precision NOT NULL,
    model_version text             NOT NULL,
    created_at    timestamptz      NOT NULL,
    PRIMARY KEY (run_id, sensor_id, day)
);

-- Readers ask for a day (or a range of days), often for one model version; one index serves both, and each
-- extra index would slow the COPY of every run.
CREATE INDEX cluster_predictions_day_model_idx ON cluster_predictions (day, model_version);
