-- One row per (run, sensor, day): the cluster a sensor-day was assigned to and its distance to that centroid.
-- Identifiers use the "C" collation: byte order compares fastest and is the order PredictionStore sorts rows in.
CREATE TABLE cluster_predictions (
    run_id        text COLLATE "C" NOT NULL,
    sensor_id     text COLLATE "C" NOT NULL,
    day           date             NOT NULL,
    cluster       integer          NOT NULL,
    distance      double precision NOT NULL,
    model_version text COLLATE "C" NOT NULL,
    created_at    timestamptz      NOT NULL,
    -- Day before sensor: rows copied in (day, sensor) order then extend both indexes at their right edge, which
    -- loads about twice as fast as (run_id, sensor_id, day) did. run_id first serves the delete of a re-run.
    PRIMARY KEY (run_id, day, sensor_id)
);

-- Readers ask for a day (or a range of days) across runs, often for one model version; one index serves both,
-- and each extra index slows the COPY of every run.
CREATE INDEX cluster_predictions_day_model_idx ON cluster_predictions (day, model_version);
