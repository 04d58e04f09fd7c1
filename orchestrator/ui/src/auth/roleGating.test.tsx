import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role, RunDetail } from '../api/types';
import { DesignerPage } from '../designer/DesignerPage';
import { RunDetailPage } from '../operations/RunDetailPage';
import { WorkflowsPage } from '../operations/WorkflowsPage';
import { stubFetch } from '../test/fetchStub';
import succeeded from '../test/fixtures/run-succeeded.json';
import training from '../test/fixtures/sensor-training.json';
import { renderAt } from '../test/renderWithRouter';
import { logPageReply } from '../test/logPages';

// What each role is offered; the server refuses the rest too, this is about not offering it.

const summary = { id: 'sensor-training', name: 'Sensor training', latestVersion: 2, hasDraft: false, draftUpdatedAt: null, lastRun: null, nextDueAt: null };

function failedRun(): RunDetail {
  const detail = structuredClone(succeeded) as RunDetail;
  detail.run.id = 'r1';
  detail.run.state = 'failed';
  detail.steps[0]!.state = 'failed';
  return detail;
}

async function workflowsPageAs(role: Role) {
  stubFetch([{ path: '/api/workflows', reply: { body: [summary] } }]);
  renderAt('/workflows', '/workflows', <WorkflowsPage />, { role });
  await screen.findByRole('link', { name: 'Sensor training' });
}

async function runPageAs(role: Role) {
  stubFetch([
    { path: '/api/runs/r1', reply: { body: failedRun() } },
    { path: /\/logs$/, reply: logPageReply('log\n') },
  ]);
  renderAt('/runs/r1', '/runs/:id', <RunDetailPage />, { role });
  return screen.findByRole('region', { name: 'Step chunk' });
}

function designerPageAs(role: Role) {
  const { calls } = stubFetch([
    { path: '/api/step-types', reply: { status: 404 } },
    { path: '/api/workflows/sensor-training/draft', reply: { status: 404 } },
    { path: '/api/workflows/sensor-training', reply: { body: { workflowId: 'sensor-training', version: 2, checksum: 'x', publishedAt: '2026-11-23T19:33:40Z', definition: training } } },
    { method: 'POST', path: '/api/workflows/validate', reply: { body: [{ path: '$.name', message: 'the name must not be empty' }] } },
  ]);
  renderAt('/workflows/sensor-training/design', '/workflows/:id/design', <DesignerPage />, { role });
  return calls;
}

describe('role gating', () => {
  it('a viewer reads workflows but is offered no trigger, backfill or new workflow, and is told why', async () => {
    await workflowsPageAs('viewer');
    expect(screen.queryByRole('button', { name: /Trigger/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Backfill/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New workflow' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Runs of sensor-training' })).toBeInTheDocument();
    expect(screen.getByText('Starting runs needs the operator role; you are a viewer.')).toBeInTheDocument();
  });

  it('an operator may trigger and backfill, not create workflows', async () => {
    await workflowsPageAs('operator');
    expect(screen.getByRole('button', { name: 'Trigger sensor-training' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Backfill sensor-training' })).toBeEnabled();
    expect(screen.queryByRole('link', { name: 'New workflow' })).toBeNull();
    expect(screen.getByText('Creating and changing workflows needs the editor role; you are an operator.')).toBeInTheDocument();
  });

  it('an editor may also create workflows', async () => {
    await workflowsPageAs('editor');
    expect(screen.getByRole('link', { name: 'New workflow' })).toBeInTheDocument();
    expect(screen.queryByText(/needs the/)).toBeNull();
  });

  it('a viewer sees a run without retry, cancel, pause or re-run, and is told why', async () => {
    const step = await runPageAs('viewer');
    expect(within(step).queryByRole('button', { name: 'Retry this step' })).toBeNull();
    for (const name of ['Cancel run', 'Pause', 'Resume', 'Re-run from failure', 'Re-run all']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.getByText('Cancelling, pausing, retrying and re-running needs the operator role; you are a viewer.')).toBeInTheDocument();
  });

  it('an operator sees retry, cancel and re-run on a run', async () => {
    const step = await runPageAs('operator');
    expect(within(step).getByRole('button', { name: 'Retry this step' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Re-run from failure' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Re-run all' })).toBeEnabled();
  });

  it('a viewer opens the designer read-only: validation shown, fields disabled, no save, publish or import', async () => {
    const calls = designerPageAs('viewer');
    expect(await screen.findByText('Read-only')).toBeInTheDocument();
    expect(await screen.findByText('the name must not be empty', { selector: '.field-problems li' })).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/workflows/validate')).toBe(true);
    expect(screen.getByLabelText('Name')).toBeDisabled();
    for (const name of ['Publish', 'Save draft', 'Import']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('complementary', { name: 'Step types' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
  });

  it('an operator opens the designer read-only too', async () => {
    designerPageAs('operator');
    expect(await screen.findByText('Read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
  });

  it('an editor gets save, publish and import', async () => {
    designerPageAs('editor');
    expect(await screen.findByRole('button', { name: 'Publish' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save draft' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toBeEnabled();
  });

  it('a viewer opening a new workflow is told it needs the editor role', async () => {
    stubFetch([{ path: '/api/step-types', reply: { status: 404 } }]);
    renderAt('/workflows/new', '/workflows/new', <DesignerPage />, { role: 'viewer', user: 'vera' });
    expect(await screen.findByText('Creating workflows needs the editor role')).toBeInTheDocument();
    expect(screen.getByText(/signed in as vera \(viewer\)/)).toBeInTheDocument();
  });
});
