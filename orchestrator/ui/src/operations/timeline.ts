import type { AttemptState, StepRun } from '../api/types';

export interface TimelineBar {
  stepId: string;
  attempt: number;
  state: AttemptState;
  /** Percent of the run's span from its left edge, and the bar's width in percent. */
  left: number;
  width: number;
  startedAt: string;
  finishedAt: string | null;
  /** A partitioned step's partitions as one bar (first start to last end), with their count; no attempt of its own. */
  partitions?: number;
}

/**
 * Where each attempt sits in the run's time span (start of the first attempt to the end of the last, or now
 * while one runs). A bar is at least 0.5 % wide, so an attempt of a few milliseconds stays visible. A partitioned
 * step's days are grouped into one bar from the first day's start to the last day's end (thousands of days would
 * be thousands of slivers), coloured failed if any day failed, running while any runs.
 */
export function timelineBars(steps: StepRun[], now = Date.now()): { bars: TimelineBar[]; start: number; end: number } {
  const groups = steps.flatMap((s) => {
    const p = s.partitions;
    if (!p?.firstStartedAt) return [];
    const state: AttemptState = p.byState['running'] ? 'running' : p.byState['failed'] ? 'failed' : 'succeeded';
    return [{ stepId: s.stepId, attempt: 0, state, startedAt: p.firstStartedAt, finishedAt: p.lastFinishedAt ?? null, partitions: p.total }];
  });
  const attempts = [...steps.flatMap((s) => s.attemptHistory.map((a) => ({ stepId: s.stepId, partitions: undefined as number | undefined, ...a }))), ...groups];
  if (attempts.length === 0) return { bars: [], start: now, end: now };
  const t = (iso: string | null) => (iso ? new Date(iso).getTime() : now);
  const start = Math.min(...attempts.map((a) => t(a.startedAt)));
  const end = Math.max(start + 1, ...attempts.map((a) => t(a.finishedAt)));
  const span = end - start;
  const bars = attempts.map((a) => {
    const left = ((t(a.startedAt) - start) / span) * 100;
    const width = Math.max(0.5, ((t(a.finishedAt) - t(a.startedAt)) / span) * 100);
    return {
      stepId: a.stepId,
      attempt: a.attempt,
      state: a.state,
      left: Math.min(left, 99.5),
      width: Math.min(width, 100 - Math.min(left, 99.5)),
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      partitions: a.partitions,
    };
  });
  return { bars, start, end };
}
