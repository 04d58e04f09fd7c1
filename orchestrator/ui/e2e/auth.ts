import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type LaunchOptions } from '@playwright/test';
import { signIn } from './helpers';

// The server's first admin (created at start-up from Auth__Admin__*) and the browser state of their session, which
// every spec starts from (playwright.config.ts `storageState`) unless it signs in as someone else.

/** The admin's session cookies, written by globalSetup; test-results/ is git-ignored. */
export const ADMIN_STATE = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/.auth/admin.json');

/** A fresh admin for one test server: name, password and API key (for what globalSetup and specs ask the API). */
export function newAdmin() {
  return { user: 'admin', password: randomBytes(18).toString('base64url'), apiKey: `pk_${randomBytes(24).toString('hex')}` };
}

/** The admin of the running test server, from the environment globalSetup set. */
export function e2eAdmin() {
  const { E2E_ADMIN_USER: user, E2E_ADMIN_PASSWORD: password, E2E_ADMIN_KEY: apiKey } = process.env;
  if (!user || !password || !apiKey) throw new Error('E2E_ADMIN_* are not set: run through playwright.config.ts, whose globalSetup starts the server');
  return { user, password, apiKey };
}

/** Signs in through the sign-in page in a browser of its own and saves the session for the specs. */
export async function saveSignedInState(baseUrl: string, user: string, password: string, launchOptions: LaunchOptions, file: string) {
  const browser = await chromium.launch(launchOptions);
  try {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    await signIn(page, user, password);
    mkdirSync(dirname(file), { recursive: true });
    await context.storageState({ path: file });
  } finally {
    await browser.close();
  }
}
