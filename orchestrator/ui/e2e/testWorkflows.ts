// Workflows put in the server's workflows folder before it starts (it publishes them as version 1).

/** One /bin/echo step: a run that anyone's test can start (roles) without touching another scenario's runs. */
export function echoWorkflow() {
  return {
    id: 'e2e-echo',
    name: 'E2E echo',
    description: 'One command step that says hello.',
    triggers: [{ type: 'manual' }],
    steps: [{ id: 'hello', name: 'Says hello', command: '/bin/echo', args: ['hello from e2e-echo'], retry: { retries: 0 } }],
  };
}

/**
 * Fails the first time and succeeds after: its command creates a marker file and exits 1 unless the marker
 * exists. With no retries the run fails, and a retry from the UI finds the marker and succeeds. `after`
 * shows that the downstream step runs once its upstream step succeeded.
 */
export function flakyOnceWorkflow(markerPath: string) {
  return {
    id: 'e2e-flaky',
    name: 'E2E fails once',
    description: 'A command step that fails the first time, and a step after it.',
    triggers: [{ type: 'manual' }],
    steps: [
      {
        id: 'flaky',
        name: 'Fails the first time',
        command: '/bin/sh',
        args: ['-c', 'test -f "$MARKER" || { touch "$MARKER"; echo "first attempt: failing on purpose" >&2; exit 1; }; echo "marker found: succeeding"'],
        env: { MARKER: markerPath },
        retry: { retries: 0 },
        timeoutSeconds: 60,
      },
      {
        id: 'after',
        name: 'Runs after flaky',
        command: '/bin/echo',
        dependsOn: ['flaky'],
        args: ['after ${{ steps.flaky.output }}'],
        retry: { retries: 0 },
      },
    ],
  };
}

/**
 * Started by a dataset whose name matches `e2e-air-*.csv` (the datasets scenario's upload), with the dataset's file
 * as its path input: one /bin/echo step that names the file.
 */
export function datasetEchoWorkflow() {
  return {
    id: 'e2e-dataset',
    name: 'E2E dataset arrival',
    description: 'Started by a new e2e-air-*.csv dataset; says which file it got.',
    inputs: { source: { type: 'path', description: "The new dataset's file." } },
    triggers: [{ type: 'dataset', input: 'source', pattern: 'e2e-air-*.csv' }],
    steps: [{ id: 'hello', name: 'Names the file', command: '/bin/echo', args: ['dataset ${{ inputs.source }}'], retry: { retries: 0 } }],
  };
}

/**
 * The grid scenario's workflow: load → check → report. `check` fails when the run's input `fail` is "yes", so its
 * `report` is upstream-failed; otherwise all three succeed.
 */
export function gridWorkflow() {
  return {
    id: 'e2e-grid',
    name: 'E2E grid',
    description: 'Three command steps; check fails when asked to.',
    inputs: { fail: { type: 'string', default: 'no', description: '"yes" makes check fail.' } },
    triggers: [{ type: 'manual' }],
    steps: [
      { id: 'load', name: 'Loads', command: '/bin/echo', args: ['loaded'], retry: { retries: 0 } },
      {
        id: 'check',
        name: 'Fails when asked to',
        command: '/bin/sh',
        args: ['-c', 'test "$FAIL" != yes || { echo "failing on purpose" >&2; exit 1; }; echo checked'],
        env: { FAIL: '${{ inputs.fail }}' },
        dependsOn: ['load'],
        retry: { retries: 0 },
      },
      { id: 'report', name: 'Reports', command: '/bin/echo', args: ['reported'], dependsOn: ['check'], retry: { retries: 0 } },
    ],
  };
}

/**
 * The grid benchmark's workflow: ten /bin/echo and /bin/sh steps in a diamond-and-chain shape. s6 fails for logical
 * dates whose day ends in 1 (about one run in ten of a backfill), leaving s7 to s9 upstream-failed.
 */
export function gridBenchWorkflow() {
  const echo = (id: string, dependsOn: string[]) => ({ id, command: '/bin/echo', args: [id], dependsOn, retry: { retries: 0 } });
  return {
    id: 'e2e-grid-bench',
    name: 'E2E grid benchmark',
    description: 'Ten steps; s6 fails on days ending in 1.',
    triggers: [{ type: 'manual' }],
    maxActiveRuns: 10,
    steps: [
      echo('s0', []),
      echo('s1', ['s0']),
      echo('s2', ['s0']),
      echo('s3', ['s1', 's2']),
      echo('s4', ['s3']),
      echo('s5', ['s4']),
      {
        id: 's6',
        command: '/bin/sh',
        args: ['-c', 'case "$1" in ????-??-?1*) echo "day $1 fails on purpose" >&2; exit 1;; esac', 's6', '${{ run.logicalDate }}'],
        dependsOn: ['s4'],
        retry: { retries: 0 },
      },
      echo('s7', ['s5', 's6']),
      echo('s8', ['s7']),
      echo('s9', ['s8']),
    ],
  };
}

/**
 * The shipped sensor-continuous workflow's first two steps (the real Chunker and FeatureCreator writing the readings
 * and features assets), started by hand only: its dataset trigger would also fire on the datasets scenario's upload.
 */
export function assetsWorkflow(shipped: { steps: { id: string }[] } & Record<string, unknown>) {
  return {
    ...shipped,
    $schema: undefined,
    id: 'e2e-assets',
    name: 'E2E assets',
    description: 'Merges a sensor CSV into the readings asset and makes the features of the days that changed.',
    triggers: [{ type: 'manual' }],
    steps: shipped.steps.filter((s) => s.id === 'chunk' || s.id === 'features'),
  };
}

/**
 * The fan-out scenario's workflow: one step run once per day of its `days` input (four at a time), and a fan-in step
 * after it. The day 2024-01-15 fails the first time (a marker file remembers it), so the run fails with one failed
 * partition that a retry of that day alone finishes.
 */
export function daysWorkflow(markerPath: string) {
  return {
    id: 'e2e-days',
    name: 'E2E days',
    description: 'One step per day; 2024-01-15 fails once.',
    inputs: { days: { type: 'string', default: '2024-01-01..2024-01-30', description: 'The days to run.' } },
    triggers: [{ type: 'manual' }],
    steps: [
      {
        id: 'per-day',
        name: 'Once per day',
        command: '/bin/sh',
        args: ['-c', 'if [ "$1" = 2024-01-15 ] && [ ! -e "$MARKER" ]; then touch "$MARKER"; echo "first try of $1: failing on purpose" >&2; exit 1; fi; echo "day $1 done"', 'per-day', '${{ partition.key }}'],
        env: { MARKER: markerPath },
        partitions: { keys: '${{ inputs.days }}', maxParallel: 4 },
        retry: { retries: 0 },
        timeoutSeconds: 60,
      },
      { id: 'summary', name: 'After every day', command: '/bin/echo', dependsOn: ['per-day'], args: ['all days done'], retry: { retries: 0 } },
    ],
  };
}

/** Six days, one at a time, each taking two seconds: long enough to pause the run between two of them. */
export function slowDaysWorkflow() {
  return {
    id: 'e2e-slow-days',
    name: 'E2E slow days',
    description: 'One step per day, one day at a time, two seconds each.',
    inputs: { days: { type: 'string', default: '2024-02-01..2024-02-06', description: 'The days to run.' } },
    triggers: [{ type: 'manual' }],
    steps: [
      {
        id: 'per-day',
        name: 'Once per day',
        command: '/bin/sh',
        args: ['-c', 'sleep 2; echo "day $1 done"', 'per-day', '${{ partition.key }}'],
        partitions: { keys: '${{ inputs.days }}', maxParallel: 1 },
        retry: { retries: 0 },
        timeoutSeconds: 60,
      },
    ],
  };
}

/**
 * The logs scenario's workflow: one step writing JSON lines as the steps' console logger does (information, a
 * warning, two errors, each with State and Scopes) and a plain line between them, then succeeding.
 */
export function jsonLogWorkflow() {
  const line = (level: string, message: string, second: number) =>
    JSON.stringify({
      Timestamp: `2026-03-05T13:02:${String(second).padStart(2, '0')}.123Z`,
      EventId: second,
      LogLevel: level,
      Category: 'E2E.Logger',
      Message: message,
      State: { Message: message, '{OriginalFormat}': message },
      Scopes: [{ Message: 'TraceId:e2e-trace', TraceId: 'e2e-trace' }],
    });
  return {
    id: 'e2e-json-log',
    name: 'E2E JSON log',
    description: 'Writes JSON log lines with a warning and errors.',
    triggers: [{ type: 'manual' }],
    steps: [
      {
        id: 'log',
        name: 'Writes a log',
        command: '/bin/sh',
        args: ['-c', 'printf "%s\\n" "$L1" "$L2" "$L3" "plain line from the shell" "$L4" "$L5"'],
        env: {
          L1: line('Information', 'Reading 120 rows', 1),
          L2: line('Warning', 'Skipped 3 rows without a timestamp', 2),
          L3: line('Error', 'Could not write day 2024-01-15', 3),
          L4: line('Error', 'Giving up on day 2024-01-16', 4),
          L5: line('Information', 'Done', 5),
        },
        retry: { retries: 0 },
      },
    ],
  };
}
