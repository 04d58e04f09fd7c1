import type { DatasetRun } from '../api/types';

// The runs a dataset's arrival started, as the dataset's page follows them: until each has finished, the page
// refreshes so "running" does not stay on screen after the run has failed.

/** Run states that can still change by themselves (paused waits for a person but is not over either). */
const UNFINISHED = new Set(['queued', 'running', 'paused']);

export function isUnfinished(run: Pick<DatasetRun, 'runId' | 'state'>): boolean {
  return !!run.runId && !!run.state && UNFINISHED.has(run.state);
}

/** Whether any started run may still change state, so the page should keep asking. */
export function anyUnfinished(runs: readonly Pick<DatasetRun, 'runId' | 'state'>[] | null | undefined): boolean {
  return (runs ?? []).some(isUnfinished);
}

/** "2 running, 1 failed": the runs' states counted, in the order they first appear. */
export function stateSummary(runs: readonly Pick<DatasetRun, 'runId' | 'state'>[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) {
    const state = r.runId ? (r.state ?? 'unknown') : 'not started';
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}
