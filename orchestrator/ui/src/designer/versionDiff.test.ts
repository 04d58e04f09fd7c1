import { describe, expect, it } from 'vitest';
import training from '../test/fixtures/sensor-training.json';
import type { WorkflowDef } from './definition';
import { diffDefinitions, withContext } from './versionDiff';

const v1 = training as unknown as WorkflowDef;

describe('diffDefinitions', () => {
  it('shows only real changes, with line numbers on both sides', () => {
    const v2: WorkflowDef = { ...v1, steps: v1.steps.map((s) => (s.id === 'train' ? { ...s, timeoutSeconds: 7200 } : s)) };
    const lines = diffDefinitions(v1, v2);
    const changed = lines.filter((l) => l.kind !== 'same');
    expect(changed).toEqual([
      expect.objectContaining({ kind: 'removed', text: '      "timeoutSeconds": 3600' }),
      expect.objectContaining({ kind: 'added', text: '      "timeoutSeconds": 7200' }),
    ]);
    expect(changed[0]!.oldNumber).toBe(changed[1]!.newNumber);

    const shown = withContext(lines, 2);
    expect(shown.filter((l) => l === null).length).toBeGreaterThan(0);
    expect(shown.filter((l) => l !== null)).toHaveLength(6);
  });

  it('ignores key order and formatting', () => {
    const { steps, id, name, ...rest } = v1;
    const reordered = { steps, ...rest, name, id };
    expect(diffDefinitions(v1, reordered).every((l) => l.kind === 'same')).toBe(true);
  });
});
