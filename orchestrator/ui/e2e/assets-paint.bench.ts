import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { baseUrl, screenshot } from './helpers';

// The Assets page's first paint of an asset with 100,000 day partitions in Chromium: the catalog is filled straight
// into the server's SQLite file (sqlite3, one recursive insert: the grid API reads only keys and states), then the
// page is loaded ROUNDS times and the time from navigation to the calendar's `assets-grid-painted` mark (set in the
// frame after the first paint with data) is read with the grid request's own time. Prints the figures and writes
// them to test-results/assets-paint.json; asserts nothing about time.

const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ASSET = 'bench-days';

function seed(database: string) {
  // States vary (failed every 97th day, stale every 13th, missing every 211th) so the answer has thousands of runs.
  const sql = `
.timeout 10000
INSERT OR IGNORE INTO assets (name, partitioning, time_zone, folder, created_at) VALUES ('${ASSET}', 'day', 'UTC', NULL, 0);
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < ${PARTITIONS - 1})
INSERT OR REPLACE INTO asset_partitions (asset, partition_key, state, materialization_id, reason, updated_at)
SELECT '${ASSET}', date('1800-01-01', '+' || i || ' days'),
       CASE WHEN i % 97 = 0 THEN 'failed' WHEN i % 13 = 0 THEN 'stale' WHEN i % 211 = 0 THEN 'missing' ELSE 'materialized' END,
       NULL, NULL, 0
FROM d;
`;
  execFileSync('sqlite3', [database], { input: sql });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

test(`first paint of the calendar of ${PARTITIONS.toLocaleString('en')} partitions`, async ({ page }) => {
  const work = process.env.E2E_WORK;
  if (!work) throw new Error('E2E_WORK is not set: run through playwright.bench.config.ts');
  seed(join(work, 'p.db'));

  const rounds: { paintMs: number; gridRequestMs: number; gridBytes: number }[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    await page.goto(`${baseUrl()}/assets?asset=${ASSET}`);
    await page.waitForFunction(() => performance.getEntriesByName('assets-grid-painted').length > 0, null, { timeout: 60_000 });
    const figures = await page.evaluate(() => {
      const grid = performance.getEntriesByType('resource').find((e) => e.name.includes('/grid')) as PerformanceResourceTiming | undefined;
      return {
        paintMs: performance.getEntriesByName('assets-grid-painted')[0]!.startTime,
        gridRequestMs: grid ? grid.responseEnd - grid.startTime : Number.NaN,
        gridBytes: grid?.encodedBodySize ?? Number.NaN,
      };
    });
    // The first round warms the server's caches and the browser's code cache; it is not counted.
    if (round > 0) rounds.push(figures);
  }
  await screenshot(page, 'assets-100k');

  const summary = {
    partitions: PARTITIONS,
    rounds: rounds.length,
    paintMsMedian: median(rounds.map((r) => r.paintMs)),
    paintMsMax: Math.max(...rounds.map((r) => r.paintMs)),
    gridRequestMsMedian: median(rounds.map((r) => r.gridRequestMs)),
    gridBytes: rounds[0]?.gridBytes,
    each: rounds,
  };
  console.log(`[bench] Assets page, ${PARTITIONS.toLocaleString('en')} partitions: navigation to calendar painted, median ${summary.paintMsMedian.toFixed(0)} ms (max ${summary.paintMsMax.toFixed(0)} ms) over ${rounds.length} loads; grid request median ${summary.gridRequestMsMedian.toFixed(0)} ms, ${summary.gridBytes} bytes`);
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'assets-paint.json'), JSON.stringify(summary, null, 2));
});
