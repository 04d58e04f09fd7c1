-- The run's W3C trace context (traceparent), made when the run is created: every step attempt's span is its child,
-- so one trace shows the whole run, on whichever server each attempt ran.
ALTER TABLE runs ADD COLUMN trace_parent TEXT;
