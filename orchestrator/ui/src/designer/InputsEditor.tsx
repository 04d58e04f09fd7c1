import { FieldProblems } from '../common/FieldProblems';
import { INPUT_TYPES, type InputDef } from './definition';
import { fieldKey, problemsAt, type PlacedProblem } from './problems';

interface Props {
  inputs: Record<string, InputDef>;
  onChange: (inputs: Record<string, InputDef>) => void;
  problems: PlacedProblem[];
}

/** The workflow's run inputs: name, type, default (none: required) and description. */
export function InputsEditor({ inputs, onChange, problems }: Props) {
  const list = Object.entries(inputs);
  const write = (next: [string, InputDef][]) => onChange(Object.fromEntries(next));
  const setAt = (i: number, name: string, input: InputDef) => write(list.map((e, j) => (j === i ? [name, input] : e)));
  const add = () => {
    let n = list.length + 1;
    while (`input${n}` in inputs) n++;
    write([...list, [`input${n}`, { type: 'string' }]]);
  };
  return (
    <fieldset className="inputs-editor">
      <legend>Inputs</legend>
      <FieldProblems id="inputs-problems" messages={problemsAt(problems, 'inputs').map((p) => p.message)} />
      {list.length === 0 ? <p className="hint">No inputs. Steps refer to inputs as <code className="mono">{'${{ inputs.name }}'}</code>.</p> : null}
      {list.map(([name, input], i) => {
        const own = problemsAt(problems, fieldKey('inputs', name), true);
        const label = name || `input ${i + 1}`;
        return (
          <div key={i} className={own.length ? 'input-row invalid' : 'input-row'}>
            <div className="row">
              <input className="mono" aria-label={`Input ${i + 1} name`} value={name} onChange={(e) => setAt(i, e.target.value, input)} />
              <select aria-label={`Type of ${label}`} value={input.type ?? 'string'} onChange={(e) => setAt(i, name, { ...input, type: e.target.value })}>
                {INPUT_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <button type="button" className="icon" aria-label={`Remove input ${label}`} onClick={() => write(list.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <div className="row">
              <input
                aria-label={`Default of ${label}`}
                placeholder="default (none: required)"
                value={input.default ?? ''}
                onChange={(e) => setAt(i, name, { ...input, default: e.target.value || undefined })}
              />
            </div>
            <div className="row">
              <input
                aria-label={`Description of ${label}`}
                placeholder="description"
                value={input.description ?? ''}
                onChange={(e) => setAt(i, name, { ...input, description: e.target.value || undefined })}
              />
            </div>
            <FieldProblems id={`input-${i}-problems`} messages={own.map((p) => `${p.field.split('.').pop()}: ${p.message}`)} />
          </div>
        );
      })}
      <button type="button" onClick={add}>
        Add input
      </button>
    </fieldset>
  );
}
