import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, request as apiRequest, test } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, screenshot } from './helpers';

// Opening the page of a run whose partitioned step fanned out over 1,000 days, in Chromium: one real run of e2e-days
// (a shell step per day, four at a time, then a fan-in) over 2021-01-01..2023-09-27, then the run page is loaded
// ROUNDS times and the time from navigation to the frame where the step's node shows its 1,000 days counted is read,
// with GET /api/runs/{id}'s own time; then the partition list's first page (a click on the node). Prints the figures
// and writes them to test-results/run-fanout.json; asserts nothing about time.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DAYS = '2021-01-01..2023-09-27';
const PARTITIONS = 1000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

test(`opening a run with a ${PARTITIONS.toLocaleString('en')}-partition fan-out`, async ({ page }) => {
  const server = baseUrl();
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  const started = Date.now();
  const created = await api.post(`${server}/api/workflows/e2e-days/runs`, { data: { inputs: { days: DAYS } } });
  expect(created.ok(), await created.text()).toBe(true);
  const runId = ((await created.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await api.get(`${server}/api/runs/${runId}`)).json()) as { run: { state: string } }).run.state, { timeout: 280_000, intervals: [2000] })
    .toBe('succeeded');
  console.log(`[bench] ran ${PARTITIONS} partitions (real step processes, four at a time) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const rounds: { openMs: number; runRequestMs: number; runBytes: number; listMs: number }[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    await page.goto(`${server}/runs/${runId}`);
    const openMs = await page.waitForFunction(
      (total) => (document.querySelector('[data-testid="run-step-partitions-per-day"]')?.textContent?.includes(`${total} days`) ? performance.now() : 0),
      PARTITIONS,
      { timeout: 60_000, polling: 'raf' },
    );
    const opened = (await openMs.jsonValue()) as number;
    const clicked = await page.evaluate(() => performance.now());
    await page.getByTestId('run-step-per-day').click();
    const listed = await page.waitForFunction(() => (document.querySelector('[data-testid="partition-2021-01-01"]') ? performance.now() : 0), null, { timeout: 60_000, polling: 'raf' });
    const listMs = ((await listed.jsonValue()) as number) - clicked;
    const request = await page.evaluate(() => {
      const run = performance.getEntriesByType('resource').find((e) => /\/api\/runs\/[^/]+$/.test(new URL(e.name).pathname)) as PerformanceResourceTiming | undefined;
      return { ms: run ? run.responseEnd - run.startTime : Number.NaN, bytes: run?.encodedBodySize ?? Number.NaN };
    });
    // The first round warms the server's caches and the browser's code cache; it is not counted.
    if (round > 0) rounds.push({ openMs: opened, runRequestMs: request.ms, runBytes: request.bytes, listMs });
  }
  await screenshot(page, 'run-fanout-1000');

  const summary = {
    partitions: PARTITIONS,
    rounds: rounds.length,
    openMsMedian: median(rounds.map((r) => r.openMs)),
    openMsMax: Math.max(...rounds.map((r) => r.openMs)),
    runRequestMsMedian: median(rounds.map((r) => r.runRequestMs)),
    runBytes: rounds[0]?.runBytes,
    listMsMedian: median(rounds.map((r) => r.listMs)),
    each: rounds,
  };
  console.log(
    `[bench] run page of a ${PARTITIONS.toLocaleString('en')}-partition fan-out: navigation to the node's counts painted, median ${summary.openMsMedian.toFixed(0)} ms (max ${summary.openMsMax.toFixed(0)} ms) over ${rounds.length} loads; GET /api/runs/{id} median ${summary.runRequestMsMedian.toFixed(0)} ms, ${summary.runBytes} bytes; partition list's first page after the click, median ${summary.listMsMedian.toFixed(0)} ms`,
  );
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'run-fanout.json'), JSON.stringify(summary, null, 2));
});
