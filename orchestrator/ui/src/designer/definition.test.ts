import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDefinition, definitionJson, parseDefinition } from './definition';

const workflowsFolder = resolve(__dirname, '../../../../workflows');

describe('definition JSON', () => {
  it.each(['sensor-training.json', 'sensor-prediction.json', 'sensor-continuous.json'])(
    'writes the shipped %s back byte for byte',
    (file) => {
      const text = readFileSync(resolve(workflowsFolder, file), 'utf8');
      const parsed = parseDefinition(text);
      expect(parsed.error).toBeUndefined();
      expect(definitionJson(parsed.definition!)).toBe(text.endsWith('\n') ? text : `${text}\n`);
    },
  );

  it('keeps unknown properties so the server can name them', () => {
    const clean = cleanDefinition({ id: 'a', name: 'b', steps: [{ id: 's', command: 'ls', colour: 'red' } as never], extra: 1 } as never);
    expect(clean).toMatchObject({ extra: 1, steps: [{ colour: 'red' }] });
  });

  it('says why text is not a definition', () => {
    expect(parseDefinition('{"id": ').error).toBeTruthy();
    expect(parseDefinition('[1]').error).toMatch(/object/);
  });
});
