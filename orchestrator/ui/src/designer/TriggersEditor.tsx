import { FieldProblems } from '../common/FieldProblems';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { CronPreview } from './CronPreview';
import { CATCH_UP_POLICIES, pathInputs, stringInputs, TRIGGER_TYPES, type InputDef, type TriggerDef } from './definition';
import { KeyValueEditor } from './KeyValueEditor';
import { fieldKey, problemsAt, type PlacedProblem } from './problems';

interface Props {
  triggers: TriggerDef[];
  /** The workflow's inputs: a dataset trigger sets one of type path. */
  inputs: Record<string, InputDef>;
  onChange: (triggers: TriggerDef[]) => void;
  problems: PlacedProblem[];
}

/** What starts runs: cron schedules (with a preview), HTTP endpoints, datasets arriving and the manual trigger. */
export function TriggersEditor({ triggers, inputs, onChange, problems }: Props) {
  const setAt = (i: number, t: TriggerDef) => onChange(triggers.map((x, j) => (j === i ? t : x)));
  const paths = pathInputs(inputs);
  const strings = stringInputs(inputs);
  const retype = (type: string): TriggerDef => {
    switch (type) {
      case 'cron':
        return { type, schedule: '0 2 * * *', timeZone: 'UTC' };
      case 'http':
        return { type, path: '' };
      case 'dataset':
        return paths.length === 1 ? { type, input: paths[0] } : { type };
      default:
        return { type };
    }
  };
  return (
    <fieldset className="triggers-editor">
      <legend>Triggers</legend>
      <p className="hint">Every workflow can also be started by hand.</p>
      {triggers.map((t, i) => {
        const at = (field: string) => problemsAt(problems, fieldKey('triggers', i, field)).map((p) => p.message);
        return (
          <div key={i} className="trigger" role="group" aria-label={`Trigger ${i + 1}`}>
            <div className="row">
              <SelectField label={`Trigger ${i + 1} type`} value={t.type} onChange={(v) => setAt(i, retype(v))} options={TRIGGER_TYPES} problems={at('type')} />
              <button type="button" className="icon" aria-label={`Remove trigger ${i + 1}`} onClick={() => onChange(triggers.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <FieldProblems id={`trigger-${i}-problems`} messages={problemsAt(problems, fieldKey('triggers', i)).map((p) => p.message)} />
            {t.type === 'cron' ? (
              <>
                <TextField label="Schedule (cron)" monospace value={t.schedule ?? ''} onChange={(v) => setAt(i, { ...t, schedule: v })} problems={at('schedule')} hint="minute hour day month weekday (or seconds first)" />
                <TextField label="Time zone (IANA)" value={t.timeZone ?? ''} placeholder="UTC" onChange={(v) => setAt(i, { ...t, timeZone: v || undefined })} problems={at('timeZone')} />
                <SelectField
                  label="Missed times"
                  value={t.catchUp ?? 'latest'}
                  onChange={(v) => setAt(i, { ...t, catchUp: v })}
                  options={CATCH_UP_POLICIES.map((p) => ({ value: p, label: { latest: 'Run the latest missed', all: 'Run every missed time', none: 'Skip missed times' }[p] }))}
                  problems={at('catchUp')}
                />
                <CronPreview schedule={t.schedule ?? ''} timeZone={t.timeZone ?? 'UTC'} />
              </>
            ) : null}
            {t.type === 'http' ? (
              <>
                <TextField label="Hook path" monospace value={t.path ?? ''} onChange={(v) => setAt(i, { ...t, path: v })} problems={at('path')} placeholder="ingest/daily" />
                <p className="hint">
                  Endpoint: <code className="mono">POST {window.location.origin}/hooks/{t.path || '…'}</code> — the JSON body’s properties and the query string become inputs.
                </p>
                <label className="check">
                  <input type="checkbox" checked={t.wait ?? false} onChange={(e) => setAt(i, { ...t, wait: e.target.checked || undefined })} />
                  Caller waits for the run to end
                </label>
              </>
            ) : null}
            {t.type === 'dataset' ? <DatasetTriggerFields trigger={t} paths={paths} strings={strings} onChange={(next) => setAt(i, next)} at={at} /> : null}
            <KeyValueEditor
              legend="Inputs this trigger sets"
              field={fieldKey('triggers', i, 'inputs')}
              entries={t.inputs ?? {}}
              onChange={(inputs) => setAt(i, { ...t, inputs })}
              problems={problems}
              keyLabel="Input"
              addLabel="Set an input"
            />
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...triggers, { type: 'cron', schedule: '0 2 * * *', timeZone: 'UTC' }])}>
        Add trigger
      </button>
    </fieldset>
  );
}

interface DatasetFieldsProps {
  trigger: TriggerDef;
  /** The workflow's path inputs. */
  paths: string[];
  /** The workflow's string inputs (for the time zone). */
  strings: string[];
  onChange: (trigger: TriggerDef) => void;
  at: (field: string) => string[];
}

/** Which path input gets the new dataset's file, and which dataset names start a run. */
function DatasetTriggerFields({ trigger, paths, strings, onChange, at }: DatasetFieldsProps) {
  const current = trigger.input ?? '';
  // A name typed in the JSON that is not a path input stays selectable, so the server's problem has a field to show on.
  const options = [
    { value: '', label: paths.length ? 'Choose a path input…' : 'No path inputs' },
    ...paths.map((name) => ({ value: name, label: name })),
    ...(current && !paths.includes(current) ? [{ value: current, label: `${current} (not a path input)` }] : []),
  ];
  return (
    <>
      <SelectField label="Input set to the dataset's file" value={current} onChange={(v) => onChange({ ...trigger, input: v || undefined })} options={options} problems={at('input')} />
      {paths.length === 0 ? <p className="hint warn">Add an input of type path above: the dataset trigger sets it to the new dataset's file.</p> : null}
      <SelectField
        label="Input set to the dataset's time zone"
        value={trigger.timeZoneInput ?? ''}
        onChange={(v) => onChange({ ...trigger, timeZoneInput: v || undefined })}
        options={[
          { value: '', label: "None: the workflow's default" },
          ...strings.map((name) => ({ value: name, label: name })),
          ...(trigger.timeZoneInput && !strings.includes(trigger.timeZoneInput) ? [{ value: trigger.timeZoneInput, label: `${trigger.timeZoneInput} (not a string input)` }] : []),
        ]}
        problems={at('timeZoneInput')}
      />
      <TextField
        label="Dataset name pattern"
        monospace
        value={trigger.pattern ?? ''}
        placeholder="beijing-*.csv"
        onChange={(v) => onChange({ ...trigger, pattern: v || undefined })}
        problems={at('pattern')}
        hint="* matches any characters, ? one; not case-sensitive. Empty: every new dataset starts a run."
      />
    </>
  );
}
