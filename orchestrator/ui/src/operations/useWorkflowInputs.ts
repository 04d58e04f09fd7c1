import { getLatestVersion } from '../api/workflows';
import { useResource } from '../common/useResource';
import type { InputDef } from '../designer/definition';

/** The inputs declared by a workflow's latest published version: what a run of it takes. */
export function useWorkflowInputs(workflowId: string) {
  return useResource(async () => {
    const version = await getLatestVersion(workflowId);
    const definition = version.definition as { inputs?: Record<string, InputDef> };
    return { version: version.version, inputs: definition.inputs ?? {} };
  }, workflowId);
}
