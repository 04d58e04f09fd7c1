import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { baseUrl, collectPageErrors, expectRunState, screenshot } from './helpers';

// Datasets end to end: the admin uploads the first 200 lines of a bundled Beijing sensor file through the Datasets
// page; the dataset's page shows its rows and the schema the Chunker detects, and the run its arrival started (the
// e2e-dataset workflow's trigger matches e2e-air-*.csv). The same file again is refused with a link to the first.

const sample = resolve(dirname(fileURLToPath(import.meta.url)), '../../../samples/beijing-air-quality/PRSA_Data_Aotizhongxin_201303.csv');

/** The header and the first 199 readings (hourly, from 2013-03-01 00:00), lines as in the original (CRLF). */
function writeSlice(): string {
  const work = process.env.E2E_WORK;
  if (!work) throw new Error('E2E_WORK is not set: run through playwright.config.ts');
  const lines = readFileSync(sample, 'utf8').split('\n').slice(0, 200);
  const file = join(work, 'e2e-air-aotizhongxin.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('upload a sensor CSV, read its rows and schema and the run it started, and be pointed to it on a second upload', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectPageErrors(page);
  const file = writeSlice();

  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
  await page.waitForURL(/\/datasets$/);

  const form = page.getByRole('form', { name: 'Upload a dataset' });
  await form.getByLabel('CSV file').setInputFiles(file);
  await form.getByLabel('Time zone (optional)').fill('Asia/Shanghai');
  await expect(form.getByRole('checkbox', { name: 'Start dataset-triggered workflows' })).toBeChecked();
  await form.getByRole('button', { name: 'Upload' }).click();

  await page.waitForURL(/\/datasets\/[^/]+$/);
  const datasetUrl = page.url();
  await expect(page.getByRole('heading', { name: 'e2e-air-aotizhongxin.csv' })).toBeVisible();
  await expect(page.getByText(/Dataset received: 199 rows; its arrival started 1 of 1 dataset-triggered workflows/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Path on the server' })).toHaveValue(/e2e-air-aotizhongxin\.csv$/);
  await expect(page.getByText('2013-03-01 – 2013-03-09')).toBeVisible();

  const schema = page.getByRole('table', { name: 'Schema' });
  const sensor = schema.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Sensor column' }) });
  await expect(sensor).toContainText('station');
  await expect(sensor).toContainText('detected');
  await expect(schema.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Timestamp from columns' }) })).toContainText('year, month, day, hour');
  await expect(schema.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Time zone' }) })).toContainText('Asia/Shanghai');
  await expect(schema.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Value columns' }) })).toContainText('PM2.5');
  await screenshot(page, 'dataset');

  // The run the dataset trigger started, with the dataset's file as its input.
  const runs = page.getByRole('table', { name: 'Runs it started' });
  await expect(runs.getByRole('row')).toHaveCount(2);
  await expect(runs).toContainText('e2e-dataset');
  await runs.getByRole('link').click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await expectRunState(page, 'succeeded');

  // The list shows it; the same content again is refused, pointing to the dataset that has it.
  await page.goto(`${baseUrl()}/datasets`);
  const row = page.getByRole('table', { name: 'Datasets' }).getByRole('row').filter({ has: page.getByRole('link', { name: 'e2e-air-aotizhongxin.csv' }) });
  await expect(row).toContainText('199');
  await expect(row).toContainText('by admin');
  await form.getByLabel('CSV file').setInputFiles(file);
  await form.getByLabel('Name (optional)').fill('e2e-air-again.csv');
  await form.getByRole('button', { name: 'Upload' }).click();
  const refusal = form.getByRole('alert');
  await expect(refusal).toContainText('Uploading the dataset failed: this content was received before');
  await screenshot(page, 'dataset-duplicate');
  await refusal.getByRole('link', { name: 'Open the existing dataset' }).click();
  await expect(page).toHaveURL(datasetUrl);
  await expect(page.getByRole('heading', { name: 'e2e-air-aotizhongxin.csv' })).toBeVisible();

  expect(errors.map((e) => e.message)).toEqual([]);
});
