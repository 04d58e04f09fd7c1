import { expect, test } from '@playwright/test';
import { baseUrl, collectPageErrors, expectRunState, screenshot, triggerFromWorkflowsPage } from './helpers';

// Scenario (b): a command step fails the first time; the run fails; retrying the step from the UI finishes it.
test('retry a failed step from the run page and watch the run succeed', async ({ page }) => {
  const errors = collectPageErrors(page);
  await triggerFromWorkflowsPage(page, 'e2e-flaky');
  await expectRunState(page, 'failed');
  await expect(page.getByTestId('run-step-flaky')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('run-step-after')).toHaveAttribute('data-state', 'upstream-failed');

  // The page opens on the failed step: its stderr says why.
  const step = page.getByRole('region', { name: 'Step flaky' });
  await step.getByRole('tab', { name: 'stderr' }).click();
  await expect(step.getByLabel('stderr of flaky')).toContainText('first attempt: failing on purpose');

  await step.getByRole('button', { name: 'Retry this step' }).click();
  // A confirmation says what runs again; the workflow has one version, so it offers that one.
  const confirm = page.getByRole('dialog', { name: 'Retry step flaky' });
  await expect(confirm.getByRole('list', { name: 'What will happen' })).toContainText('Runs again on v1: flaky, after (2 steps).');
  await confirm.getByRole('button', { name: 'Retry step on v1' }).click();
  await expectRunState(page, 'succeeded');
  await expect(page.getByTestId('run-step-flaky')).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByTestId('run-step-after')).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByRole('button', { name: /flaky attempt 2: succeeded/ })).toBeVisible();
  await screenshot(page, 'run-retried');

  await page.goto(`${baseUrl()}/runs?workflow=e2e-flaky`);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody .badge').first()).toHaveText('succeeded');
  await screenshot(page, 'runs');

  expect(errors.map((e) => e.message)).toEqual([]);
});
