import { useMemo } from 'react';
import type { WorkflowDef } from './definition';
import { diffDefinitions, withContext } from './versionDiff';

/** Two definitions side by side as one unified line diff (removed lines red, added green). */
export function VersionDiff({ older, newer }: { older: WorkflowDef; newer: WorkflowDef }) {
  const lines = useMemo(() => withContext(diffDefinitions(older, newer)), [older, newer]);
  const changed = lines.some((l) => l && l.kind !== 'same');
  if (!changed) return <p className="hint">No differences.</p>;
  return (
    <pre className="diff mono" aria-label="Differences">
      {lines.map((line, i) =>
        line === null ? (
          <div key={i} className="diff-gap">
            ⋯
          </div>
        ) : (
          <div key={i} className={`diff-${line.kind}`}>
            <span className="diff-number">{line.oldNumber ?? ''}</span>
            <span className="diff-number">{line.newNumber ?? ''}</span>
            <span className="diff-sign">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
            {line.text}
          </div>
        ),
      )}
    </pre>
  );
}
