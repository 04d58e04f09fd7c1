import { errorMessage } from '../api/ApiError';
import { cancelRun, retryFailed } from '../api/runs';
import type { Run, RunState } from '../api/types';

export type BulkAction = 'retry-failed' | 'cancel';

/** The runs each action applies to: re-running what failed needs a failed run; cancelling, one not yet ended. */
const APPLIES_TO: Record<BulkAction, readonly RunState[]> = {
  'retry-failed': ['failed'],
  cancel: ['queued', 'running', 'paused'],
};

export const appliesTo = (action: BulkAction, run: Pick<Run, 'state'>) => APPLIES_TO[action].includes(run.state);

/** What happened to one run: done, refused by the server (with its words), or not asked because it did not apply. */
export interface BulkOutcome {
  runId: string;
  result: 'done' | 'failed' | 'skipped';
  message: string;
}

/**
 * Does the action run by run through the per-run endpoints, one request at a time so a long selection does not
 * flood the server, and reports every run's outcome; one refusal does not stop the rest.
 */
export async function runBulk(action: BulkAction, runs: readonly Pick<Run, 'id' | 'state'>[]): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const run of runs) {
    if (!appliesTo(action, run)) {
      outcomes.push({ runId: run.id, result: 'skipped', message: `not asked: the run is ${run.state}` });
      continue;
    }
    try {
      const changed = action === 'retry-failed' ? await retryFailed(run.id) : await cancelRun(run.id);
      outcomes.push({ runId: run.id, result: 'done', message: action === 'retry-failed' ? `failed steps queued again; the run is ${changed.state}` : `cancelled; the run is ${changed.state}` });
    } catch (e) {
      outcomes.push({ runId: run.id, result: 'failed', message: errorMessage(e) });
    }
  }
  return outcomes;
}
