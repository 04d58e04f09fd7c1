import { expect, test } from '@playwright/test';
import { baseUrl, collectPageErrors, dragHandle, expectRunState, screenshot, triggerFromWorkflowsPage } from './helpers';

// Scenario (a): build a workflow by drag and drop, publish it, run it, watch it succeed.
test('build a workflow by drag and drop, publish, trigger and watch it succeed', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl()}/workflows`);
  await expect(page.getByRole('link', { name: 'E2E fails once' })).toBeVisible();
  await screenshot(page, 'workflows');

  await page.getByRole('link', { name: 'New workflow' }).click();
  await page.waitForURL(/\/workflows\/new$/);
  await page.getByLabel('Id', { exact: true }).fill('e2e-hello');
  await page.getByLabel('Name', { exact: true }).fill('E2E hello');

  // Palette → canvas, twice: two command steps.
  const canvas = page.getByTestId('designer-canvas');
  await page.getByTestId('palette-command').dragTo(canvas, { targetPosition: { x: 180, y: 80 } });
  const first = page.getByTestId('step-node-command');
  await expect(first).toBeVisible();
  await page.getByLabel('Command', { exact: true }).fill('/bin/echo');
  await page.getByRole('button', { name: 'Add argument' }).click();
  await page.getByLabel('Argument 1', { exact: true }).fill('hello from the first step');

  await page.getByTestId('palette-command').dragTo(canvas, { targetPosition: { x: 420, y: 320 } });
  const second = page.getByTestId('step-node-command-2');
  await expect(second).toBeVisible();
  await page.getByLabel('Command', { exact: true }).fill('/bin/sh');
  await page.getByRole('button', { name: 'Add argument' }).click();
  await page.getByLabel('Argument 1', { exact: true }).fill('-c');
  await page.getByRole('button', { name: 'Add argument' }).click();
  await page.getByLabel('Argument 2', { exact: true }).fill('echo second step of run $PIPELINE_RUN_ID');

  // Connect: first's output handle → second's input handle.
  await dragHandle(page, first.locator('.react-flow__handle-right'), second.locator('.react-flow__handle-left'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await second.click();
  await expect(page.getByRole('checkbox', { name: 'command', exact: true })).toBeChecked();

  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems');
  // Auto-layout puts the second step right of the first (left to right, in dependency order, as on the run page).
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => (await second.boundingBox())!.x - (await first.boundingBox())!.x).toBeGreaterThan(40);
  await screenshot(page, 'designer');

  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse(await page.getByLabel('Workflow definition (JSON)').inputValue());
  expect(json.steps.map((s: { id: string; dependsOn?: string[] }) => [s.id, s.dependsOn ?? []])).toEqual([
    ['command', []],
    ['command-2', ['command']],
  ]);
  await page.getByRole('tab', { name: 'Graph' }).click();

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.waitForURL(/\/workflows\/e2e-hello\/design$/);
  await expect(page.getByText('Published: v1')).toBeVisible();

  const runId = await triggerFromWorkflowsPage(page, 'e2e-hello');
  await expectRunState(page, 'succeeded');
  await expect(page.getByTestId('run-step-command')).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByTestId('run-step-command-2')).toHaveAttribute('data-state', 'succeeded');
  await page.getByRole('button', { name: 'command-2', exact: true }).click();
  await expect(page.getByLabel('stdout of command-2')).toContainText(`second step of run ${runId}`);
  await screenshot(page, 'run-detail');
  expect(errors.map((e) => e.message)).toEqual([]);
});
