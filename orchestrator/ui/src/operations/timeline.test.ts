import { describe, expect, it } from 'vitest';
import type { StepRun } from '../api/types';
import detail from '../test/fixtures/run-succeeded.json';
import { timelineBars } from './timeline';

describe('timelineBars', () => {
  it('places attempts on the run span in order', () => {
    const { bars } = timelineBars(detail.steps as StepRun[]);
    expect(bars.map((b) => b.stepId)).toEqual(['chunk', 'features', 'train']);
    expect(bars[0]!.left).toBe(0);
    expect(bars[1]!.left).toBeGreaterThan(bars[0]!.left);
    const last = bars[2]!;
    expect(last.left + last.width).toBeCloseTo(100, 5);
  });

  it('draws a running attempt up to now', () => {
    const steps = [
      {
        ...(detail.steps[0] as StepRun),
        attemptHistory: [{ attempt: 1, state: 'running', workerId: 'w', startedAt: '2026-01-01T00:00:00Z', finishedAt: null, exitCode: null, error: null }],
      },
    ] as StepRun[];
    const { bars, end } = timelineBars(steps, Date.parse('2026-01-01T00:00:10Z'));
    expect(end).toBe(Date.parse('2026-01-01T00:00:10Z'));
    expect(bars[0]!.width).toBe(100);
  });
});
