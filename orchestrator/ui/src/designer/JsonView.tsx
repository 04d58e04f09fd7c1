import { useEffect, useRef, useState } from 'react';
import { definitionJson, parseDefinition, type WorkflowDef } from './definition';
import type { PlacedProblem } from './problems';

interface Props {
  definition: WorkflowDef;
  onChange: (definition: WorkflowDef) => void;
  problems: PlacedProblem[];
  readOnly?: boolean;
}

/**
 * The definition as JSON, editable: text that parses replaces the definition at once (the graph follows);
 * text that does not is kept as typed, with the parser's message, until it does. Edits made elsewhere replace
 * the text only when it is not mid-edit with an error.
 */
export function JsonView({ definition, onChange, problems, readOnly = false }: Props) {
  const [text, setText] = useState(() => definitionJson(definition));
  const [error, setError] = useState<string | undefined>();
  const lastSent = useRef<WorkflowDef | null>(null);

  useEffect(() => {
    if (definition !== lastSent.current) {
      setText(definitionJson(definition));
      setError(undefined);
    }
  }, [definition]);

  const edit = (value: string) => {
    setText(value);
    const parsed = parseDefinition(value);
    if (parsed.definition) {
      setError(undefined);
      lastSent.current = parsed.definition;
      onChange(parsed.definition);
    } else {
      setError(parsed.error);
    }
  };

  return (
    <div className="json-view">
      <label htmlFor="definition-json">Workflow definition (JSON)</label>
      <textarea
        id="definition-json"
        className="mono"
        spellCheck={false}
        readOnly={readOnly}
        value={text}
        aria-invalid={!!error || undefined}
        aria-describedby="definition-json-status"
        onChange={(e) => edit(e.target.value)}
      />
      <div id="definition-json-status" aria-live="polite">
        {error ? (
          <p className="field-problems">Not valid JSON: {error}. The designer keeps the last valid definition.</p>
        ) : problems.length > 0 ? (
          <ul className="field-problems">
            {problems.map((p, i) => (
              <li key={i}>
                <code className="mono">{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{readOnly ? 'Valid JSON.' : 'Valid JSON. Changes here update the graph.'}</p>
        )}
      </div>
    </div>
  );
}
