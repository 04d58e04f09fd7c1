import { useEffect, useState } from 'react';
import { validateDefinition } from '../api/workflows';
import { cleanDefinition, type WorkflowDef } from './definition';
import { placeProblems, type ProblemIndex } from './problems';

export interface Validation {
  problems: ProblemIndex;
  /** A check is waiting or under way: what is shown may be for an earlier edit. */
  checking: boolean;
  /** The server could not be asked; the problems shown are the last known ones. */
  error: unknown;
}

const EMPTY = placeProblems([], { id: '', name: '', steps: [] });

/**
 * Asks the server for every problem of the definition, `delayMs` after the last edit; an older request still
 * under way is aborted so a slow reply never overwrites a newer one.
 */
export function useValidation(definition: WorkflowDef, delayMs = 400): Validation {
  // The last answer and the definition it is for: while that is not the current one, a check is waiting or under
  // way, so `checking` is derived rather than set when an edit comes in.
  const [state, setState] = useState<{ for: WorkflowDef | null; problems: ProblemIndex; error: unknown }>({ for: null, problems: EMPTY, error: undefined });
  useEffect(() => {
    const controller = new AbortController();
    const snapshot = cleanDefinition(definition);
    const timer = setTimeout(() => {
      validateDefinition(snapshot, controller.signal)
        .then((problems) => {
          if (!controller.signal.aborted) setState({ for: definition, problems: placeProblems(problems ?? [], snapshot), error: undefined });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, for: definition, error }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definition, delayMs]);
  return { problems: state.problems, checking: state.for !== definition, error: state.error };
}
