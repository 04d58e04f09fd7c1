import { describe, expect, it } from 'vitest';
import { anyUnfinished, isUnfinished, stateSummary } from './startedRuns';

describe('started runs', () => {
  it('counts queued, running and paused runs as unfinished', () => {
    expect(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'].map((state) => isUnfinished({ runId: 'r', state }))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('does not wait on a workflow that never started, or a run whose state the server did not give', () => {
    expect(isUnfinished({ runId: null, state: 'running' })).toBe(false);
    expect(isUnfinished({ runId: 'r', state: null })).toBe(false);
    expect(isUnfinished({ runId: 'r' })).toBe(false);
    expect(anyUnfinished(null)).toBe(false);
    expect(anyUnfinished([{ runId: 'a', state: 'failed' }, { runId: 'b', state: 'queued' }])).toBe(true);
  });

  it('sums the states up in words', () => {
    expect(stateSummary([{ runId: 'a', state: 'running' }, { runId: null }, { runId: 'b', state: 'running' }, { runId: 'c', state: 'failed' }])).toBe(
      '2 running, 1 not started, 1 failed',
    );
  });
});
