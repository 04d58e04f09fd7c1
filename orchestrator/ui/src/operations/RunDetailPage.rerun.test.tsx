import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../api/types';
import succeeded from '../test/fixtures/run-succeeded.json';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { RunDetailPage } from './RunDetailPage';

/** The real run of sensor-training (chunk → features → train, version 1), as if its features step had failed. */
function failedRun(id = 'r1'): RunDetail {
  const detail = structuredClone(succeeded) as RunDetail;
  detail.run.id = id;
  detail.run.state = 'failed';
  detail.run.error = "step 'features' failed";
  const features = detail.steps[1]!;
  features.state = 'failed';
  features.exitCode = 1;
  features.error = 'exit code 1';
  features.attemptHistory[0]!.state = 'failed';
  features.attemptHistory[0]!.exitCode = 1;
  const train = detail.steps[2]!;
  train.state = 'upstream-failed';
  train.attempts = 0;
  train.attemptHistory = [];
  return detail;
}

const latest = (version: number) => ({ body: { workflowId: 'sensor-training', version, checksum: 'c', publishedAt: '2026-01-05T06:00:00Z', definition: {} } });
const emptyLog = { body: { offset: 0, next: 0, size: 0, writing: false, text: '' } };

describe('RunDetailPage re-runs', () => {
  it('asks on which version to retry a step, says what runs again and what is kept, and retries on the latest', async () => {
    const { calls } = stubFetch([
      { path: '/api/runs/r1', reply: () => ({ body: failedRun() }) },
      { path: /\/logs$/, reply: emptyLog },
      { path: '/api/workflows/sensor-training', reply: latest(2) },
      { method: 'POST', path: '/api/runs/r1/steps/features/retry', reply: { body: { ...succeeded.run, workflowVersion: 2 } } },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    const step = await screen.findByRole('region', { name: 'Step features' });
    await user.click(within(step).getByRole('button', { name: 'Retry this step' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry step features' });
    // A fix published since is what a re-run is usually for: offered first, the run's own version beside it.
    expect(await within(dialog).findByLabelText('On the latest published version, v2')).toBeChecked();
    expect(within(dialog).getByLabelText("On this run's version, v1")).not.toBeChecked();
    const effects = within(dialog).getByRole('list', { name: 'What will happen' });
    expect(effects).toHaveTextContent('Runs again on v2: features, train (2 steps).');
    expect(effects).toHaveTextContent('Keeps the outputs of: chunk.');
    expect(effects).toHaveTextContent('The kept steps must be defined the same in v2 as in v1');

    await user.click(within(dialog).getByLabelText("On this run's version, v1"));
    expect(within(dialog).getByRole('button', { name: 'Retry step on v1' })).toBeInTheDocument();
    expect(effects).toHaveTextContent('Runs again on v1: features, train (2 steps).');
    await user.click(within(dialog).getByLabelText('On the latest published version, v2'));
    await user.click(within(dialog).getByRole('button', { name: 'Retry step on v2' }));

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 'latest' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('re-runs all on the latest version as a new run and opens it on its own step', async () => {
    const rerun = failedRun('r2');
    rerun.run.state = 'running';
    rerun.run.workflowVersion = 2;
    rerun.steps = rerun.steps.map((s, i) => ({ ...s, state: i === 0 ? 'running' : 'pending', attempts: i === 0 ? 1 : 0, attemptHistory: i === 0 ? s.attemptHistory : [] }));
    const { calls } = stubFetch([
      { path: '/api/runs/r1', reply: { body: failedRun() } },
      { path: '/api/runs/r2', reply: { body: rerun } },
      { path: /\/logs$/, reply: emptyLog },
      { path: '/api/workflows/sensor-training', reply: latest(2) },
      { method: 'POST', path: '/api/runs/r1/rerun', reply: { status: 201, body: rerun.run } },
    ]);
    const user = userEvent.setup();
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    await screen.findByRole('region', { name: 'Step features' });
    await user.click(screen.getByRole('button', { name: 'Re-run all' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-run all' });
    await within(dialog).findByLabelText('On the latest published version, v2');
    expect(within(dialog).getByRole('list', { name: 'What will happen' })).toHaveTextContent(
      'Starts a new run of v2 with the same inputs and logical date: 3 steps run from the start.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Re-run all on v2' }));

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ version: 'latest' });
    expect(await screen.findByRole('heading', { name: 'r2' })).toBeInTheDocument();
    // The new run opens on its own step that needs attention, not on the step chosen in the run before.
    expect(await screen.findByRole('region', { name: 'Step chunk' })).toBeInTheDocument();
  });

  it('moves to the failed step when the run it opened on fails', async () => {
    let polls = 0;
    stubFetch([
      {
        path: '/api/runs/r1',
        reply: () => {
          polls += 1;
          if (polls > 1) return { body: failedRun() };
          const running = failedRun();
          running.run.state = 'running';
          running.run.error = null;
          running.steps = running.steps.map((s, i) => ({ ...s, state: i === 0 ? 'running' : 'pending', exitCode: null, error: null }));
          return { body: running };
        },
      },
      { path: /\/logs$/, reply: emptyLog },
      { path: /\/manifest$/, reply: { body: {} } },
    ]);
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    expect(await screen.findByRole('region', { name: 'Step chunk' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Step features' }, { timeout: 5000 })).toBeInTheDocument();
  });

  it('says which version each attempt ran once a run was retried on a later one', async () => {
    const moved = failedRun();
    moved.run.workflowVersion = 2;
    moved.steps[1]!.workflowVersion = 2;
    moved.steps[1]!.attemptHistory = [
      { ...moved.steps[1]!.attemptHistory[0]!, workflowVersion: 1 },
      { ...moved.steps[1]!.attemptHistory[0]!, attempt: 2, workflowVersion: 2 },
    ];
    moved.steps[0]!.attemptHistory = moved.steps[0]!.attemptHistory.map((a) => ({ ...a, workflowVersion: 1 }));
    stubFetch([
      { path: '/api/runs/r1', reply: { body: moved } },
      { path: /\/logs$/, reply: emptyLog },
    ]);
    renderAt('/runs/r1', '/runs/:id', <RunDetailPage />);

    expect(await screen.findByText('(re-run on v2; earlier attempts ran v1)')).toBeInTheDocument();
    const attempts = within(screen.getByRole('region', { name: 'Step features' })).getByRole('table', { name: 'Attempts' });
    expect(within(attempts).getAllByRole('row').map((r) => within(r).queryAllByRole('cell')[2]?.textContent ?? '')).toEqual(['', 'v1', 'v2']);
  });
});
