import { act, screen, within } from '@testing-library/react';
import { useLocation } from 'react-router';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import detail from '../test/fixtures/run-succeeded.json';
import { stubFetch } from '../test/fetchStub';
import { renderAt } from '../test/renderWithRouter';
import type { Run } from '../api/types';
import { RunsPage } from './RunsPage';

const base = detail.run as Run;
const run = (id: string, state: Run['state'] = 'succeeded') => ({
  run: { ...base, id, state },
  stepCounts: state === 'succeeded' ? { succeeded: 3 } : { succeeded: 1, failed: 1, 'upstream-failed': 1 },
  firstError: state === 'failed' ? { stepId: 'train', exitCode: 64, message: 'exit code 64: --registry is required' } : null,
});

/** The page with the address bar beside it, so a test can read what the URL keeps. */
function RunsWithUrl() {
  const location = useLocation();
  return (
    <>
      <RunsPage />
      <output aria-label="URL">{location.search}</output>
    </>
  );
}

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
    renderAt('/runs?workflow=sensor-training', '/runs', <RunsWithUrl />);

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
    expect(screen.getByRole('status', { name: 'URL' })).toHaveTextContent('?workflow=sensor-training&pages=cursor-r2');

    await user.click(screen.getByRole('button', { name: '← Newer' }));
    expect(await screen.findByRole('link', { name: 'r3' })).toBeInTheDocument();
    expect(calls.at(-1)!.url.searchParams.has('before')).toBe(false);
    expect(screen.getByRole('status', { name: 'URL' })).toHaveTextContent(/^\?workflow=sensor-training$/);
  });

  it('opens on the page its URL names, as after a reload or the back button', async () => {
    const { calls } = stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      {
        path: '/api/runs',
        reply: (url) => ({ body: url.searchParams.get('before') === 'c2' ? { runs: [run('r1')], next: null, total: 51 } : { runs: [run('wrong')], next: 'c1', total: 51 } }),
      },
    ]);
    const user = userEvent.setup();
    renderAt('/runs?state=succeeded&pages=c1.c2', '/runs', <RunsWithUrl />);
    expect(await screen.findByRole('link', { name: 'r1' })).toBeInTheDocument();
    expect(screen.getByText('Page 3')).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname === '/api/runs')!.url.searchParams.get('before')).toBe('c2');
    expect(screen.getByText('51 runs match · 51–51 shown')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '← Newer' }));
    await screen.findByText('Page 2');
    expect(calls.at(-1)!.url.searchParams.get('before')).toBe('c1');
    expect(screen.getByRole('status', { name: 'URL' })).toHaveTextContent('?state=succeeded&pages=c1');
  });

  it('shows how many runs match and the first error of each failed run', async () => {
    stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      { path: '/api/runs', reply: { body: { runs: [run('r2', 'failed'), run('r1')], next: 'c', total: 1204 } } },
    ]);
    renderAt('/runs', '/runs', <RunsPage />);
    expect(await screen.findByText('1,204 runs match · 1–2 shown')).toBeInTheDocument();
    const failed = screen.getByRole('link', { name: 'r2' }).closest('tr')!;
    expect(within(failed).getByRole('link', { name: 'train' })).toHaveAttribute('href', '/runs/r2?step=train');
    expect(within(failed).getByText('exit code 64: --registry is required')).toBeInTheDocument();
    const ok = screen.getByRole('link', { name: 'r1' }).closest('tr')!;
    expect(within(ok).queryByRole('link', { name: 'train' })).toBeNull();
  });

  it('retries the failed and cancels the running among the ticked runs, reporting each run', async () => {
    const { calls } = stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      { path: '/api/runs', reply: { body: { runs: [run('r4', 'failed'), run('r3', 'failed'), run('r2', 'running'), run('r1')], next: null, total: 4 } } },
      { method: 'POST', path: '/api/runs/r4/retry-failed', reply: { body: { ...base, id: 'r4', state: 'running' } } },
      { method: 'POST', path: '/api/runs/r3/retry-failed', reply: { status: 409, body: { title: 'Conflict', detail: 'the run is being changed by another request' } } },
      { method: 'POST', path: '/api/runs/r2/cancel', reply: { body: { ...base, id: 'r2', state: 'cancelled' } } },
    ]);
    const user = userEvent.setup();
    renderAt('/runs', '/runs', <RunsPage />);
    await screen.findByRole('link', { name: 'r4' });
    await user.click(screen.getByRole('checkbox', { name: 'Select every run on this page' }));
    const bar = screen.getByRole('toolbar', { name: 'Selected runs' });
    expect(bar).toHaveTextContent('4 runs selected');

    await user.click(within(bar).getByRole('button', { name: 'Retry failed (2)…' }));
    let dialog = screen.getByRole('dialog', { name: 'Retry the failed steps of the selected runs?' });
    expect(dialog).toHaveTextContent('2 of the 4 selected runs will be asked');
    await user.click(within(dialog).getByRole('button', { name: 'Retry failed steps' }));
    expect(await within(dialog).findByText('1 done, 1 refused, 2 not asked.')).toBeInTheDocument();
    const outcomes = within(dialog).getByRole('list', { name: 'Outcome per run' });
    expect(outcomes).toHaveTextContent('r4: failed steps queued again; the run is running');
    expect(outcomes).toHaveTextContent('r3: refused — the run is being changed by another request');
    expect(outcomes).toHaveTextContent('r2: not asked: the run is running');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/runs/r4/retry-failed', '/api/runs/r3/retry-failed']);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('toolbar', { name: 'Selected runs' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Select run r2' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select run r1' }));
    await user.click(screen.getByRole('button', { name: 'Cancel runs (1)…' }));
    dialog = screen.getByRole('dialog', { name: 'Cancel the selected runs?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel runs' }));
    expect(await within(dialog).findByText('1 done, 0 refused, 1 not asked.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.url.pathname).toBe('/api/runs/r2/cancel');
  });

  it('offers no ticks to a viewer, who cannot retry or cancel', async () => {
    stubFetch([
      { path: '/api/workflows', reply: { body: [] } },
      { path: '/api/runs', reply: { body: { runs: [run('r2', 'failed')], next: null, total: 1 } } },
    ]);
    renderAt('/runs', '/runs', <RunsPage />, { role: 'viewer' });
    await screen.findByRole('link', { name: 'r2' });
    expect(screen.queryByRole('checkbox')).toBeNull();
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
