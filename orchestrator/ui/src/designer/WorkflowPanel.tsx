import { FieldProblems } from '../common/FieldProblems';
import { NumberField } from '../common/NumberField';
import { TextField } from '../common/TextField';
import type { WorkflowDef } from './definition';
import { InputsEditor } from './InputsEditor';
import { problemsAt, type PlacedProblem } from './problems';
import { TriggersEditor } from './TriggersEditor';

interface Props {
  definition: WorkflowDef;
  problems: PlacedProblem[];
  /** The id is fixed once the workflow exists on the server (its URL). */
  idEditable: boolean;
  onChange: (definition: WorkflowDef) => void;
}

/** The workflow itself (shown when no step is selected): identity, inputs, triggers, concurrency. */
export function WorkflowPanel({ definition, problems, idEditable, onChange }: Props) {
  const at = (field: string) => problemsAt(problems, field).map((p) => p.message);
  return (
    <section className="panel" aria-label="Workflow">
      <header className="panel-header">
        <h2>Workflow</h2>
      </header>
      <FieldProblems id="workflow-problems" messages={at('')} />
      <TextField
        label="Id"
        monospace
        value={definition.id}
        readOnly={!idEditable}
        onChange={(v) => onChange({ ...definition, id: v })}
        problems={at('id')}
        hint={idEditable ? 'Lower-case letters, digits and dashes; fixed once saved.' : 'Fixed: the workflow is saved under it.'}
      />
      <TextField label="Name" value={definition.name ?? ''} onChange={(v) => onChange({ ...definition, name: v })} problems={at('name')} />
      <TextField label="Description" multiline value={definition.description ?? ''} onChange={(v) => onChange({ ...definition, description: v })} problems={at('description')} />
      <NumberField label="Runs at once (maxActiveRuns)" min={1} step={1} value={definition.maxActiveRuns} placeholder="1" onChange={(v) => onChange({ ...definition, maxActiveRuns: v })} problems={at('maxActiveRuns')} />
      <InputsEditor inputs={definition.inputs ?? {}} onChange={(inputs) => onChange({ ...definition, inputs })} problems={problems} />
      <TriggersEditor triggers={definition.triggers ?? []} inputs={definition.inputs ?? {}} onChange={(triggers) => onChange({ ...definition, triggers })} problems={problems} />
      <FieldProblems id="steps-problems" messages={at('steps')} />
    </section>
  );
}
