import { randomBytes } from 'node:crypto';
import { request as apiRequest, expect, test } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, screenshot, signIn } from './helpers';

// Roles end to end: the admin adds a viewer on the Admin page; the viewer reads workflows and runs but is offered
// no trigger, retry or publish, and the server refuses a trigger sent straight from the page; signing out and
// visiting without a session both lead to the sign-in page.

const viewer = { user: 'viewer-e2e', password: randomBytes(12).toString('base64url') };
const nobody = { cookies: [], origins: [] };

test.describe.configure({ mode: 'serial' });

let runId = '';

test('the admin adds a viewer on the Admin page, makes an API key on the account page, and starts a run with a key', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.waitForURL(/\/admin$/);

  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('New user name').fill(viewer.user);
  await form.getByLabel('New user role').selectOption('viewer');
  await form.getByLabel('Initial password').fill(viewer.password);
  await form.getByRole('button', { name: 'Add user' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.getByRole('cell', { name: viewer.user, exact: true })).toBeVisible();
  await expect(users.getByLabel(`Role of ${viewer.user}`)).toHaveValue('viewer');
  await screenshot(page, 'admin');

  // An API key made on the account page: its secret is shown once.
  await page.getByRole('link', { name: /^Account of admin/ }).click();
  await page.getByLabel('Key name').fill('e2e-ci');
  await page.getByLabel('Key role').selectOption('operator');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByRole('region', { name: 'New API key e2e-ci' });
  await expect(secret.getByText('Copy the key now: you will not see it again.')).toBeVisible();
  await expect(secret.getByLabel('Secret of key e2e-ci')).toHaveValue(/^pk_/);
  await expect(page.getByRole('table', { name: 'My API keys' }).getByText('e2e-ci')).toBeVisible();
  await screenshot(page, 'account');
  await secret.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByRole('region', { name: /New API key/ })).toHaveCount(0);

  // A program uses the admin's API key: no cookie, no CSRF token.
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  try {
    const started = await api.post(`${process.env.E2E_SERVER_URL}/api/workflows/e2e-echo/runs`, { data: { inputs: {} } });
    expect(started.status()).toBe(201);
    runId = ((await started.json()) as { id: string }).id;
  } finally {
    await api.dispose();
  }
  expect(errors.map((e) => e.message)).toEqual([]);
});

test.describe('without a session', () => {
  test.use({ storageState: nobody });

  test('the viewer reads workflows and runs, is offered no trigger, retry or publish, and the server refuses one', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl()}/runs`);
    await page.waitForURL(/\/login\?next=%2Fruns$/);
    await expect(page.getByLabel('User name')).toBeFocused();
    await screenshot(page, 'sign-in');

    await page.getByLabel('User name').fill(viewer.user);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(/\/runs$/);
    const header = page.locator('.app-header');
    await expect(header).toContainText(viewer.user);
    await expect(header).toContainText('viewer');
    await expect(header.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: runId })).toBeVisible();

    await page.goto(`${baseUrl()}/workflows`);
    await expect(page.getByRole('link', { name: 'E2E echo' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Trigger / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Backfill / })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'New workflow' })).toHaveCount(0);
    await expect(page.getByText('Starting runs needs the operator role; you are a viewer.')).toBeVisible();

    await page.goto(`${baseUrl()}/runs/${encodeURIComponent(runId)}`);
    await expect(page.getByRole('region', { name: 'Step hello' })).toBeVisible();
    for (const name of ['Retry this step', 'Cancel run', 'Re-run from failure', 'Re-run all']) {
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    }

    await page.goto(`${baseUrl()}/workflows/e2e-echo/design`);
    await expect(page.getByText('Read-only', { exact: true })).toBeVisible();
    await expect(page.getByTestId('step-node-hello')).toBeVisible();
    for (const name of ['Publish', 'Save draft', 'Import']) await expect(page.getByRole('button', { name })).toHaveCount(0);

    // Straight to the API with the page's cookie and CSRF token: the server refuses as well.
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/workflows/e2e-echo/runs', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ inputs: {} }),
      });
      return { status: response.status, problem: (await response.json()) as { detail?: string } };
    });
    expect(refused.status).toBe(403);
    expect(refused.problem.detail).toContain('needs the operator role');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.goto(`${baseUrl()}/workflows`);
    await page.waitForURL(/\/login\?next=%2Fworkflows$/);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  test('an anonymous visit to /runs shows the sign-in page, and a wrong password is refused', async ({ page }) => {
    await page.goto(`${baseUrl()}/runs`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Runs' })).toHaveCount(0);
    await page.getByLabel('User name').fill(viewer.user);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('wrong user name or password');
    await signIn(page, viewer.user, viewer.password, '/login?next=%2Fruns');
    await page.waitForURL(/\/runs$/);
  });
});
