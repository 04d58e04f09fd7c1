// node scripts/fetch-openapi.js <url of /openapi/v1.json>: waits for the server (up to a minute), then writes its
// document to openapi/v1.json as the server wrote it (indented, its key order), less the top-level `servers` block,
// which names the port of whichever server it came from. scripts/update-openapi.sh runs it.
import { isDeepStrictEqual } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { DOCUMENT } from './openapi-schema.js';

const url = process.argv[2];
if (!url) throw new Error('usage: node scripts/fetch-openapi.js http://127.0.0.1:PORT/openapi/v1.json');

let text;
for (let tries = 0; text === undefined; tries++) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    if (tries >= 120) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// Cut as text so the rest stays byte for byte (parsing and writing again would move "201" before "200").
const kept = text.replace(/\n {2}"servers": \[\n[\s\S]*?\n {2}\],(?=\n)/, '');
const expected = JSON.parse(text);
delete expected.servers;
if (!isDeepStrictEqual(JSON.parse(kept), expected)) throw new Error('could not cut the servers block out of the document as text');
await writeFile(DOCUMENT, kept.endsWith('\n') ? kept : `${kept}\n`);
console.log(`wrote openapi/v1.json from ${url}`);
