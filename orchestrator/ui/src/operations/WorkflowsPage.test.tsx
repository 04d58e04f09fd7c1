import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import training from '../test/fixtures/sensor-training.json';
import { problem, stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import { formatTime } from '../common/time';
import { WorkflowsPage } from './WorkflowsPage';

const summary = {
  id: 'sensor-training',
  name: 'Sensor training',
  description: 'Chunks sensor CSV and trains a model.',
  latestVersion: 2,
  hasDraft: true,
  draftUpdatedAt: '2026-11-23T19:33:40Z',
  lastRun: { id: 'r1', state: 'failed', createdAt: '2026-11-23T19:33:47Z', finishedAt: '2026-11-23T19:34:47Z' },
  nextDueAt: '2026-11-24T02:00:00+00:00',
};

describe('WorkflowsPage', () => {
  it('shows an error banner with the server message, and retries', async () => {
    let down = true;
    stubFetch([{ path: '/api/workflows', reply: () => (down ? problem(503, 'Service Unavailable', 'database /tmp/p.db is locked') : { body: [summary] }) }]);
    const user = userEvent.setup();
    renderAt('/workflows', '/workflows', <WorkflowsPage />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Loading workflows failed: database /tmp/p.db is locked');
    down = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Sensor training' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the last run and the next scheduled run', async () => {
    stubFetch([{ path: '/api/workflows', reply: { body: [summary] } }]);
    renderAt('/workflows', '/workflows', <WorkflowsPage />);
    expect(await screen.findByRole('link', { name: 'Last run of sensor-training: failed' })).toHaveAttribute('href', '/runs/r1');
    const next = screen.getByText((_, el) => el?.tagName === 'TIME');
    expect(next).toHaveTextContent(formatTime('2026-11-24T02:00:00Z'));
    expect(next).toHaveAttribute('title', '2026-11-24 02:00:00 UTC');
  });

  it('opens the workflow page from its name, and the designer from its own button', async () => {
    stubFetch([{ path: '/api/workflows', reply: { body: [summary] } }]);
    renderAt('/workflows', '/workflows', <WorkflowsPage />);
    expect(await screen.findByRole('link', { name: 'Sensor training' })).toHaveAttribute('href', '/workflows/sensor-training');
    expect(screen.getByRole('link', { name: 'Designer of sensor-training' })).toHaveAttribute('href', '/workflows/sensor-training/design');
  });

  it('falls back to schedules and runs on a server without lastRun and nextDueAt', async () => {
    const { lastRun: _l, nextDueAt: _n, description: _d, ...old } = summary;
    stubFetch([
      { path: '/api/workflows', reply: { body: [old] } },
      { path: '/api/schedules', reply: { body: [] } },
      { path: '/api/runs', reply: { body: { runs: [], next: null } } },
    ]);
    renderAt('/workflows', '/workflows', <WorkflowsPage />);
    expect(await screen.findByText('never run')).toBeInTheDocument();
    expect(screen.getByText('not scheduled')).toBeInTheDocument();
  });

  it('triggers a run with a form made from the inputs, sending only what differs from the defaults', async () => {
    const { calls } = stubFetch([
      { path: '/api/workflows', reply: { body: [summary] } },
      { path: '/api/workflows/sensor-training', reply: { body: { workflowId: 'sensor-training', version: 2, checksum: 'x', publishedAt: '2026-11-23T19:33:40Z', definition: training } } },
      {
        method: 'POST',
        path: '/api/workflows/sensor-training/runs',
        reply: (_url, init) =>
          JSON.parse(String(init?.body)).inputs.timeZone === 'Mars/Olympus'
            ? { status: 422, body: { title: 'Invalid', detail: 'the inputs do not fit', problems: [{ path: '$.inputs.timeZone', message: "unknown time zone 'Mars/Olympus'" }] } }
            : { status: 201, body: { ...training, id: 'r2' } },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/workflows', '/workflows', <WorkflowsPage />);
    await user.click(await screen.findByRole('button', { name: 'Trigger sensor-training' }));
    const dialog = await screen.findByRole('dialog', { name: 'Trigger sensor-training' });
    const zone = await within(dialog).findByLabelText(/timeZone/);
    expect(zone).toHaveValue('Asia/Shanghai');
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));

    expect(await within(dialog).findByText("unknown time zone 'Mars/Olympus'")).toBeInTheDocument();
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(calls.at(-1)!.body).toEqual({ inputs: { timeZone: 'Mars/Olympus' } });
  });
});
