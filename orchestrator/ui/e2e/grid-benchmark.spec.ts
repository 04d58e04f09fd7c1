import { loadavg } from 'node:os';
import { expect, request as apiRequest, test } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl } from './helpers';

// A benchmark, not a test: run it alone with PIPELINE_BENCH_GRID=1 (README, "Benchmarks"). It prints figures and
// asserts none of them. Seeds 100 real runs of the 10-step e2e-grid-bench workflow with one backfill (one run a day),
// then times GET /api/workflows/{id}/grid?limit=100 from here, and the grid page in Chromium from navigation to
// the first paint with data (the page's `pipeline:grid-painted` mark).
const RUNS = 100;
const API_REQUESTS = 200;
const PAGE_LOADS = 7;

test.skip(!process.env.PIPELINE_BENCH_GRID, 'a benchmark: set PIPELINE_BENCH_GRID=1 to run it');

test('grid view: 100 runs by 10 steps', async ({ page }) => {
  test.setTimeout(900_000);
  const server = process.env.E2E_SERVER_URL!;
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  const grid = `${server}/api/workflows/e2e-grid-bench/grid?limit=${RUNS}`;
  try {
    const seeding = Date.now();
    const backfill = await api.post(`${server}/api/workflows/e2e-grid-bench/backfill`, { data: { from: '2026-01-01', to: '2026-04-10' } });
    expect(backfill.ok(), await backfill.text()).toBe(true);
    await expect
      .poll(
        async () => {
          const body = (await (await api.get(grid)).json()) as { runs: { state: string }[] };
          return body.runs.length === RUNS && body.runs.every((r) => r.state === 'succeeded' || r.state === 'failed');
        },
        { timeout: 840_000, intervals: [2000] },
      )
      .toBe(true);
    console.log(`[bench] seeded ${RUNS} runs of 10 steps (real step processes) in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

    const timings: number[] = [];
    let bytes = 0;
    for (let i = 0; i < API_REQUESTS + 20; i++) {
      const started = performance.now();
      const response = await api.get(grid);
      const body = await response.body();
      expect(response.ok()).toBe(true);
      if (i >= 20) timings.push(performance.now() - started);
      bytes = body.length;
    }
    console.log(`[bench] GET grid?limit=${RUNS} (${(bytes / 1024).toFixed(0)} KiB, SQLite), ${API_REQUESTS} requests: ${summary(timings)}`);
  } finally {
    await api.dispose();
  }

  const painted: number[] = [];
  const afterData: number[] = [];
  const react: number[] = [];
  for (let i = 0; i < PAGE_LOADS; i++) {
    await page.goto(`${baseUrl()}/workflows/e2e-grid-bench/grid?limit=${RUNS}`);
    await expect(page.locator('.run-grid-cell[data-state]')).toHaveCount(RUNS * 10);
    await page.waitForFunction(() => performance.getEntriesByName('pipeline:grid-painted').length > 0);
    const marks = await page.evaluate(() => {
      const mark = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
      const fetched = performance.getEntriesByType('resource').find((e) => e.name.includes('/grid?')) as PerformanceResourceTiming;
      return {
        painted: mark('pipeline:grid-painted'),
        react: mark('pipeline:grid-rendered') - fetched.responseEnd,
        afterData: mark('pipeline:grid-painted') - fetched.responseEnd,
      };
    });
    // The first load fills the browser's caches; the figures are of the loads after it.
    if (i > 0) {
      painted.push(marks.painted);
      afterData.push(marks.afterData);
      react.push(marks.react);
    }
  }
  console.log(`[bench] grid page, navigation to first paint with ${RUNS * 10} cells, ${PAGE_LOADS - 1} loads: ${summary(painted)}`);
  console.log(`[bench] of which the grid's response to its paint: ${summary(afterData)}; React's render and commit alone: ${summary(react)}`);
  console.log(`[bench] load average while measuring (1, 5, 15 min; 2 cores, shared): ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
});

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}
