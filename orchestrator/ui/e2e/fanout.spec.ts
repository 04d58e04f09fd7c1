import { expect, test } from '@playwright/test';
import { collectPageErrors, expectRunState, screenshot, triggerFromWorkflowsPage } from './helpers';

// A fan-out of 30 days (e2e-days): the run page shows the partitioned step as one node with its days counted and
// pages them; the one day that failed is found by filter, its log read, and retried alone; the fan-in then runs.
test('a 30-day fan-out on the run page, and its one failed day retried alone', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  await triggerFromWorkflowsPage(page, 'e2e-days');
  await expectRunState(page, 'failed');
  await expect(page.getByTestId('run-step-partitions-per-day')).toContainText('30 days');
  await expect(page.getByTestId('run-step-partitions-per-day')).toContainText('29 succeeded');
  await expect(page.getByTestId('run-step-summary')).toHaveAttribute('data-state', 'upstream-failed');

  await page.getByTestId('run-step-per-day').click();
  const list = page.getByRole('region', { name: 'Partitions of per-day' });
  await expect(list.getByRole('heading')).toContainText('30 partitions');
  await list.getByRole('combobox', { name: 'State' }).selectOption('failed');
  const failed = list.getByTestId('partition-2024-01-15');
  await expect(failed).toBeVisible();
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await failed.getByRole('button', { name: '2024-01-15' }).click();
  await list.getByRole('tab', { name: 'stderr' }).click();
  await expect(list.getByLabel('stderr of per-day.2024-01-15')).toContainText('first try of 2024-01-15: failing on purpose');
  await screenshot(page, 'fan-out-run');

  await failed.getByRole('button', { name: 'Retry' }).click();
  await expectRunState(page, 'succeeded');
  await expect(page.getByTestId('run-step-partitions-per-day')).toContainText('30 succeeded');
  await expect(page.getByTestId('run-step-summary')).toHaveAttribute('data-state', 'succeeded');
  await list.getByRole('combobox', { name: 'State' }).selectOption('');
  await expect(list.locator('tbody tr')).toHaveCount(30);
  await screenshot(page, 'fan-out-retried');
  expect(errors.map((e) => e.message)).toEqual([]);
});

// A backfill paused from the run page starts no day until resumed, then runs the days left; the timeline draws the
// days as one bar.
test('a fan-out paused from the run page waits, and resumed runs the days left', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  await triggerFromWorkflowsPage(page, 'e2e-slow-days');
  const counts = page.getByTestId('run-step-partitions-per-day');
  await expect(counts).toContainText(/\b[1-4] succeeded/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectRunState(page, 'paused');
  // The day running when it was paused may still finish; after that, nothing starts.
  await expect(counts).not.toContainText('running', { timeout: 10_000 });
  const held = await counts.textContent();
  await page.waitForTimeout(3_000);
  await expect(counts).toHaveText(held ?? '');
  await expect(counts).not.toContainText('6 succeeded');
  await screenshot(page, 'fan-out-paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expectRunState(page, 'succeeded');
  await expect(counts).toContainText('6 succeeded');
  await expect(page.getByRole('region', { name: 'Timeline of attempts' }).getByRole('button', { name: /^per-day: 6 partitions, 6 succeeded/ })).toBeVisible();
  expect(errors.map((e) => e.message)).toEqual([]);
});
