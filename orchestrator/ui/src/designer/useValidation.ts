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
  const [state, setState] = useState<Validation>({ problems: EMPTY, checking: true, error: undefined });
  useEffect(() => {
    const controller = new AbortController();
    const snapshot = cleanDefinition(definition);
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      validateDefinition(snapshot, controller.signal)
        .then((problems) => {
          if (!controller.signal.aborted) setState({ problems: placeProblems(problems ?? [], snapshot), checking: false, error: undefined });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, checking: false, error }));
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [definition, delayMs]);
  return state;
}
