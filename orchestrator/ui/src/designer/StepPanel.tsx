import { useState } from 'react';
import type { StepTypes } from '../api/types';
import { FieldProblems } from '../common/FieldProblems';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { ArgsEditor } from './ArgsEditor';
import { stepKind, type StepDef, type StepKind, type WorkflowDef } from './definition';
import { DependsOnEditor } from './DependsOnEditor';
import { KeyValueEditor } from './KeyValueEditor';
import { problemsAt, type PlacedProblem } from './problems';
import { concreteTemplates, findProgram } from './stepCatalog';
import { upstreamOf } from './graphEdits';

interface Props {
  step: StepDef;
  definition: WorkflowDef;
  problems: PlacedProblem[];
  stepTypes: StepTypes;
  onChange: (step: StepDef) => void;
  onRename: (newId: string) => void;
  onDependsOn: (upstream: string[]) => void;
  onRemove: () => void;
}

const messages = (list: PlacedProblem[]) => list.map((p) => p.message);

/** Everything about the selected step; each field shows the server's problems for it. */
export function StepPanel({ step, definition, problems, stepTypes, onChange, onRename, onDependsOn, onRemove }: Props) {
  const kind = stepKind(step);
  const at = (field: string, nested = false) => messages(problemsAt(problems, field, nested));
  const set = <K extends keyof StepDef>(key: K, value: StepDef[K]) => onChange({ ...step, [key]: value });
  const program = findProgram(stepTypes, step.program);
  const templates = concreteTemplates(stepTypes.templates, Object.keys(definition.inputs ?? {}), upstreamOf(definition, step.id));
  // The id is renamed when the field is left, not on each key, so references are rewritten once.
  // Another step selected, or this one renamed: the field shows the id again (adjusted while rendering, so the
  // old step's text is never drawn).
  const [idText, setIdText] = useState(step.id);
  const [idOf, setIdOf] = useState(step.id);
  if (idOf !== step.id) {
    setIdOf(step.id);
    setIdText(step.id);
  }

  const setKind = (next: StepKind) => {
    const { program: _p, command: _c, image: _i, ...rest } = step;
    onChange({ ...rest, [next]: next === 'program' ? (stepTypes.programs[0]?.program ?? '') : '' });
  };

  return (
    <section className="panel" aria-label={`Step ${step.id}`}>
      <header className="panel-header">
        <h2>Step</h2>
        <button type="button" className="danger" onClick={onRemove}>
          Delete step
        </button>
      </header>
      <FieldProblems id="step-problems" messages={at('')} />
      <div className={at('id').length ? 'field invalid' : 'field'}>
        <label htmlFor="step-id">Id</label>
        <input
          id="step-id"
          className="mono"
          value={idText}
          aria-invalid={at('id').length > 0 || undefined}
          aria-describedby="step-id-hint"
          onChange={(e) => setIdText(e.target.value)}
          onBlur={() => idText !== step.id && onRename(idText)}
          onKeyDown={(e) => e.key === 'Enter' && idText !== step.id && onRename(idText)}
        />
        <div className="hint" id="step-id-hint">
          Lower-case letters, digits and dashes. Renaming updates dependencies and templates.
        </div>
        <FieldProblems id="step-id-problems" messages={at('id')} />
      </div>
      <TextField label="Name" value={step.name ?? ''} onChange={(v) => set('name', v)} problems={at('name')} />
      <SelectField
        label="Runs"
        value={kind}
        onChange={(v) => setKind(v as StepKind)}
        options={[
          { value: 'program', label: 'A step program' },
          { value: 'command', label: 'A command (local process)' },
          { value: 'image', label: 'A container image' },
        ]}
      />
      {kind === 'program' ? (
        <SelectField
          label="Program"
          value={step.program ?? ''}
          onChange={(v) => set('program', v)}
          options={[
            ...(step.program && !program ? [step.program] : []),
            ...stepTypes.programs.map((p) => ({ value: p.program, label: p.title })),
          ]}
          problems={at('program')}
        />
      ) : null}
      {kind === 'command' ? (
        <TextField
          label="Command"
          value={step.command ?? ''}
          onChange={(v) => set('command', v)}
          problems={at('command')}
          placeholder="/usr/bin/python3"
          monospace
          hint="An executable by absolute path or on the server's PATH. Arguments are passed as a list, never through a shell."
        />
      ) : null}
      {kind === 'image' ? (
        <TextField label="Image" value={step.image ?? ''} onChange={(v) => set('image', v)} problems={at('image')} placeholder="registry/name:tag" monospace />
      ) : null}
      {program?.description ? <p className="hint">{program.description}</p> : null}
      <SelectField
        label="Runner"
        value={step.runner ?? ''}
        onChange={(v) => set('runner', v || undefined)}
        options={[
          { value: '', label: "Server's choice" },
          { value: 'process', label: 'Local process' },
          { value: 'docker', label: 'Docker container' },
        ]}
        problems={at('runner')}
      />
      <DependsOnEditor definition={definition} stepId={step.id} value={step.dependsOn ?? []} onChange={onDependsOn} problems={at('dependsOn', true)} />
      <ArgsEditor
        args={step.args ?? []}
        onChange={(args) => set('args', args)}
        problems={problems}
        templates={templates}
        options={program?.options ?? []}
      />
      <KeyValueEditor
        legend="Environment"
        field="env"
        entries={step.env ?? {}}
        onChange={(env) => set('env', env)}
        problems={problems}
        keyLabel="Variable"
        addLabel="Add variable"
      />
      <fieldset>
        <legend>Retries</legend>
        <div className="grid-2">
          <NumberField label="Retries" min={0} step={1} value={step.retry?.retries} placeholder="0" onChange={(v) => set('retry', { ...step.retry, retries: v })} problems={at('retry.retries')} />
          <NumberField label="First delay (s)" min={0} value={step.retry?.initialDelaySeconds} placeholder="10" onChange={(v) => set('retry', { ...step.retry, initialDelaySeconds: v })} problems={at('retry.initialDelaySeconds')} />
          <NumberField label="Backoff multiplier" min={1} value={step.retry?.backoffMultiplier} placeholder="2" onChange={(v) => set('retry', { ...step.retry, backoffMultiplier: v })} problems={at('retry.backoffMultiplier')} />
          <NumberField label="Longest delay (s)" min={0} value={step.retry?.maxDelaySeconds} placeholder="600" onChange={(v) => set('retry', { ...step.retry, maxDelaySeconds: v })} problems={at('retry.maxDelaySeconds')} />
        </div>
        <FieldProblems id="retry-problems" messages={at('retry')} />
      </fieldset>
      <fieldset>
        <legend>Limits</legend>
        <div className="grid-2">
          <NumberField label="Timeout (s)" min={0} value={step.timeoutSeconds} placeholder="none" onChange={(v) => set('timeoutSeconds', v)} problems={at('timeoutSeconds')} />
          <NumberField label="CPUs" min={0} value={step.resources?.cpus} placeholder="any" onChange={(v) => set('resources', { ...step.resources, cpus: v })} problems={at('resources.cpus')} />
          <NumberField label="Memory (MB)" min={0} step={1} value={step.resources?.memoryMb} placeholder="any" onChange={(v) => set('resources', { ...step.resources, memoryMb: v })} problems={at('resources.memoryMb')} />
        </div>
        <p className="hint">A container gets these as limits; a local process only records them.</p>
      </fieldset>
    </section>
  );
}
