import { RUN_STATES } from '../api/types';

export interface RunFilterValues {
  workflow: string;
  state: string;
  from: string;
  to: string;
}

interface Props {
  values: RunFilterValues;
  workflows: string[];
  onChange: (values: RunFilterValues) => void;
}

/** Which runs to list: by workflow, state and the day range they were created in. */
export function RunFilters({ values, workflows, onChange }: Props) {
  const set = (key: keyof RunFilterValues, value: string) => onChange({ ...values, [key]: value });
  const any = values.workflow || values.state || values.from || values.to;
  return (
    <form className="filters" role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
      <label>
        Workflow
        <select value={values.workflow} onChange={(e) => set('workflow', e.target.value)}>
          <option value="">All</option>
          {[...new Set([...workflows, ...(values.workflow ? [values.workflow] : [])])].map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </label>
      <label>
        State
        <select value={values.state} onChange={(e) => set('state', e.target.value)}>
          <option value="">All</option>
          {RUN_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Created from
        <input type="date" value={values.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        to
        <input type="date" value={values.to} onChange={(e) => set('to', e.target.value)} />
      </label>
      {any ? (
        <button type="button" className="link" onClick={() => onChange({ workflow: '', state: '', from: '', to: '' })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
