import { describe, expect, it } from 'vitest';
import { connectionRefusal } from './connectionRefusal';
import type { WorkflowDef } from './definition';

const chain: WorkflowDef = {
  id: 'w',
  name: 'W',
  steps: [
    { id: 'chunk', command: '/bin/true' },
    { id: 'features', command: '/bin/true', dependsOn: ['chunk'] },
    { id: 'train', command: '/bin/true', dependsOn: ['features'] },
  ],
};

describe('connectionRefusal', () => {
  it('says why an edge that would close a cycle is refused, whichever end it was dragged from', () => {
    const expected = "Not connected: 'chunk' already runs before 'train'; this edge would make a cycle.";
    expect(connectionRefusal(chain, { stepId: 'train', handle: 'source' }, { stepId: 'chunk', handle: 'target' })).toBe(expected);
    expect(connectionRefusal(chain, { stepId: 'chunk', handle: 'target' }, { stepId: 'train', handle: 'source' })).toBe(expected);
  });

  it('says a step cannot wait for itself, and that an output goes to an input', () => {
    expect(connectionRefusal(chain, { stepId: 'chunk', handle: 'source' }, { stepId: 'chunk', handle: 'target' })).toBe(
      'Not connected: a step cannot depend on itself.',
    );
    expect(connectionRefusal(chain, { stepId: 'chunk', handle: 'source' }, { stepId: 'train', handle: 'source' })).toMatch(/from a step's output/);
  });

  it('says nothing for an edge that is made, or one released on no step', () => {
    expect(connectionRefusal(chain, { stepId: 'chunk', handle: 'source' }, { stepId: 'train', handle: 'target' })).toBeUndefined();
    expect(connectionRefusal(chain, { stepId: 'train', handle: 'source' }, null)).toBeUndefined();
  });
});
