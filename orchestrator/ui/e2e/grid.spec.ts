import { expect, request as apiRequest, test } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, screenshot } from './helpers';

// The grid view: three real runs of e2e-grid (the second failing at check) as columns, then a click on the failed
// cell lands on that run's page with the check step open.
test('the grid shows each run by step, and a failed cell opens the run at that step', async ({ page }) => {
  const errors = collectPageErrors(page);
  const server = process.env.E2E_SERVER_URL;
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  const runs: string[] = [];
  try {
    for (const fail of ['no', 'yes', 'no']) {
      // wait=true answers when the run has ended, so the runs are in order and done before the page is read.
      const started = await api.post(`${server}/api/workflows/e2e-grid/runs?wait=true`, { data: { inputs: { fail } } });
      expect(started.ok()).toBe(true);
      const run = (await started.json()) as { id: string; state: string };
      expect(run.state).toBe(fail === 'yes' ? 'failed' : 'succeeded');
      runs.push(run.id);
    }
  } finally {
    await api.dispose();
  }
  const [first, failed, last] = runs as [string, string, string];

  // Reached from the workflows list.
  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('link', { name: 'Grid of e2e-grid', exact: true }).click();
  await page.waitForURL(/\/workflows\/e2e-grid\/grid$/);
  const grid = page.getByRole('grid', { name: 'Runs of e2e-grid by step' });
  await expect(grid).toBeVisible();

  await expect(grid.getByRole('rowheader')).toHaveText(['load', 'check', 'report']);
  // Oldest on the left, newest on the right.
  await expect(grid.locator('[data-run]')).toHaveCount(3);
  expect(await grid.locator('[data-run]').evaluateAll((els) => els.map((e) => e.getAttribute('data-run')))).toEqual([first, failed, last]);
  await expect(grid.getByRole('gridcell', { name: `check in run ${first}: succeeded` })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: `report in run ${failed}: upstream-failed` })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: `load in run ${last}: succeeded` })).toBeVisible();
  const failedCell = grid.getByRole('gridcell', { name: `check in run ${failed}: failed` });
  await expect(failedCell).toHaveAttribute('title', new RegExp(`^check in run ${failed}: failed\n1 attempt, `));
  // The failed colour, as the state badges have it.
  expect(await failedCell.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(192, 57, 43)');
  await screenshot(page, 'grid');

  await failedCell.click();
  await page.waitForURL(new RegExp(`/runs/${failed}\\?step=check$`));
  const step = page.getByRole('region', { name: 'Step check' });
  await expect(step).toBeVisible();
  await step.getByRole('tab', { name: 'stderr' }).click();
  await expect(step.getByLabel('stderr of check')).toContainText('failing on purpose');

  expect(errors.map((e) => e.message)).toEqual([]);
});
