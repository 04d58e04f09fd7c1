import { FieldProblems } from '../common/FieldProblems';
import { fieldKey, problemsAt, type PlacedProblem } from './problems';

interface Props {
  legend: string;
  /** The field of these entries in problem paths (`env`, `triggers[0].inputs`). */
  field: string;
  entries: Record<string, string>;
  onChange: (entries: Record<string, string>) => void;
  problems: PlacedProblem[];
  keyLabel?: string;
  addLabel?: string;
}

/**
 * Name/value pairs (environment, a trigger's inputs). Entries are edited in place, keeping their order; a
 * renamed entry keeps its position.
 */
export function KeyValueEditor({ legend, field, entries, onChange, problems, keyLabel = 'Name', addLabel = 'Add' }: Props) {
  const list = Object.entries(entries);
  const write = (next: [string, string][]) => onChange(Object.fromEntries(next));
  const freeName = () => {
    let n = list.length + 1;
    while (`NAME_${n}` in entries) n++;
    return `NAME_${n}`;
  };
  return (
    <fieldset className="kv-editor">
      <legend>{legend}</legend>
      {list.length === 0 ? <p className="hint">None.</p> : null}
      {list.map(([name, value], i) => {
        const own = problemsAt(problems, fieldKey(...splitField(field), name));
        return (
          <div key={i} className={own.length ? 'kv-row invalid' : 'kv-row'}>
            <div className="row">
              <input
                className="mono"
                aria-label={`${keyLabel} ${i + 1}`}
                value={name}
                onChange={(e) => write(list.map(([k, v], j) => (j === i ? [e.target.value, v] : [k, v])))}
              />
              <span aria-hidden="true">=</span>
              <input
                className="mono"
                aria-label={`Value of ${name || `${keyLabel} ${i + 1}`}`}
                aria-invalid={own.length > 0 || undefined}
                value={value}
                onChange={(e) => write(list.map(([k, v], j) => (j === i ? [k, e.target.value] : [k, v])))}
              />
              <button type="button" className="icon" aria-label={`Remove ${name}`} onClick={() => write(list.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <FieldProblems id={`${field}-${i}-problems`} messages={own.map((p) => p.message)} />
          </div>
        );
      })}
      <button type="button" onClick={() => write([...list, [freeName(), '']])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/** `triggers[0].inputs` → ['triggers', 0, 'inputs'], so entry names are formatted like the server's paths. */
function splitField(field: string): (string | number)[] {
  return field
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
