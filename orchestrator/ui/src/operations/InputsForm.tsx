import { useId } from 'react';
import type { InputDef } from '../designer/definition';
import { FieldProblems } from '../common/FieldProblems';

interface Props {
  inputs: Record<string, InputDef>;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** Messages by input name, from the server's refusal. */
  problems: Record<string, string[]>;
}

/** The values for a run, one field per declared input, typed as the input says. */
export function InputsForm({ inputs, values, onChange, problems }: Props) {
  const base = useId();
  const entries = Object.entries(inputs);
  if (entries.length === 0) return <p className="hint">This workflow takes no inputs.</p>;
  return (
    <div className="inputs-form">
      {entries.map(([name, input]) => {
        const id = `${base}-${name}`;
        const own = problems[name] ?? [];
        const set = (v: string) => onChange({ ...values, [name]: v });
        const value = values[name] ?? '';
        const required = input.default === undefined || input.default === null;
        return (
          <div key={name} className={own.length ? 'field invalid' : 'field'}>
            <label htmlFor={id}>
              {name} <span className="muted small">({input.type ?? 'string'}{required ? ', required' : ''})</span>
            </label>
            {input.type === 'boolean' ? (
              <select id={id} value={value} onChange={(e) => set(e.target.value)}>
                {required ? <option value="">choose…</option> : null}
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input
                id={id}
                type={input.type === 'date' ? 'date' : input.type === 'integer' || input.type === 'number' ? 'number' : 'text'}
                step={input.type === 'number' ? 'any' : undefined}
                value={value}
                required={required}
                aria-invalid={own.length > 0 || undefined}
                aria-describedby={own.length ? `${id}-problems` : input.description ? `${id}-hint` : undefined}
                onChange={(e) => set(e.target.value)}
              />
            )}
            {input.description ? (
              <div className="hint" id={`${id}-hint`}>
                {input.description}
              </div>
            ) : null}
            <FieldProblems id={`${id}-problems`} messages={own} />
          </div>
        );
      })}
    </div>
  );
}

/** The defaults of a workflow's inputs, as the form starts. */
export function defaultValues(inputs: Record<string, InputDef>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.default ?? '']));
}

/** Only the values that differ from the defaults are sent, so the server's defaults keep applying. */
export function changedValues(inputs: Record<string, InputDef>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name, v]) => v !== (inputs[name]?.default ?? '')));
}
