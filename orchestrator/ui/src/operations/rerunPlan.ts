import type { StepRun } from '../api/types';

/** What the user asked to run again: one step (with its downstream), what did not succeed, or all of it as a new run. */
export type RerunAsk = { kind: 'step'; stepId: string } | { kind: 'failed' } | { kind: 'all' };

/** Which steps run again and whose outputs are kept, in the run's order, as the server's rules decide them. */
export interface RerunPlan {
  again: string[];
  kept: string[];
}

const DONE = ['succeeded', 'skipped'];

/** Every step that depends on `stepId`, directly or not. */
export function downstreamOf(steps: StepRun[], stepId: string): Set<string> {
  const found = new Set<string>();
  const frontier = [stepId];
  for (let current = frontier.pop(); current !== undefined; current = frontier.pop()) {
    for (const s of steps) {
      if (s.dependsOn.includes(current) && !found.has(s.stepId)) {
        found.add(s.stepId);
        frontier.push(s.stepId);
      }
    }
  }
  return found;
}

/**
 * Retrying a step runs it and everything downstream of it, keeping the rest; re-running from failure runs what did
 * not succeed, keeping what did; re-running all runs every step in a new run and keeps nothing.
 */
export function rerunPlan(steps: StepRun[], ask: RerunAsk): RerunPlan {
  let again: (s: StepRun) => boolean;
  if (ask.kind === 'step') {
    const downstream = downstreamOf(steps, ask.stepId);
    again = (s) => s.stepId === ask.stepId || downstream.has(s.stepId);
  } else if (ask.kind === 'failed') {
    again = (s) => !DONE.includes(s.state);
  } else {
    again = () => true;
  }
  return {
    again: steps.filter(again).map((s) => s.stepId),
    kept: steps.filter((s) => !again(s)).map((s) => s.stepId),
  };
}
