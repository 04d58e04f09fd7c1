// npm run gen:api: src/api/schema.d.ts from openapi/v1.json (written only when it changes, so builds that
// regenerate it do not look newer than they are).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DOCUMENT, generateSchema, SCHEMA } from './openapi-schema.js';

const text = await generateSchema(await readFile(DOCUMENT, 'utf8'));
const current = await readFile(SCHEMA, 'utf8').catch(() => null);
if (current !== text) {
  await writeFile(SCHEMA, text);
  console.log(`wrote ${fileURLToPath(SCHEMA)}`);
}
