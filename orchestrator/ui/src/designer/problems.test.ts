import { describe, expect, it } from 'vitest';
import problemsFixture from '../test/fixtures/validation-problems.json';
import training from '../test/fixtures/sensor-training.json';
import type { WorkflowDef } from './definition';
import { formatPath, parsePath } from './problemPaths';
import { placeProblems, problemsAt } from './problems';

describe('parsePath', () => {
  it('reads the paths the server writes', () => {
    expect(parsePath('$.steps[2].args[1]')).toEqual(['steps', 2, 'args', 1]);
    expect(parsePath('$.inputs.time-zone.default')).toEqual(['inputs', 'time-zone', 'default']);
    expect(parsePath("$.inputs['odd name'].type")).toEqual(['inputs', 'odd name', 'type']);
    expect(parsePath("$.steps[0].env['it\\'s']")).toEqual(['steps', 0, 'env', "it's"]);
    expect(parsePath('$')).toEqual([]);
  });

  it('formats back the same way', () => {
    expect(formatPath(['args', 1])).toBe('args[1]');
    expect(formatPath(['inputs', 'odd name', 'type'])).toBe("inputs['odd name'].type");
    expect(formatPath(['retry', 'retries'])).toBe('retry.retries');
  });
});

describe('placeProblems', () => {
  // The fixture is the real reply of POST /api/workflows/validate for a broken sensor-training.
  const broken = structuredClone(training) as unknown as WorkflowDef;
  const index = placeProblems(problemsFixture, broken);

  it('puts step problems on the step, by id, with the field they concern', () => {
    expect(index.byStep.get('chunk')!.map((p) => p.field)).toEqual(['retry.retries']);
    expect(index.byStep.get('features')!.map((p) => p.field)).toEqual(['args[1]']);
    expect(index.byStep.get('train')!.map((p) => p.field)).toEqual(['dependsOn[0]', 'args[1]']);
  });

  it('keeps workflow problems apart', () => {
    expect(index.workflow.map((p) => p.field)).toEqual(["inputs['odd name']", "inputs['odd name'].type"]);
  });

  it('reads indexes against the definition the problems were reported for', () => {
    const reordered = { ...broken, steps: [broken.steps[2]!, broken.steps[0]!, broken.steps[1]!] };
    const placed = placeProblems([{ path: '$.steps[0].id', message: 'x' }], reordered);
    expect([...placed.byStep.keys()]).toEqual(['train']);
  });

  it('finds a field exactly or with what is below it', () => {
    const train = index.byStep.get('train');
    expect(problemsAt(train, 'args[1]')).toHaveLength(1);
    expect(problemsAt(train, 'args')).toHaveLength(0);
    expect(problemsAt(train, 'args', true)).toHaveLength(1);
    expect(problemsAt(train, 'dependsOn', true)).toHaveLength(1);
  });
});
