import { defineConfig } from '@playwright/test';
import { ADMIN_STATE } from './auth';

// Drives Debian's Chromium (browsers cannot be downloaded here) against the real workflow server, which
// globalSetup starts on a free loopback port with a fresh database, data root and workflows folder.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './globalSetup.ts',
  outputDir: '../test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Signed in as the server's first admin (globalSetup signs in through the sign-in page and saves the session);
    // a spec that needs someone else, or nobody, sets its own storageState.
    storageState: ADMIN_STATE,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
