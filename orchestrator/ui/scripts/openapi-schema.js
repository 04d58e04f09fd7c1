// TypeScript from the server's OpenAPI document: `npm run gen:api` writes it to src/api/schema.d.ts, and
// src/api/schema.test.ts makes it again to check that the file checked in is what the document gives.
import openapiTS, { astToString, COMMENT_HEADER, NULL, NUMBER, tsUnion } from 'openapi-typescript';

/** The server's document, checked in (scripts/update-openapi.sh refreshes it from a built server). */
export const DOCUMENT = new URL('../openapi/v1.json', import.meta.url);

/** The generated types, checked in; src/api/types.ts names them for the rest of the UI. */
export const SCHEMA = new URL('../src/api/schema.d.ts', import.meta.url);

const NUMERIC = new Set(['integer', 'number']);

/**
 * The API's JSON options (JsonSerializerDefaults.Web) also read numbers written as strings, so the document types
 * every number as `["integer", "string"]` with a digits pattern. The server always writes numbers, and the UI
 * sends numbers, so these become `number` (or `number | null`) rather than `number | string`.
 * @param {import('openapi-typescript').SchemaObject} schema
 * @returns {import('typescript').TypeNode | undefined}
 */
export function numbersAsWritten(schema) {
  const types = 'type' in schema && Array.isArray(schema.type) ? /** @type {string[]} */ (schema.type) : [];
  const numeric = types.some((t) => NUMERIC.has(t));
  const onlyNumberStringNull = types.every((t) => NUMERIC.has(t) || t === 'string' || t === 'null');
  if (!numeric || !types.includes('string') || !onlyNumberStringNull || !('pattern' in schema)) return undefined;
  return types.includes('null') ? tsUnion([NUMBER, NULL]) : NUMBER;
}

/**
 * The text of src/api/schema.d.ts for an OpenAPI document's JSON text: what openapi-typescript's command line would
 * write, with numbers as the server writes them.
 * @param {string} documentText
 * @returns {Promise<string>}
 */
export async function generateSchema(documentText) {
  const ast = await openapiTS(JSON.parse(documentText), { transform: numbersAsWritten, silent: true });
  return COMMENT_HEADER + astToString(ast);
}
