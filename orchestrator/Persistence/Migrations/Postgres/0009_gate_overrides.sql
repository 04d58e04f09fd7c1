-- Who overrode a step's failed gate (a drift gate's exit 79) and why, as "<user>: <reason>": the step's next attempts
-- get it as PIPELINE_GATE_OVERRIDE and record it in their manifest; the run keeps it for the record.
ALTER TABLE step_runs ADD COLUMN gate_override text;
