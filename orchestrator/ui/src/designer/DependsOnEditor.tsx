import { FieldProblems } from '../common/FieldProblems';
import type { WorkflowDef } from './definition';
import { wouldCycle } from './graphEdits';

interface Props {
  definition: WorkflowDef;
  stepId: string;
  value: string[];
  onChange: (upstream: string[]) => void;
  problems: string[];
}

/**
 * The keyboard way to connect steps: tick the steps this one waits for. A step that already waits for this one
 * cannot be ticked (it would make a cycle).
 */
export function DependsOnEditor({ definition, stepId, value, onChange, problems }: Props) {
  const others = definition.steps.filter((s) => s.id !== stepId);
  const unknown = value.filter((id) => !definition.steps.some((s) => s.id === id));
  return (
    <fieldset className={problems.length ? 'depends-on invalid' : 'depends-on'}>
      <legend>Depends on</legend>
      {others.length === 0 && unknown.length === 0 ? <p className="hint">No other steps yet.</p> : null}
      {others.map((s) => {
        const checked = value.includes(s.id);
        const cycle = !checked && wouldCycle(definition, s.id, stepId);
        return (
          <label key={s.id} className="check" title={cycle ? `${s.id} already runs after this step` : undefined}>
            <input
              type="checkbox"
              checked={checked}
              disabled={cycle}
              onChange={(e) => onChange(e.target.checked ? [...value, s.id] : value.filter((d) => d !== s.id))}
            />
            <span className="mono">{s.id}</span>
            {cycle ? <span className="hint"> (would make a cycle)</span> : null}
          </label>
        );
      })}
      {unknown.map((id) => (
        <label key={`unknown-${id}`} className="check">
          <input type="checkbox" checked onChange={() => onChange(value.filter((d) => d !== id))} />
          <span className="mono">{id}</span> <span className="hint">(no such step)</span>
        </label>
      ))}
      <FieldProblems id="depends-on-problems" messages={problems} />
    </fieldset>
  );
}
