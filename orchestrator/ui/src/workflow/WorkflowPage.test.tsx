import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types';
import { formatTime } from '../common/time';
import detail from '../test/fixtures/run-succeeded.json';
import training from '../test/fixtures/sensor-training.json';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { WorkflowPage } from './WorkflowPage';

const base = detail.run as Run;
const v1 = { workflowId: 'sensor-training', version: 1, checksum: 'aaaaaaaaaaaaaaaa', publishedAt: '2026-11-20T08:00:00Z', definition: training };
const v2 = {
  ...v1,
  version: 2,
  checksum: 'bbbbbbbbbbbbbbbb',
  publishedAt: '2026-11-23T19:33:40Z',
  definition: { ...training, triggers: [...training.triggers, { type: 'cron', schedule: '0 2 * * *', timeZone: 'Asia/Shanghai', catchUp: 'latest' }] },
};
const failedRun = {
  run: { ...base, id: 'r2', state: 'failed', workflowVersion: 2 },
  stepCounts: { succeeded: 1, failed: 1 },
  firstError: { stepId: 'train', exitCode: 64, message: 'exit code 64: --registry is required' },
};
const okRun = { run: { ...base, id: 'r1', state: 'succeeded', workflowVersion: 1 }, stepCounts: { succeeded: 2 }, firstError: null };

function stubWorkflow() {
  return stubFetch([
    { path: '/api/workflows', reply: { body: [{ id: 'sensor-training', name: 'Sensor training', description: training.description, latestVersion: 2, hasDraft: false, draftUpdatedAt: null }] } },
    { path: '/api/workflows/sensor-training/versions', reply: { body: [v2, v1] } },
    { path: '/api/schedules', reply: { body: [{ workflowId: 'sensor-training', version: 2, trigger: 2, schedule: '0 2 * * *', timeZone: 'Asia/Shanghai', catchUp: 'latest', nextDueAt: '2026-11-24T18:00:00Z' }] } },
    {
      path: '/api/runs',
      reply: (url) => ({ body: url.searchParams.get('state') === 'failed' ? { runs: [failedRun], next: null, total: 7 } : { runs: [failedRun, okRun], next: 'r1', total: 42 } }),
    },
  ]);
}

describe('WorkflowPage', () => {
  it('shows the workflow across its runs: recent runs, schedule in words, last failures with their first error, versions', async () => {
    const { calls } = stubWorkflow();
    renderAt('/workflows/sensor-training', '/workflows/:id', <WorkflowPage />, { role: 'operator' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sensor training' })).toBeInTheDocument();
    const recent = screen.getByRole('region', { name: 'Recent runs' });
    expect(await within(recent).findByRole('link', { name: 'r1' })).toHaveAttribute('href', '/runs/r1');
    expect(within(recent).getByRole('link', { name: 'All 42 runs →' })).toHaveAttribute('href', '/runs?workflow=sensor-training');
    expect(calls.some((c) => c.url.pathname === '/api/runs' && c.url.searchParams.get('workflow') === 'sensor-training')).toBe(true);

    const schedule = screen.getByRole('region', { name: 'Schedule' });
    expect(await within(schedule).findByText('At 02:00')).toBeInTheDocument();
    expect(schedule).toHaveTextContent('(Asia/Shanghai)');
    const next = within(schedule).getByText((_, el) => el?.tagName === 'TIME');
    expect(next).toHaveTextContent(formatTime('2026-11-24T18:00:00Z'));
    expect(schedule).toHaveTextContent('Also started by: manual, http.');

    const failures = screen.getByRole('region', { name: 'Last failures' });
    expect(await within(failures).findByText('exit code 64: --registry is required')).toBeInTheDocument();
    expect(within(failures).getByRole('link', { name: 'r2' })).toHaveAttribute('href', '/runs/r2?step=train');
    expect(within(failures).getByRole('link', { name: 'All 7 failed runs →' })).toHaveAttribute('href', '/runs?workflow=sensor-training&state=failed');

    const versions = screen.getByRole('region', { name: 'Versions' });
    expect(within(versions).getByText('first version')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View in designer' })).toHaveAttribute('href', '/workflows/sensor-training/design');
    expect(screen.getByRole('link', { name: 'Grid' })).toHaveAttribute('href', '/workflows/sensor-training/grid');
    expect(screen.getByRole('button', { name: 'Trigger…' })).toBeEnabled();
  });

  it("opens a version's changes from the one before it", async () => {
    stubWorkflow();
    const user = userEvent.setup();
    renderAt('/workflows/sensor-training', '/workflows/:id', <WorkflowPage />);
    await user.click(await screen.findByRole('button', { name: 'Show changes from v1' }));
    const diff = screen.getByRole('region', { name: 'Changes from v1 to v2' });
    expect(within(diff).getByLabelText('Differences')).toHaveTextContent('"schedule": "0 2 * * *"');
  });

  it('says so when there is no such workflow', async () => {
    stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      { path: '/api/workflows/nope/versions', reply: { body: [] } },
      { path: '/api/runs', reply: { body: { runs: [], next: null, total: 0 } } },
    ]);
    renderAt('/workflows/nope', '/workflows/:id', <WorkflowPage />);
    expect(await screen.findByText("There is no workflow 'nope'")).toBeInTheDocument();
  });
});
