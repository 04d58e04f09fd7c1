import { useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
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

const preview = (arg: string) => (arg.length === 0 ? '(empty)' : arg.length > 32 ? `${arg.slice(0, 31)}…` : arg);

/**
 * The argument list, one field per argument (an argv list, never a shell line), with the templates and program
 * options that can go into it. A template goes where the user points: at the cursor (or over the selection) of the
 * argument being edited, or of the one chosen under "Insert into"; otherwise it is added as a new argument. The
 * target is always shown and each insertion is said, so nothing is appended to an argument left earlier unseen.
 */
export function ArgsEditor({ args, onChange, problems, templates, options }: Props) {
  // The argument templates go into; null: a new one. Set by editing an argument or choosing under "Insert into".
  const [target, setTarget] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const templatesBox = useRef<HTMLDetailsElement>(null);
  // After an insertion the argument is focused again with the cursor after the template, once its new value is drawn.
  const caretAfter = useRef<{ index: number; at: number } | null>(null);
  useLayoutEffect(() => {
    const pending = caretAfter.current;
    caretAfter.current = null;
    const input = pending ? inputs.current[pending.index] : null;
    if (pending && input) {
      input.focus();
      input.setSelectionRange(pending.at, pending.at);
    }
  }, [args]);

  const set = (i: number, value: string) => onChange(args.map((a, j) => (j === i ? value : a)));
  // Moving, removing or adding arguments shifts their numbers: templates go to a new argument until one is chosen.
  const reshape = (next: string[]) => {
    setTarget(null);
    onChange(next);
  };
  const move = (i: number, by: number) => {
    const next = [...args];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    reshape(next);
  };
  const leave = (e: FocusEvent) => {
    // Into the templates (their buttons, "Insert into"): still the target. Anywhere else: no longer.
    if (!(e.relatedTarget instanceof Node && templatesBox.current?.contains(e.relatedTarget))) setTarget(null);
  };
  const insert = (text: string) => {
    if (target !== null && target < args.length) {
      const value = args[target] ?? '';
      const input = inputs.current[target];
      const start = input?.selectionStart ?? value.length;
      const end = input?.selectionEnd ?? value.length;
      caretAfter.current = { index: target, at: start + text.length };
      set(target, value.slice(0, start) + text + value.slice(end));
      setSaid(`Inserted into argument ${target + 1}${end > start ? ', replacing the selection' : value ? ' at the cursor' : ''}.`);
    } else {
      onChange([...args, text]);
      setSaid(`Added as argument ${args.length + 1}.`);
    }
  };
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
                  onFocus={() => setTarget(i)}
                  onBlur={leave}
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
                <button type="button" className="icon" aria-label={`Remove argument ${i + 1}`} onClick={() => reshape(args.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
              <FieldProblems id={`arg-${i}-problems`} messages={own.map((p) => p.message)} />
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => reshape([...args, ''])}>
        Add argument
      </button>
      <details className="help" ref={templatesBox}>
        <summary>Templates</summary>
        <div className="field">
          <label htmlFor="template-target">Insert into</label>
          <select id="template-target" value={target ?? ''} onChange={(e) => setTarget(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">A new argument</option>
            {args.map((arg, i) => (
              <option key={i} value={i}>
                {`Argument ${i + 1}, at the cursor: ${preview(arg)}`}
              </option>
            ))}
          </select>
        </div>
        <p className="hint" role="status">
          {said}
        </p>
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.expression}>
              {/* Pressing the button must not take the focus (and the cursor) from the argument being edited. */}
              <button
                type="button"
                className="link mono"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(t.expression)}
                aria-label={`Insert ${t.expression}`}
              >
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
                <button type="button" className="link mono" onClick={() => reshape([...args, o.name])} aria-label={`Add option ${o.name}`}>
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
