import type { PlacedProblem } from './problems';

interface Props {
  problems: PlacedProblem[];
  checking: boolean;
  error: unknown;
  onSelectStep: (stepId: string | null) => void;
}

/**
 * Every problem of the definition, each a link to the step (or the workflow panel) it concerns: the server's whole
 * list, so what the fields and nodes show and what this bar counts are the same problems.
 */
export function ProblemList({ problems, checking, error, onSelectStep }: Props) {
  return (
    <section className="problem-list" aria-label="Problems" aria-live="polite">
      <h2>
        {/* "No problems" only once the server has said so for what is on screen, never while it is being asked. */}
        {problems.length === 0 ? (checking ? 'Checking for problems…' : 'No problems') : problems.length === 1 ? '1 problem' : `${problems.length} problems`}
        {checking && problems.length > 0 ? <span className="hint"> · checking…</span> : null}
      </h2>
      {error ? <p className="hint warn">The server could not check the definition; the list may be out of date.</p> : null}
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => onSelectStep(p.stepId ?? null)}>
              {p.stepId ? `Step ${p.stepId}` : 'Workflow'}
              {p.field ? ` · ${p.field}` : ''}
            </button>
            : {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
