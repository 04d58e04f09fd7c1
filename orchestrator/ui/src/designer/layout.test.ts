import { describe, expect, it } from 'vitest';
import { FLOW_DIRECTION, layoutDag, SOURCE_SIDE, TARGET_SIDE } from './layout';

describe('layoutDag', () => {
  it('draws left to right by default, as the run page does: a step is right of the steps it waits for', () => {
    const at = layoutDag(['chunk', 'features', 'train'], [
      { source: 'chunk', target: 'features' },
      { source: 'features', target: 'train' },
    ]);
    expect(at.features!.x).toBeGreaterThan(at.chunk!.x);
    expect(at.train!.x).toBeGreaterThan(at.features!.x);
    expect(new Set([at.chunk!.y, at.features!.y, at.train!.y]).size).toBe(1);
    expect(FLOW_DIRECTION).toBe('LR');
  });

  it('has edges leave a step on the right and enter on the left', () => {
    expect([TARGET_SIDE, SOURCE_SIDE]).toEqual(['left', 'right']);
  });
});
