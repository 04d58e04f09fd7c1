import { expect, test } from '@playwright/test';
import { baseUrl, collectPageErrors, expectRunState, screenshot } from './helpers';

// The shipped sensor-training workflow with the real steps on the bundled sample, started from the UI: the run page
// shows the FeatureCreator's manifest, and the Models page the version it registered with its cluster chart.
test('train a model from the UI, read a step manifest, and see the version and its clusters', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectPageErrors(page);
  const registry = `${process.env.E2E_WORK}/registry`;

  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('button', { name: 'Trigger sensor-training' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trigger sensor-training' });
  await dialog.getByLabel(/^registry/).fill(registry);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  await expectRunState(page, 'succeeded', 150_000);

  await page.getByTestId('run-step-features').click();
  const step = page.getByRole('region', { name: 'Step features' });
  await step.getByRole('tab', { name: 'Manifest' }).click();
  await expect(step.getByText('feature-creator').first()).toBeVisible();
  await expect(step.getByText(/shapes/i).first()).toBeVisible();
  await screenshot(page, 'run-manifest');

  await page.goto(`${baseUrl()}/models`);
  await expect(page.getByRole('tab', { name: /sensor-clusters/ })).toBeVisible();
  await expect(page.getByText('production').first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Clusters of version 1/ })).toBeVisible();
  // The version the trainer made production says so above the table and in the production history.
  await expect(page.getByText(/^In production:/)).toContainText('version 1');
  await expect(page.getByRole('region', { name: 'Production history' }).getByRole('row').nth(1)).toContainText('the trainer');
  await screenshot(page, 'models');
  expect(errors.map((e) => e.message)).toEqual([]);
});
