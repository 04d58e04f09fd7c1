import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through playwright.config.ts, whose globalSetup starts the server');
  return url;
};

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');

/** Saves the page as it looks at 1280×800 for people to look at (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: resolve(screenshots, `${name}.png`) });
}

/**
 * Signs in through the sign-in page (the app returns to where it was going, /workflows by default) and waits until
 * the header shows the user.
 */
export async function signIn(page: Page, user: string, password: string, path = '/login') {
  await page.goto(`${baseUrl()}${path}`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Waits for the run page's header badge to show a state (the page polls every 2 s). */
export async function expectRunState(page: Page, state: string, timeout = 60_000) {
  await expect(page.getByRole('region', { name: 'Run' }).locator('.badge').first()).toHaveText(state, { timeout });
}

/** Starts a run from the Workflows page's trigger form and waits for the run page. */
export async function triggerFromWorkflowsPage(page: Page, workflowId: string) {
  await page.goto(`${baseUrl()}/workflows`);
  await page.getByRole('button', { name: `Trigger ${workflowId}` }).click();
  const dialog = page.getByRole('dialog', { name: `Trigger ${workflowId}` });
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  return decodeURIComponent(page.url().split('/runs/')[1]!);
}

/**
 * Drags from one handle to another with the mouse, in small steps, the way React Flow's connection line
 * follows a person's pointer.
 */
export async function dragHandle(page: Page, from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

/**
 * Collects uncaught errors of the page and anything the server's Content-Security-Policy blocked, so a test fails
 * on a crash or a refused script or style even when its last check would pass.
 */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(new Error(message.text()));
  });
  return errors;
}
