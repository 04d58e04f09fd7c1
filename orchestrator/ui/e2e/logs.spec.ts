import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectPageErrors, expectRunState, screenshot, triggerFromWorkflowsPage } from './helpers';

// A step's JSON log as a person reads it: levels as badges, a level filter, search, a line's fields, the first error,
// the whole log as a download, and only byte ranges asked of the server.
test('read a step log by level, search it, open a line, jump to the first error and download it', async ({ page }) => {
  const errors = collectPageErrors(page);
  const logRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/attempts\/\d+\/logs/.test(request.url())) logRequests.push(request.url());
  });
  await triggerFromWorkflowsPage(page, 'e2e-json-log');
  await expectRunState(page, 'succeeded');

  const step = page.getByRole('region', { name: 'Log of log attempt 1' });
  const log = step.getByRole('log', { name: 'stdout of log' });
  await expect(log.getByTestId('log-line')).toHaveCount(6);
  await expect(log.getByText('WARN', { exact: true })).toBeVisible();
  await expect(log.getByText('ERROR', { exact: true })).toHaveCount(2);
  await expect(log.getByText('plain line from the shell')).toBeVisible();
  // The time carries its zone; the raw JSON is one click away, not in the reader's face.
  await expect(log.locator('time').first()).toHaveText(/\d{2}:02:01.*(GMT|UTC)/);
  await expect(log).not.toContainText('"LogLevel"');

  await step.getByRole('combobox', { name: 'Level' }).selectOption('Warning');
  await expect(log.getByTestId('log-line')).toHaveCount(4);
  await expect(log.getByText('Reading 120 rows')).toHaveCount(0);
  await screenshot(page, 'log-view-level-filter');

  const warning = log.getByTestId('log-line').filter({ hasText: 'Skipped 3 rows' });
  await warning.getByRole('button', { name: 'Show fields' }).click();
  await expect(warning.locator('.log-fields')).toContainText('E2E.Logger');
  await expect(warning.locator('.log-fields')).toContainText('"TraceId": "e2e-trace"');

  await step.getByRole('button', { name: /Jump to first error/ }).click();
  await expect(log.locator('[aria-current="true"]')).toContainText('Could not write day 2024-01-15');

  await step.getByRole('searchbox', { name: 'Search the log' }).fill('day 2024');
  await expect(log.getByTestId('log-line')).toHaveCount(2);
  await expect(log.locator('mark').first()).toHaveText('day 2024');

  const download = page.waitForEvent('download');
  await step.getByRole('link', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-log-attempt-1\.stdout\.log$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.trimEnd().split('\n')).toHaveLength(6);
  expect(text).toContain('"LogLevel":"Warning"');

  // Every read of the log was a page by byte range (or the download), never the whole file.
  expect(logRequests.length).toBeGreaterThan(0);
  for (const url of logRequests) expect(url).toMatch(/[?&](limit=\d+|download=true)/);
  expect(errors.map((e) => e.message)).toEqual([]);
});
