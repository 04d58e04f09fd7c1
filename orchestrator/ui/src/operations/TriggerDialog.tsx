import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { triggerRun } from '../api/workflows';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { changedValues, defaultValues, InputsForm } from './InputsForm';
import { inputProblems } from './inputProblems';
import { useWorkflowInputs } from './useWorkflowInputs';

/** Starts a run of the latest published version with inputs from a form, then opens the run. */
export function TriggerDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const workflow = useWorkflowInputs(workflowId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (workflow.data) setValues(defaultValues(workflow.data.inputs));
  }, [workflow.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workflow.data) return;
    setBusy(true);
    setError(undefined);
    try {
      const run = await triggerRun(workflowId, changedValues(workflow.data.inputs, values));
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const problems = error ? inputProblems(error) : { byInput: {}, other: [] };

  return (
    <Dialog title={`Trigger ${workflowId}`} onClose={onClose}>
      {workflow.error ? <ErrorBanner error={workflow.error} action="Loading the workflow" onRetry={workflow.reload} /> : null}
      {!workflow.data && !workflow.error ? <Loading what="inputs" /> : null}
      {workflow.data ? (
        <form onSubmit={submit}>
          <p className="hint">Runs version {workflow.data.version}, the latest published.</p>
          {problems.other.length ? <ErrorBanner error={new Error(problems.other.join('; '))} action="Starting the run" /> : null}
          <InputsForm inputs={workflow.data.inputs} values={values} onChange={setValues} problems={problems.byInput} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Starting…' : 'Start run'}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
