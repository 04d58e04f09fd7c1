import { expect, request as apiRequest, test, type Locator, type Page } from '@playwright/test';
import { e2eAdmin } from './auth';
import { baseUrl, collectPageErrors, dragHandle, screenshot } from './helpers';

// The designer refuses what would only fail at run time, and the canvas keeps steps where the user puts them.

async function newWorkflow(page: Page, id: string) {
  await page.goto(`${baseUrl()}/workflows/new`);
  await page.getByLabel('Id', { exact: true }).fill(id);
  await page.getByLabel('Name', { exact: true }).fill(id);
  return page.getByTestId('designer-canvas');
}

/** Whether the whole box of `inner` lies inside `outer` on screen. */
async function within(inner: Locator, outer: Locator) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

test('a cluster-predict step without --registry is a problem on the node, the field and the bar, and is not published', async ({ page }) => {
  const errors = collectPageErrors(page);
  const canvas = await newWorkflow(page, 'e2e-predict');

  // The first step lands where it is released, not in the middle of the canvas.
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-cluster-predict').dragTo(canvas, { targetPosition: { x: 200, y: 140 } });
  const node = page.getByTestId('step-node-cluster-predict');
  await expect(node).toBeVisible();
  const placed = (await node.boundingBox())!;
  // Held by its middle as the designer drops it: 220 × 72 at zoom 1, its top-left 110 left and 36 above the pointer.
  expect(Math.abs(placed.x - (box.x + 200 - 110))).toBeLessThan(12);
  expect(Math.abs(placed.y - (box.y + 140 - 36))).toBeLessThan(12);

  // The server's palette starts the step with an empty --input value: a problem until it is filled.
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('button', { name: 'Step cluster-predict · args[1]' })).toBeVisible();
  await page.getByLabel('Argument 2', { exact: true }).fill('${{ dataRoot }}/features');

  // Left with no --registry: one problem, counted in the bar, marked on the node and on the arguments.
  await expect(problems.getByRole('heading', { name: '1 problem' })).toBeVisible();
  await expect(problems.getByRole('button', { name: 'Step cluster-predict · args' })).toBeVisible();
  await expect(problems).toContainText('--registry is required: cluster-predict cannot start without it');
  await expect(node).toContainText('1 problem');
  const args = page.getByRole('group', { name: 'Arguments' });
  await expect(args.locator('.field-problems')).toContainText('--registry is required');
  const publish = page.getByRole('button', { name: 'Publish' });
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAttribute('title', 'Fix the problems first');
  await screenshot(page, 'designer-missing-required-option');

  // The API refuses it too, whoever asks.
  await page.getByRole('tab', { name: 'JSON' }).click();
  const definition = JSON.parse(await page.getByLabel('Workflow definition (JSON)').inputValue());
  await page.getByRole('tab', { name: 'Graph' }).click();
  const api = await apiRequest.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${e2eAdmin().apiKey}` } });
  try {
    const refused = await api.post(`${process.env.E2E_SERVER_URL}/api/workflows?publish=true`, { data: definition });
    expect(refused.status()).toBe(422);
    const body = (await refused.json()) as { problems: { path: string; message: string }[] };
    expect(body.problems.map((p) => p.path)).toEqual(['$.steps[0].args']);
  } finally {
    await api.dispose();
  }

  // Given the option and, as a new argument (not appended to the last one edited), its value: published.
  await node.click();
  await args.getByText('Program options').click();
  await page.getByRole('button', { name: 'Add option --registry' }).click();
  await args.getByText('Templates').click();
  await page.getByRole('button', { name: 'Insert ${{ dataRoot }}' }).click();
  await expect(page.getByLabel('Argument 6', { exact: true })).toHaveValue('${{ dataRoot }}');
  await expect(page.getByLabel('Argument 2', { exact: true })).toHaveValue('${{ dataRoot }}/features');
  await page.getByLabel('Argument 6', { exact: true }).press('End');
  await page.getByLabel('Argument 6', { exact: true }).pressSequentially('/registry');
  await expect(problems.getByRole('heading', { name: 'No problems' })).toBeVisible();
  await publish.click();
  await expect(page.getByText('Published: v1')).toBeVisible();
  expect(errors.map((e) => e.message)).toEqual([]);
});

test('a connection that would close a cycle is refused saying why; auto-layout draws left to right and fits the view', async ({ page }) => {
  const errors = collectPageErrors(page);
  const canvas = await newWorkflow(page, 'e2e-canvas');
  await page.getByTestId('palette-command').dragTo(canvas, { targetPosition: { x: 150, y: 100 } });
  await page.getByTestId('palette-command').dragTo(canvas, { targetPosition: { x: 520, y: 200 } });
  await page.getByTestId('palette-command').dragTo(canvas, { targetPosition: { x: 280, y: 330 } });
  const [first, second, third] = ['command', 'command-2', 'command-3'].map((id) => page.getByTestId(`step-node-${id}`));

  // Outputs on the right, inputs on the left, as on the run page.
  await dragHandle(page, first!.locator('.react-flow__handle-right'), second!.locator('.react-flow__handle-left'));
  await dragHandle(page, second!.locator('.react-flow__handle-right'), third!.locator('.react-flow__handle-left'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  await dragHandle(page, third!.locator('.react-flow__handle-right'), first!.locator('.react-flow__handle-left'));
  await expect(page.getByRole('status').filter({ hasText: 'Not connected' }).locator('.banner-text')).toHaveText(
    "Not connected: 'command' already runs before 'command-3'; this edge would make a cycle.",
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // Zoomed in so far that the laid-out chain could not fit: auto-layout fits it into view, left to right.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => (await within(first!, canvas)) && (await within(second!, canvas)) && (await within(third!, canvas))).toBe(true);
  const [a, b, c] = await Promise.all([first!, second!, third!].map(async (n) => (await n.boundingBox())!));
  expect(b!.x).toBeGreaterThan(a!.x + a!.width / 2);
  expect(c!.x).toBeGreaterThan(b!.x + b!.width / 2);
  expect(Math.abs(b!.y - a!.y)).toBeLessThan(4);
  await screenshot(page, 'designer-layout-left-to-right');
  expect(errors.map((e) => e.message)).toEqual([]);
});
