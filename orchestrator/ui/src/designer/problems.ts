import type { DefinitionProblem } from '../api/types';
import type { WorkflowDef } from './definition';
import { formatPath, parsePath } from './problemPaths';

/**
 * A problem placed where the user can fix it: on a step (by id, since indexes shift as steps are edited) and a
 * field of it, or on a field of the workflow. `field` is '' for the step or workflow as a whole.
 */
export interface PlacedProblem {
  path: string;
  message: string;
  stepId?: string;
  field: string;
}

export interface ProblemIndex {
  all: PlacedProblem[];
  /** Problems of the workflow's own fields (id, name, inputs, triggers...). */
  workflow: PlacedProblem[];
  byStep: Map<string, PlacedProblem[]>;
}

/**
 * Places each problem. Step indexes are read against `definition`, the exact definition the problems were
 * reported for: a reply that arrives after the user deleted a step still lands on the right steps.
 */
export function placeProblems(problems: readonly DefinitionProblem[], definition: WorkflowDef): ProblemIndex {
  const index: ProblemIndex = { all: [], workflow: [], byStep: new Map() };
  for (const problem of problems) {
    const segments = parsePath(problem.path);
    let placed: PlacedProblem;
    if (segments[0] === 'steps' && typeof segments[1] === 'number') {
      const step = definition.steps?.[segments[1]];
      const stepId = step && typeof step.id === 'string' ? step.id : `#${segments[1]}`;
      placed = { ...problem, stepId, field: formatPath(segments.slice(2)) };
      const list = index.byStep.get(stepId) ?? [];
      list.push(placed);
      index.byStep.set(stepId, list);
    } else {
      placed = { ...problem, field: formatPath(segments) };
      index.workflow.push(placed);
    }
    index.all.push(placed);
  }
  return index;
}

/**
 * The problems of one field: exactly it, or below it when `nested` (the arguments list shows `args[3]` too).
 */
export function problemsAt(list: readonly PlacedProblem[] | undefined, field: string, nested = false): PlacedProblem[] {
  return (list ?? []).filter(
    (p) => p.field === field || (nested && (p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`))),
  );
}

export function fieldKey(...segments: (string | number)[]): string {
  return formatPath(segments);
}
