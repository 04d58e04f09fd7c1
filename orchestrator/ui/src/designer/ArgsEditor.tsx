import { useRef, useState } from 'react';
import type { StepOption, TemplateHelp } from '../api/types';
import { FieldProblems } from '../common/FieldProblems';
import { fieldKey, problemsAt, type PlacedProblem } from './problems';

interface Props {
  args: string[];
  onChange: (args: string[]) => void;
  problems: PlacedProblem[];
  templates: TemplateHelp[];
  options: StepOption[];
}

/**
 * The argument list, one field per argument (an argv list, never a shell line), with the templates and program
 * options that can go into it. A template is inserted at the cursor of the argument last focused.
 */
export function ArgsEditor({ args, onChange, problems, templates, options }: Props) {
  const [focused, setFocused] = useState<number | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const set = (i: number, value: string) => onChange(args.map((a, j) => (j === i ? value : a)));
  const move = (i: number, by: number) => {
    const next = [...args];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  const insert = (text: string) => {
    if (focused !== null && focused < args.length) {
      const input = inputs.current[focused];
      const value = args[focused] ?? '';
      const start = input?.selectionStart ?? value.length;
      const end = input?.selectionEnd ?? value.length;
      set(focused, value.slice(0, start) + text + value.slice(end));
    } else {
      onChange([...args, text]);
    }
  };
  const missing = options.filter((o) => o.required && !args.includes(o.name));
  return (
    <fieldset className="args-editor">
      <legend>Arguments</legend>
      <FieldProblems id="args-problems" messages={problemsAt(problems, 'args').map((p) => p.message)} />
      {args.length === 0 ? <p className="hint">No arguments.</p> : null}
      <ol>
        {args.map((arg, i) => {
          const own = problemsAt(problems, fieldKey('args', i));
          return (
            <li key={i} className={own.length ? 'invalid' : undefined}>
              <div className="row">
                <input
                  ref={(el) => {
                    inputs.current[i] = el;
                  }}
                  className="mono"
                  aria-label={`Argument ${i + 1}`}
                  aria-invalid={own.length > 0 || undefined}
                  aria-describedby={own.length ? `arg-${i}-problems` : undefined}
                  value={arg}
                  onFocus={() => setFocused(i)}
                  onChange={(e) => set(i, e.target.value)}
                />
                <button type="button" className="icon" aria-label={`Move argument ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Move argument ${i + 1} down`}
                  disabled={i === args.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button type="button" className="icon" aria-label={`Remove argument ${i + 1}`} onClick={() => onChange(args.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
              <FieldProblems id={`arg-${i}-problems`} messages={own.map((p) => p.message)} />
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...args, ''])}>
        Add argument
      </button>
      {missing.length > 0 ? (
        <p className="hint warn">Required options not given: {missing.map((o) => o.name).join(', ')}</p>
      ) : null}
      <details className="help">
        <summary>Templates</summary>
        <p className="hint">Inserted into the argument last focused, or added as a new one.</p>
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.expression}>
              <button type="button" className="link mono" onClick={() => insert(t.expression)} aria-label={`Insert ${t.expression}`}>
                {t.expression}
              </button>
              <span className="hint"> {t.description}</span>
            </li>
          ))}
        </ul>
        <p className="hint">
          Write <code className="mono">$${'{{'}</code> for a literal <code className="mono">${'{{'}</code>.
        </p>
      </details>
      {options.length > 0 ? (
        <details className="help">
          <summary>Program options</summary>
          <ul className="template-list">
            {options.map((o) => (
              <li key={o.name}>
                <button type="button" className="link mono" onClick={() => onChange([...args, o.name])} aria-label={`Add option ${o.name}`}>
                  {o.name}
                </button>
                {o.required ? <span className="badge">required</span> : null}
                <span className="hint"> {o.description}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </fieldset>
  );
}
