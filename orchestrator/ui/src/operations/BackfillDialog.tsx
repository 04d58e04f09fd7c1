import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { backfill } from '../api/workflows';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { TextField } from '../common/TextField';
import { changedValues, defaultValues, InputsForm } from './InputsForm';
import { inputProblems } from './inputProblems';
import { useWorkflowInputs } from './useWorkflowInputs';

const today = () => new Date().toISOString().slice(0, 10);

/** One run per day over a date range (each with that day as its logical date), then the runs list. */
export function BackfillDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const workflow = useWorkflowInputs(workflowId);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (workflow.data) setValues(defaultValues(workflow.data.inputs));
  }, [workflow.data]);

  const days = from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1 : 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workflow.data) return;
    setBusy(true);
    setError(undefined);
    try {
      await backfill(workflowId, from, to, changedValues(workflow.data.inputs, values));
      navigate(`/runs?workflow=${encodeURIComponent(workflowId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const problems = error ? inputProblems(error) : { byInput: {}, other: [] };

  return (
    <Dialog title={`Backfill ${workflowId}`} onClose={onClose}>
      {workflow.error ? <ErrorBanner error={workflow.error} action="Loading the workflow" onRetry={workflow.reload} /> : null}
      {!workflow.data && !workflow.error ? <Loading what="inputs" /> : null}
      {workflow.data ? (
        <form onSubmit={submit}>
          {problems.other.length ? <ErrorBanner error={new Error(problems.other.join('; '))} action="Backfilling" /> : null}
          <div className="grid-2">
            <TextField label="From (first day)" type="date" value={from} onChange={setFrom} />
            <TextField label="To (last day, included)" type="date" value={to} onChange={setTo} />
          </div>
          <p className="hint">{days > 0 ? `${days} run${days === 1 ? '' : 's'}, one per day (at most 366).` : 'The last day must not be before the first.'}</p>
          <InputsForm inputs={workflow.data.inputs} values={values} onChange={setValues} problems={problems.byInput} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || days < 1}>
              {busy ? 'Starting…' : `Start ${days > 0 ? days : ''} runs`}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
