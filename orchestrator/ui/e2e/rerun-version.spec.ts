import { expect, request as apiRequest, test } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, expectRunState, screenshot } from './helpers';

/** prepare writes a file; fit fails (exit 1) in version 1 and reads the file in version 2, the fix. */
function definition(fit: string) {
  return {
    id: 'e2e-rerun-version',
    name: 'E2E re-run on the fixed version',
    description: 'Version 1 fails at fit; version 2 fixes it.',
    triggers: [{ type: 'manual' }],
    steps: [
      { id: 'prepare', command: '/bin/sh', args: ['-c', 'echo prepared > "$1/out.txt"', 'sh', '${{ step.output }}'], retry: { retries: 0 } },
      { id: 'fit', command: '/bin/sh', dependsOn: ['prepare'], args: ['-c', fit, 'sh', '${{ steps.prepare.output }}'], retry: { retries: 0 } },
    ],
  };
}

// A workflow published through the API fails at fit; version 2 with the fix is published; the run page's
// confirmation offers both versions, and re-running from failure on the latest keeps prepare's output.
test('re-run a failed run from failure on the latest published version', async ({ page }) => {
  const errors = collectPageErrors(page);
  const server = process.env.E2E_SERVER_URL;
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  let runId: string;
  try {
    expect((await api.post(`${server}/api/workflows`, { data: definition('echo "fit: broken" >&2; exit 1') })).status()).toBe(201);
    expect((await api.post(`${server}/api/workflows/e2e-rerun-version/publish`)).ok()).toBe(true);
    const started = await api.post(`${server}/api/workflows/e2e-rerun-version/runs?wait=true`, { data: {} });
    const run = (await started.json()) as { id: string; state: string; workflowVersion: number };
    expect([run.state, run.workflowVersion]).toEqual(['failed', 1]);
    runId = run.id;

    expect((await api.put(`${server}/api/workflows/e2e-rerun-version`, { data: definition('echo "fit read: $(cat "$1/out.txt")"') })).ok()).toBe(true);
    const published = (await (await api.post(`${server}/api/workflows/e2e-rerun-version/publish`)).json()) as { version: number };
    expect(published.version).toBe(2);
  } finally {
    await api.dispose();
  }

  await page.goto(`${baseUrl()}/runs/${encodeURIComponent(runId)}`);
  await expectRunState(page, 'failed');
  // The run opens on its failed step.
  await expect(page.getByRole('region', { name: 'Step fit' })).toBeVisible();

  await page.getByRole('button', { name: 'Re-run from failure' }).click();
  const dialog = page.getByRole('dialog', { name: 'Re-run from failure' });
  await expect(dialog.getByLabel("On this run's version, v1")).toBeVisible();
  await expect(dialog.getByLabel('On the latest published version, v2')).toBeChecked();
  const effects = dialog.getByRole('list', { name: 'What will happen' });
  await expect(effects).toContainText('Runs again on v2: fit (1 step).');
  await expect(effects).toContainText('Keeps the outputs of: prepare.');
  await screenshot(page, 'rerun-choice');

  await dialog.getByRole('button', { name: 'Re-run from failure on v2' }).click();
  await expect(dialog).toBeHidden();
  await expectRunState(page, 'succeeded');
  const header = page.getByRole('region', { name: 'Run' });
  await expect(header).toContainText('v2 (re-run on v2; earlier attempts ran v1)');
  await expect(page.getByTestId('run-step-fit')).toHaveAttribute('data-state', 'succeeded');
  const attempts = page.getByRole('region', { name: 'Step fit' }).getByRole('table', { name: 'Attempts' });
  await expect(attempts.getByRole('row')).toHaveCount(3);
  await expect(attempts.getByRole('row').nth(1)).toContainText('v1');
  await expect(attempts.getByRole('row').nth(2)).toContainText('v2');
  await expect(page.getByRole('button', { name: /prepare attempt 1: succeeded/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /prepare attempt 2/ })).toHaveCount(0);

  expect(errors.map((e) => e.message)).toEqual([]);
});
