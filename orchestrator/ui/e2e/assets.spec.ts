import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, request as apiRequest, test, type Page } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, expectRunState, screenshot } from './helpers';

// Assets end to end: the real Chunker and FeatureCreator (e2e-assets, sensor-continuous's first two steps) merge
// nine days of a bundled Beijing file into the readings asset and make their features; the Assets page lists both
// assets, draws their days, and a clicked day shows its lineage, its first Parquet rows and its history.

const sample = resolve(dirname(fileURLToPath(import.meta.url)), '../../../samples/beijing-air-quality/PRSA_Data_Aotizhongxin_201303.csv');
// The calendar's geometry (src/assets/calendarLayout.ts): a 64 px label column, then 14 px per day of the month.
const LABEL_WIDTH = 64;
const CELL = 14;

/** The header and the first 199 readings (hourly, from 2013-03-01 00:00). */
function writeSlice(): string {
  const work = process.env.E2E_WORK;
  if (!work) throw new Error('E2E_WORK is not set: run through playwright.config.ts');
  const file = join(work, 'assets-aotizhongxin.csv');
  writeFileSync(file, `${readFileSync(sample, 'utf8').split('\n').slice(0, 200).join('\n')}\n`);
  return file;
}

/** Clicks the given date of the calendar's first month row. */
async function clickDate(page: Page, date: number) {
  const box = (await page.getByTestId('partition-calendar').boundingBox())!;
  await page.mouse.click(box.x + LABEL_WIDTH + (date - 1) * CELL + CELL / 2, box.y + CELL / 2);
}

test('materialized days of real steps on the calendar, and a day opened with its lineage, rows and history', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectPageErrors(page);
  const api = await apiRequest.newContext({ baseURL: process.env.E2E_SERVER_URL, extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  const started = await api.post('/api/workflows/e2e-assets/runs', { data: { inputs: { source: writeSlice(), registry: `${process.env.E2E_WORK}/registry` } } });
  expect(started.status(), await started.text()).toBe(201);
  const runId = ((await started.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await api.get(`/api/runs/${runId}`)).json()) as { run: { state: string } }).run.state, { timeout: 120_000, intervals: [1000] })
    .toBe('succeeded');
  const grid = (await (await api.get('/api/assets/features/grid')).json()) as { counts: Record<string, number>; starts: string[] };
  expect(grid.counts.materialized).toBeGreaterThan(5);
  expect(grid.starts[0]).toBe('2013-03-01');

  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
  await page.waitForURL(/\/assets$/);
  const table = page.getByRole('table').first();
  await expect(table.getByRole('button', { name: 'readings' })).toBeVisible();
  await table.getByRole('button', { name: 'features' }).click();
  await expect(page.getByTestId('count-materialized')).toHaveText(String(grid.counts.materialized));
  await expect(page.getByTestId('asset-graph')).toContainText('e2e-assets / features');
  await expect(page.getByTestId('partition-calendar')).toHaveAttribute('data-first-month', '2013-03');
  await screenshot(page, 'assets');

  await clickDate(page, 2);
  const panel = page.getByRole('complementary', { name: 'Partition 2013-03-02 of features' });
  await expect(panel.getByRole('region', { name: 'Made by' }).getByRole('link', { name: `run ${runId}, step features, attempt 1` })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Made from' }).getByRole('link', { name: 'readings · 2013-03-02' })).toBeVisible();
  const preview = panel.getByRole('region', { name: 'Data preview' });
  await expect(preview.getByRole('table')).toBeVisible();
  await expect(preview.getByRole('columnheader').first()).toBeVisible();
  expect(await preview.getByRole('row').count()).toBeGreaterThan(1);
  await expect(panel.getByRole('region', { name: 'History' }).getByRole('row')).toHaveCount(2);
  await screenshot(page, 'assets-partition');

  // Lineage links lead to the partition it was made from, with the Chunker's Parquet rows.
  await panel.getByRole('region', { name: 'Made from' }).getByRole('link', { name: 'readings · 2013-03-02' }).click();
  const readings = page.getByRole('complementary', { name: 'Partition 2013-03-02 of readings' });
  await expect(readings.getByRole('region', { name: 'Made into' }).getByRole('link', { name: 'features · 2013-03-02' })).toBeVisible();
  await expect(readings.getByRole('region', { name: 'Data preview' }).getByRole('columnheader', { name: 'PM2.5' })).toBeVisible();
  await screenshot(page, 'assets-readings-partition');

  // Back on features: shift-click selects a range, which the admin materializes.
  await table.getByRole('button', { name: 'features' }).click();
  await expect(page.getByTestId('partition-calendar')).toHaveAttribute('data-first-month', '2013-03');
  await clickDate(page, 3);
  await page.keyboard.down('Shift');
  await clickDate(page, 5);
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('selection-summary')).toHaveText('Selected 3 days, 2013-03-03 to 2013-03-05');
  await expect(page.getByRole('button', { name: 'Materialize 3 partitions' })).toBeEnabled();

  // A backfill from the page: one run of the shipped features-backfill fanning out over the three days.
  await page.getByRole('button', { name: 'Materialize 3 partitions' }).click();
  await page.waitForURL(/\/runs\/[^/?]+/);
  await expectRunState(page, 'succeeded', 90_000);
  await expect(page.getByTestId('run-step-partitions-features')).toContainText('3 days');
  await expect(page.getByTestId('run-step-partitions-features')).toContainText('3 succeeded');
  await screenshot(page, 'assets-backfill-run');
  await api.dispose();
  expect(errors.map((e) => e.message)).toEqual([]);
});
