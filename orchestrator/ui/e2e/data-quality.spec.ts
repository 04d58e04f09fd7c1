import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, expectRunState, screenshot } from './helpers';

// The manifest's data-quality view with the real steps: the shipped sensor-prediction workflow (Chunker,
// FeatureCreator, ClusterTrain --only-new-family, ClusterPredict) published under its own id, run twice. The first
// run on the bundled Beijing sample trains model version 1; the second, on the same sensor with every temperature
// 15 °C higher, makes the FeatureCreator report TEMP features drifted against the first, skips training (the family
// fits) and predicts with version 1. No connection string is set, so ClusterPredict skips its database write.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const WORKFLOW = 'e2e-quality';

function work(): string {
  const folder = process.env.E2E_WORK;
  if (!folder) throw new Error('E2E_WORK is not set: run through playwright.config.ts');
  return folder;
}

/** sensor-prediction under another id, started by hand only (its dataset trigger would catch other specs' uploads). */
function qualityWorkflow() {
  const definition = JSON.parse(readFileSync(join(repoRoot, 'workflows/sensor-prediction.json'), 'utf8')) as Record<string, unknown>;
  return { ...definition, $schema: undefined, id: WORKFLOW, name: 'E2E data quality', triggers: [{ type: 'manual' }] };
}

/** One sample file with 15 added to every TEMP reading: the same sensor on a much warmer month. */
function writeWarmerSample(): string {
  const lines = readFileSync(join(repoRoot, 'samples/beijing-air-quality/PRSA_Data_Aotizhongxin_201303.csv'), 'utf8').split(/\r?\n/);
  // The header's names are quoted ("TEMP"); the readings are not, and no reading holds a comma.
  const temp = lines[0]!.split(',').map((name) => name.replace(/"/g, '')).indexOf('TEMP');
  expect(temp).toBeGreaterThan(0);
  const warmer = lines.slice(1).filter(Boolean).map((line) => {
    const cells = line.split(',');
    const value = Number(cells[temp]);
    if (cells[temp] !== 'NA' && cells[temp] !== '' && Number.isFinite(value)) cells[temp] = String(value + 15);
    return cells.join(',');
  });
  const folder = join(work(), 'quality-warmer');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'warmer.csv'), `${[lines[0], ...warmer].join('\n')}\n`);
  return folder;
}

async function api(request: APIRequestContext, method: 'GET' | 'POST', path: string, data?: unknown) {
  const response = await request.fetch(`${process.env.E2E_SERVER_URL}${path}`, { method, data, headers: { 'X-Api-Key': e2eAdmin().apiKey } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function runState(request: APIRequestContext, id: string): Promise<string> {
  const detail = await api(request, 'GET', `/api/runs/${encodeURIComponent(id)}`);
  return String((detail.run as Record<string, unknown>).state);
}

/** Starts a run of the workflow with the API and waits until it has ended; returns its id. */
async function runToEnd(request: APIRequestContext, inputs: Record<string, string>): Promise<string> {
  const run = await api(request, 'POST', `/api/workflows/${WORKFLOW}/runs`, { inputs });
  const id = String(run.id);
  await expect.poll(() => runState(request, id), { timeout: 120_000, intervals: [1000] }).toMatch(/succeeded|failed|cancelled/);
  return id;
}

test('read drift, missing values, outliers, the cluster mix and a skipped database write in a run manifest', async ({ page, request }) => {
  test.setTimeout(300_000);
  const errors = collectPageErrors(page);
  const registry = join(work(), 'quality-registry');
  await api(request, 'POST', '/api/workflows?publish=true', qualityWorkflow());

  const first = await runToEnd(request, { registry });
  expect(await runState(request, first)).toBe('succeeded');
  const second = await runToEnd(request, { registry, source: writeWarmerSample() });

  await page.goto(`${baseUrl()}/runs/${encodeURIComponent(second)}`);
  await expectRunState(page, 'succeeded');

  // The FeatureCreator: the warmer month's TEMP features drifted, listed first and highlighted.
  await page.getByTestId('run-step-features').click();
  const features = page.getByRole('region', { name: 'Step features' });
  await features.getByRole('tab', { name: 'Manifest' }).click();
  const drift = features.getByRole('table', { name: /^Drift: \d+ of \d+ features drifted$/ });
  await expect(drift).toBeVisible();
  const firstRows = drift.locator('tbody tr');
  await expect(firstRows.first()).toHaveClass(/drifted/);
  await expect(firstRows.first()).toContainText(/^TEMP_/);
  await expect(firstRows.first()).toContainText('|z| ≥ 3');
  await expect(firstRows.first()).toContainText('1 run of 10');
  const columns = features.getByRole('table', { name: 'Missing values and outliers per column' });
  await expect(columns.getByRole('row', { name: /^CO \d+ 0 \d+\.\d\d% / })).toBeVisible();
  await features.getByText(/^Everything else/).click();
  await expect(features.locator('pre.json')).not.toContainText('"drift"');
  await expect(features.locator('pre.json')).not.toContainText('"nonFinite"');
  await drift.scrollIntoViewIfNeeded();
  await screenshot(page, 'manifest-data-quality');

  // ClusterPredict: the model version it used, its cluster mix against training's, and the database write it skipped.
  await page.getByTestId('run-step-predict').click();
  const predict = page.getByRole('region', { name: 'Step predict' });
  await predict.getByRole('tab', { name: 'Manifest' }).click();
  await expect(predict.getByRole('note', { name: 'Skipped work' })).toContainText('Skipped: Database write (table cluster_predictions) — no connection string configured');
  await expect(predict.getByRole('link', { name: 'Model version 1 on the Models page' })).toHaveAttribute('href', '/models');
  const mix = predict.getByRole('table', { name: 'Cluster mix: prediction against training of version 1' });
  await expect(mix.locator('tbody tr')).toHaveCount(4);
  // The manifest from its top: the warning, the model and the cluster mix in one view.
  await predict.getByRole('tab', { name: 'Manifest' }).evaluate((tab) => tab.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -60));
  await screenshot(page, 'manifest-prediction-quality');

  // Training had nothing to do on the second run: the family fits, and the page says so.
  await page.getByTestId('run-step-train').click();
  const train = page.getByRole('region', { name: 'Step train' });
  await train.getByRole('tab', { name: 'Manifest' }).click();
  await expect(train.getByRole('note', { name: 'Skipped work' })).toContainText("Skipped: the step's work — model family");
  expect(errors.map((e) => e.message)).toEqual([]);
});
