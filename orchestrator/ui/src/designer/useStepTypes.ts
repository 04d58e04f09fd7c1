import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { getStepTypes } from '../api/catalog';
import type { StepTypes } from '../api/types';
import { BUILT_IN_STEP_TYPES } from './stepCatalog';

/** The server's step catalogue, or the built-in one with a note saying why (an older server answers 404). */
export function useStepTypes(): { stepTypes: StepTypes; notice?: string | undefined } {
  const [state, setState] = useState<{ stepTypes: StepTypes; notice?: string }>({ stepTypes: BUILT_IN_STEP_TYPES });
  useEffect(() => {
    const controller = new AbortController();
    getStepTypes(controller.signal)
      .then((types) => {
        if (controller.signal.aborted) return;
        const templates = types.templates?.length ? types.templates : BUILT_IN_STEP_TYPES.templates;
        setState({ stepTypes: { programs: types.programs ?? [], templates } });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const why = e instanceof ApiError && e.status === 404 ? 'not available from this server' : `could not be loaded (${errorMessage(e)})`;
        setState({ stepTypes: BUILT_IN_STEP_TYPES, notice: `The server's step catalogue is ${why}; the built-in programs are shown.` });
      });
    return () => controller.abort();
  }, []);
  return state;
}
