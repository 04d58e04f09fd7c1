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
