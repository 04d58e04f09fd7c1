import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { changedValues, defaultValues, InputsForm } from './InputsForm';
import { inputProblems } from './inputProblems';
import { useWorkflowInputs } from './useWorkflowInputs';

interface Props {
  workflowId: string;
  title: string;
  /** What the request is, for its error banner ("Starting the run"). */
  action: string;
  /** Sends the inputs that differ from their defaults; a thrown error's problems land on their fields. */
  send: (inputs: Record<string, string>) => Promise<void>;
  submitLabel: string;
  canSubmit?: boolean;
  /** Shown above the inputs, once the workflow's latest version is known. */
  intro?: (version: number) => ReactNode;
  onClose: () => void;
}

/**
 * A dialog that starts runs of a workflow with inputs from a form built from its latest version: the trigger and
 * backfill dialogs. Defaults fill the form; only changed values are sent; the server's problems go to their fields.
 */
export function RunInputsDialog({ workflowId, title, action, send, submitLabel, canSubmit = true, intro, onClose }: Props) {
  const workflow = useWorkflowInputs(workflowId);
  // The form's values start as the defaults of the version loaded (again, when it is loaded again).
  const [edited, setEdited] = useState<{ for: typeof workflow.data; values: Record<string, string> }>();
  const values = edited && edited.for === workflow.data ? edited.values : workflow.data ? defaultValues(workflow.data.inputs) : {};
  const setValues = (next: Record<string, string>) => setEdited({ for: workflow.data, values: next });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workflow.data) return;
    setBusy(true);
    setError(undefined);
    try {
      await send(changedValues(workflow.data.inputs, values));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const problems = error ? inputProblems(error) : { byInput: {}, other: [] };

  return (
    <Dialog title={title} onClose={onClose}>
      {workflow.error ? <ErrorBanner error={workflow.error} action="Loading the workflow" onRetry={workflow.reload} /> : null}
      {!workflow.data && !workflow.error ? <Loading what="inputs" /> : null}
      {workflow.data ? (
        <form onSubmit={submit}>
          {intro?.(workflow.data.version)}
          {problems.other.length ? <ErrorBanner error={new Error(problems.other.join('; '))} action={action} /> : null}
          <InputsForm inputs={workflow.data.inputs} values={values} onChange={setValues} problems={problems.byInput} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !canSubmit}>
              {busy ? 'Starting…' : submitLabel}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
