// @vitest-environment node
// Node's own URL and file system: openapi-typescript and the file URLs of scripts/openapi-schema.js need them.
import { readFile } from 'node:fs/promises';
import { DOCUMENT, generateSchema, SCHEMA } from '../../scripts/openapi-schema.js';

// openapi/v1.json is checked against the server by tests/Pipeline.Orchestrator.Tests (OpenApiDocumentTests); this
// checks that schema.d.ts is what openapi-typescript makes of it, so neither is edited without the other.
describe('src/api/schema.d.ts', () => {
  it('is what openapi-typescript makes of openapi/v1.json', async () => {
    const expected = await generateSchema(await readFile(DOCUMENT, 'utf8'));
    const actual = await readFile(SCHEMA, 'utf8');
    const expectedLines = expected.split('\n');
    const actualLines = actual.split('\n');
    const line = expectedLines.findIndex((text, i) => text !== actualLines[i]);
    const where = line < 0 ? `it has ${actualLines.length - expectedLines.length} extra lines` : `line ${line + 1} should be ${JSON.stringify(expectedLines[line])}, is ${JSON.stringify(actualLines[line])}`;
    expect(actual === expected, `src/api/schema.d.ts is out of date with openapi/v1.json (${where}): run npm run gen:api`).toBe(true);
  }, 60_000);
});
