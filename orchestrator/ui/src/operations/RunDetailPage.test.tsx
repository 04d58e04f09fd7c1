import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../api/types';
import succeeded from '../test/fixtures/run-succeeded.json';
import { problem, stubFetch } from '../test/fetchStub';
import { logPageReply } from '../test/logPages';
import { renderAt } from '../test/renderWithRouter';
import { RunDetailPage } from './RunDetailPage';

/** The real run of sensor-training, as if its features step had failed. */
function failedRun(): RunDetail {
  const detail = structuredClone(succeeded) as RunDetail;
  detail.run.id = 'r1';
  detail.run.state = 'failed';
  detail.run.error = "step 'features' failed";
  detail.run.startedBy = 'alice';
  const features = detail.steps[1]!;
  features.state = 'failed';
  features.exitCode = 75;
  features.error = 'exit code 75';
  features.attemptHistory[0]!.state = 'failed';
  features.attemptHistory[0]!.exitCode = 75;
  const train = detail.steps[2]!;
  train.state = 'upstream-failed';
  train.attempts = 0;
  train.attemptHistory = [];
  return detail;
}

/** The workflow's latest published version, as GET /api/workflows/{id} answers. */
function latestVersion(version: number) {
  return { workflowId: 'sensor-training', version, checksum: 'c', publishedAt: '2026-01-05T06:00:00Z', definition: {} };
}

describe('RunDetailPage', () => {
  it('opens on the failed step with its log, and retries it', async () => {
    let retried = false;
    const { calls } = stubFetch([
      {
        path: '/api/runs/r1',
        reply: () => {
          const detail = failedRun();
          if (retried) {
            detail.run.state = 'running';
            detail.steps[1]!.state = 'queued';
            detail.steps[2]!.state = 'pending';
          }
          return { body: detail };
        },
      },
      { path: '/api/runs/r1/steps/features/attempts/1/logs', reply: logPageReply('reading chunks\nerror: disk full\n') },
      { path: '/api/workflows/sensor-training', reply: { body: latestVersion(1) } },
      {
        method: 'POST',
        path: '/api/runs/r1/steps/features/retry',
        reply: () => {
          retried = true;
          return { body: succeeded.run };
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    const step = await screen.findByRole('region', { name: 'Step features' });
    expect(screen.getByText('manual, by alice')).toBeInTheDocument();
    expect(within(step).getByText('exit code 75')).toBeInTheDocument();
    expect(await within(step).findByText(/error: disk full/)).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname.endsWith('/logs'))!.url.searchParams.has('limit')).toBe(true);
    expect(screen.getByTestId('run-step-train')).toHaveAttribute('data-state', 'upstream-failed');

    await user.click(within(step).getByRole('button', { name: 'Retry this step' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry step features' });
    expect(within(dialog).getByLabelText("On this run's version, v1 (the latest published)")).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Retry step on v1' }));
    const post = calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/runs/r1/steps/features/retry');
    expect(post?.body).toEqual({ version: 'run' });
    expect(await screen.findByText('running', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByTestId('run-step-features')).toHaveAttribute('data-state', 'queued');
  });

  it('pauses a running run and resumes it', async () => {
    let state: RunDetail['run']['state'] = 'running';
    const { calls } = stubFetch([
      {
        path: '/api/runs/r1',
        reply: () => {
          const detail = failedRun();
          detail.run.state = state;
          detail.run.error = null;
          return { body: detail };
        },
      },
      { path: /\/logs$/, reply: logPageReply('') },
      { method: 'POST', path: '/api/runs/r1/pause', reply: () => ((state = 'paused'), { body: succeeded.run }) },
      { method: 'POST', path: '/api/runs/r1/resume', reply: () => ((state = 'queued'), { body: succeeded.run }) },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(await screen.findByText('paused', { selector: '.badge' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByText('queued', { selector: '.badge' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/runs/r1/pause', '/api/runs/r1/resume']);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled();
  });

  it('links a queued backfill to the run making its missing upstream days', async () => {
    stubFetch([
      {
        path: '/api/runs/r1',
        reply: () => {
          const detail = failedRun();
          detail.run.state = 'queued';
          detail.run.waitsFor = 'r0';
          return { body: detail };
        },
      },
      { path: /\/logs$/, reply: logPageReply('') },
    ]);
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    expect(await screen.findByText('Waits for')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'r0' })).toHaveAttribute('href', '/runs/r0');
  });

  it("shows the server's refusal of an action", async () => {
    const { calls } = stubFetch([
      { path: '/api/runs/r1', reply: { body: failedRun() } },
      { path: /\/logs$/, reply: problem(500, 'Server error', 'log folder unreadable') },
      { path: '/api/workflows/sensor-training', reply: { body: latestVersion(2) } },
      {
        method: 'POST',
        path: '/api/runs/r1/retry-failed',
        reply: {
          status: 409,
          body: { title: 'Conflict', status: 409, detail: "step 'chunk' changed from version 1 to 2 (args): re-run all on the latest version (v2) instead" },
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);
    await user.click(await screen.findByRole('button', { name: 'Re-run from failure' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-run from failure' });
    await user.click(await within(dialog).findByRole('button', { name: 'Re-run from failure on v2' }));
    // The refusal stays in the dialog, which stays open, so the other choice is one click away.
    expect(await within(dialog).findByText(/step 'chunk' changed from version 1 to 2/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 'latest' });
    // The failed log read is reported once, not retried in a loop.
    expect(screen.getByText('log folder unreadable')).toBeInTheDocument();
    expect(calls.filter((c) => c.url.pathname.endsWith('/logs'))).toHaveLength(1);
  });

  it('lets an editor override a blocked gate with a reason; a viewer only sees that it is blocked', async () => {
    let overridden = false;
    const blocked = () => {
      const detail = failedRun();
      const features = detail.steps[1]!;
      features.exitCode = 79;
      features.error = 'exited with code 79: error: drift gate: 2 feature(s) drifted on 2013-03-31';
      features.blockedByGate = true;
      if (overridden) {
        features.state = 'queued';
        features.blockedByGate = false;
        features.gateOverride = 'admin: recalibrated';
      }
      return detail;
    };
    const { calls } = stubFetch([
      { path: '/api/runs/r1', reply: () => ({ body: blocked() }) },
      { path: /\/logs$/, reply: logPageReply('') },
      {
        method: 'POST',
        path: '/api/runs/r1/steps/features/override-gate',
        reply: () => {
          overridden = true;
          return { body: succeeded.run };
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    const form = await screen.findByRole('form', { name: 'Override the gate' });
    const button = within(form).getByRole('button', { name: 'Override the gate and go on' });
    expect(button).toBeDisabled();
    await user.type(within(form).getByLabelText('Reason'), 'recalibrated');
    await user.click(button);

    const post = calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith('/override-gate'))!;
    expect(post.body).toEqual({ reason: 'recalibrated' });
    expect(await screen.findByText('Gate overridden by admin: recalibrated')).toBeInTheDocument();
  });

  it('shows a viewer that a step is blocked, without the override', async () => {
    const detail = failedRun();
    detail.steps[1]!.exitCode = 79;
    detail.steps[1]!.blockedByGate = true;
    stubFetch([
      { path: '/api/runs/r1', reply: { body: detail } },
      { path: /\/logs$/, reply: logPageReply('') },
    ]);
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />, { role: 'viewer' });

    const form = await screen.findByRole('form', { name: 'Override the gate' });
    expect(within(form).getByText('An editor can override it.')).toBeInTheDocument();
    expect(within(form).queryByRole('button')).toBeNull();
  });

  it('opens on the step a link names with ?step=, even when another step failed', async () => {
    stubFetch([
      { path: '/api/runs/r1', reply: { body: failedRun() } },
      { path: /\/logs$/, reply: logPageReply('') },
      { path: /\/manifest$/, reply: { body: {} } },
    ]);
    renderAt('/runs/r1?step=chunk', '/runs/:id', <RunDetailPage />);

    expect(await screen.findByRole('region', { name: 'Step chunk' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Step features' })).toBeNull();
  });

  it('shows a partitioned step as one node with its days counted, pages them, and retries one day alone', async () => {
    const detail = failedRun();
    const features = detail.steps[1]!;
    features.partitions = { total: 120, byState: { succeeded: 119, failed: 1 }, firstStartedAt: '2024-01-31T10:00:00Z', lastFinishedAt: '2024-01-31T10:04:00Z' };
    features.error = '1 of 120 partitions did not succeed; first 2024-01-03: exit code 1';
    const day = (n: number, state: 'succeeded' | 'failed') => ({
      key: `2024-01-${String(n).padStart(2, '0')}`,
      stepId: `features.2024-01-${String(n).padStart(2, '0')}`,
      state,
      attempts: 1,
      startedAt: '2024-01-31T10:00:00Z',
      finishedAt: '2024-01-31T10:00:02Z',
      exitCode: state === 'failed' ? 1 : 0,
      error: state === 'failed' ? 'exit code 1' : null,
      outputFolder: '/data/runs/r1/features/x',
    });
    const { calls } = stubFetch([
      { path: '/api/runs/r1', reply: { body: detail } },
      { path: /\/logs$/, reply: logPageReply('day log\n') },
      {
        path: '/api/runs/r1/steps/features/partitions',
        reply: (url) => {
          const state = url.searchParams.get('state');
          const after = url.searchParams.get('after');
          const partitions = state === 'failed' ? [day(3, 'failed')] : after ? [day(31, 'succeeded')] : [day(1, 'succeeded'), day(2, 'succeeded'), day(3, 'failed')];
          return { body: { stepId: 'features', counts: features.partitions, partitions, next: state || after ? null : '2024-01-30' } };
        },
      },
      { method: 'POST', path: '/api/runs/r1/steps/features.2024-01-03/retry', reply: { body: detail.run } },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    expect(await screen.findByTestId('run-step-partitions-features')).toHaveTextContent('120 days · 119 succeeded · 1 failed');
    // The timeline draws the days as one bar, not 120 slivers.
    const timeline = screen.getByRole('region', { name: 'Timeline of attempts' });
    expect(within(timeline).getByRole('button', { name: 'features: 120 partitions, 119 succeeded, 1 failed, 4 min 0 s' })).toHaveClass('partitions', 'state-failed');
    const list = await screen.findByRole('region', { name: 'Partitions of features' });
    expect(await within(list).findByTestId('partition-2024-01-03')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: 'Later days →' }));
    expect(await within(list).findByTestId('partition-2024-01-31')).toBeInTheDocument();
    expect(calls.some((c) => c.url.searchParams.get('after') === '2024-01-30')).toBe(true);

    await user.selectOptions(within(list).getByRole('combobox'), 'failed');
    const failed = await within(list).findByTestId('partition-2024-01-03');
    await user.click(within(failed).getByRole('button', { name: '2024-01-03' }));
    expect(await within(list).findByText(/day log/)).toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname === '/api/runs/r1/steps/features.2024-01-03/attempts/1/logs')).toBe(true);
    await user.click(within(failed).getByRole('button', { name: 'Retry' }));
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/runs/r1/steps/features.2024-01-03/retry')).toBe(true);
  });
});
