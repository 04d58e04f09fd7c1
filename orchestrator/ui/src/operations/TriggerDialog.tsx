import { useNavigate } from 'react-router';
import { triggerRun } from '../api/workflows';
import { RunInputsDialog } from './RunInputsDialog';

/** Starts a run of the latest published version with inputs from a form, then opens the run. */
export function TriggerDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const navigate = useNavigate();
  return (
    <RunInputsDialog
      workflowId={workflowId}
      title={`Trigger ${workflowId}`}
      action="Starting the run"
      submitLabel="Start run"
      intro={(version) => <p className="hint">Runs version {version}, the latest published.</p>}
      send={async (inputs) => {
        const run = await triggerRun(workflowId, inputs);
        navigate(`/runs/${encodeURIComponent(run.id)}`);
      }}
      onClose={onClose}
    />
  );
}
