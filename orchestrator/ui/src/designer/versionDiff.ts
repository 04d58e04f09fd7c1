import { diffLines } from 'diff';
import { definitionJson, type WorkflowDef } from './definition';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  oldNumber?: number;
  newNumber?: number;
}

/**
 * A line diff of two definitions, both written the way the designer writes them (same key order and
 * indentation), so only real changes show, not formatting.
 */
export function diffDefinitions(older: WorkflowDef, newer: WorkflowDef): DiffLine[] {
  const changes = diffLines(definitionJson(older), definitionJson(newer));
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const change of changes) {
    const texts = change.value.replace(/\n$/, '').split('\n');
    for (const text of texts) {
      if (change.added) lines.push({ kind: 'added', text, newNumber: newNumber++ });
      else if (change.removed) lines.push({ kind: 'removed', text, oldNumber: oldNumber++ });
      else lines.push({ kind: 'same', text, oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return lines;
}

/** Keeps changed lines and `context` lines around them; long unchanged runs become one gap marker (null). */
export function withContext(lines: DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind !== 'same') for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((line, i) => {
    if (keep[i]) out.push(line);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
