import { expect, test } from '@playwright/test';
import { baseUrl, collectPageErrors, screenshot } from './helpers';

// The overview across runs: a workflow's name on the Workflows page opens its page (runs, schedule, failures,
// versions), not the designer; the runs list counts the runs that match and keeps its page in the URL, so a reload
// or the back button returns to the same page.
test('the workflow page from the workflows list, and a runs list page that survives a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);

  await page.goto(`${baseUrl()}/workflows`);
  // A backfill of 30 days gives the list more than one page (25 a page), in one request.
  const status = await page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const response = await fetch('/api/workflows/e2e-echo/backfill', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
      body: JSON.stringify({ from: '2026-01-01', to: '2026-01-30', inputs: {} }),
    });
    return response.status;
  });
  expect(status).toBeLessThan(300);

  await page.getByRole('link', { name: 'E2E echo', exact: true }).click();
  await expect(page).toHaveURL(/\/workflows\/e2e-echo$/);
  await expect(page.getByRole('heading', { level: 1, name: 'E2E echo' })).toBeVisible();
  const recent = page.getByRole('region', { name: 'Recent runs' });
  await expect(recent.getByRole('link', { name: /^All \d+ runs →$/ })).toBeVisible();
  await expect(recent.locator('.badge').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Versions' }).getByText('v1')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Schedule' })).toContainText('No cron trigger');
  // Every time says its zone and shows UTC on hover.
  await expect(recent.locator('time').first()).toHaveAttribute('title', /UTC$/);
  await expect(page.getByRole('link', { name: 'Open in designer' })).toHaveAttribute('href', '/workflows/e2e-echo/design');
  await screenshot(page, 'workflow-page');

  await page.goto(`${baseUrl()}/runs?workflow=e2e-echo`);
  await expect(page.getByText(/^\d+ runs match · 1–25 shown$/)).toBeVisible();
  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(page).toHaveURL(/[?&]pages=/);
  const firstOnPage2 = await page.locator('table tbody tr').first().getByRole('link').first().textContent();
  await expect(page.getByText(/ runs match · 26–\d+ shown$/)).toBeVisible();

  await page.reload();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(page.locator('table tbody tr').first().getByRole('link').first()).toHaveText(firstOnPage2!);
  await screenshot(page, 'runs-list-page-2');

  await page.goBack();
  await expect(page.getByText('Page 1')).toBeVisible();
  await expect(page).not.toHaveURL(/pages=/);
  expect(errors.map((e) => e.message)).toEqual([]);
});
