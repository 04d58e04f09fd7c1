import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import detail from '../test/fixtures/run-succeeded.json';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import type { Run } from '../api/types';
import { RunsPage } from './RunsPage';

const base = detail.run as Run;
const run = (id: string, state: Run['state'] = 'succeeded'): { run: Run; stepCounts: Record<string, number> } => ({
  run: { ...base, id, state },
  stepCounts: state === 'succeeded' ? { succeeded: 3 } : { succeeded: 1, failed: 1, 'upstream-failed': 1 },
});

describe('RunsPage', () => {
  it('pages with keyset cursors: next becomes before, and back again', async () => {
    const { calls } = stubFetch([
      { path: '/api/workflows', reply: { body: [{ id: 'sensor-training', name: 'Sensor training', latestVersion: 1, hasDraft: true, draftUpdatedAt: null }] } },
      {
        path: '/api/runs',
        reply: (url) => {
          const before = url.searchParams.get('before');
          if (!before) return { body: { runs: [run('r3'), run('r2', 'failed')], next: 'cursor-r2' } };
          if (before === 'cursor-r2') return { body: { runs: [run('r1')], next: null } };
          return { status: 400, body: { title: 'Bad Request', detail: `unknown cursor ${before}` } };
        },
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs?workflow=sensor-training', '/runs', <RunsPage />);

    expect(await screen.findByRole('link', { name: 'r3' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: '1 succeeded, 1 failed, 1 upstream-failed' })).toBeInTheDocument();
    const first = calls.find((c) => c.url.pathname === '/api/runs')!;
    expect(first.url.searchParams.get('workflow')).toBe('sensor-training');
    expect(first.url.searchParams.get('limit')).toBe('25');

    await user.click(screen.getByRole('button', { name: 'Older →' }));
    expect(await screen.findByRole('link', { name: 'r1' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'r3' })).toBeNull();
    expect(calls.at(-1)!.url.searchParams.get('before')).toBe('cursor-r2');
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Older →' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: '← Newer' }));
    expect(await screen.findByRole('link', { name: 'r3' })).toBeInTheDocument();
    expect(calls.at(-1)!.url.searchParams.has('before')).toBe(false);
  });

  it('sends the filters, and starts again at the newest page when they change', async () => {
    const { calls } = stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      { path: '/api/runs', reply: (url) => ({ body: { runs: url.searchParams.has('before') ? [run('old')] : [run('new')], next: 'c1' } }) },
    ]);
    const user = userEvent.setup();
    renderAt('/runs', '/runs', <RunsPage />);
    await screen.findByRole('link', { name: 'new' });
    await user.click(screen.getByRole('button', { name: 'Older →' }));
    await screen.findByRole('link', { name: 'old' });

    await user.selectOptions(screen.getByLabelText('State'), 'failed');
    await user.type(screen.getByLabelText('Created from'), '2026-11-01');
    await screen.findByRole('link', { name: 'new' });
    const last = calls.at(-1)!.url.searchParams;
    expect(last.get('state')).toBe('failed');
    expect(last.get('from')).toBe(new Date('2026-11-01T00:00:00').toISOString());
    expect(last.has('before')).toBe(false);
  });

  it('keeps showing the last page when a refresh fails, marked stale, with a retry', async () => {
    let fail = false;
    stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      {
        path: '/api/runs',
        reply: () => (fail ? { status: 503, body: { title: 'Service Unavailable', detail: 'the database did not answer' } } : { body: { runs: [run('r9')], next: null } }),
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs', '/runs', <RunsPage />);
    await screen.findByRole('link', { name: 'r9' });
    fail = true;
    // The next poll (every 2 s) fails.
    await act(() => new Promise((r) => setTimeout(r, 2100)));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Loading runs failed: the database did not answer');
    expect(screen.getByRole('link', { name: 'r9' })).toBeInTheDocument();
    expect(screen.getByText(/Stale — last updated/)).toBeInTheDocument();

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText(/^Updated/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
