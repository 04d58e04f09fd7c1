import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { GridCell, GridRun, WorkflowGrid } from '../../api/types';
import { stubFetch } from '../../test/fetchStub';
import { SignedInAs } from '../../test/session';
import { WorkflowGridPage } from './WorkflowGridPage';

const cell = (state: GridCell['state'], extra: Partial<GridCell> = {}): GridCell => ({
  state,
  attempts: state === 'pending' ? 0 : 1,
  startedAt: '2026-12-05T06:00:00Z',
  durationMs: 1500,
  blockedByGate: false,
  ...extra,
});

const run = (id: string, state: GridRun['state'], cells: (GridCell | null)[]): GridRun => ({
  id,
  state,
  triggeredBy: 'manual',
  startedBy: 'alice',
  workflowVersion: 2,
  logicalDate: null,
  createdAt: '2026-12-05T06:00:00Z',
  startedAt: '2026-12-05T06:00:01Z',
  finishedAt: '2026-12-05T06:00:09Z',
  cells,
});

/** Three runs, newest first as the API sends them: r3 succeeded, r2 failed at check, r1 blocked at its gate and had no report step. */
function grid(extra: Partial<WorkflowGrid> = {}): WorkflowGrid {
  return {
    workflowId: 'wf',
    latestVersion: 2,
    steps: [
      { id: 'load', inLatestVersion: true },
      { id: 'check', inLatestVersion: true },
      { id: 'report', inLatestVersion: true },
      { id: 'legacy', inLatestVersion: false },
    ],
    runs: [
      run('r3', 'succeeded', [cell('succeeded'), cell('succeeded'), cell('succeeded'), null]),
      run('r2', 'failed', [cell('succeeded'), cell('failed', { attempts: 3, durationMs: 65_000 }), cell('upstream-failed', { attempts: 0, startedAt: null, durationMs: null }), null]),
      run('r1', 'failed', [cell('succeeded'), cell('failed', { blockedByGate: true }), null, cell('cancelled')]),
    ],
    older: 'r1',
    newer: null,
    ...extra,
  };
}

function Where() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

function renderGrid(url = '/workflows/wf/grid') {
  return render(
    <SignedInAs role="viewer">
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/workflows/:id/grid" element={<WorkflowGridPage />} />
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>
    </SignedInAs>,
  );
}

const runsShown = () => screen.getAllByRole('columnheader').slice(1).map((h) => h.getAttribute('data-run'));

const cellsOfRow = (step: string) =>
  within(screen.getByRole('rowheader', { name: step }).parentElement!).getAllByRole('gridcell');

describe('WorkflowGridPage', () => {
  it('shows steps as rows in the order sent and runs as columns, oldest left, coloured by state', async () => {
    stubFetch([{ path: '/api/workflows/wf/grid', reply: { body: grid() } }]);
    renderGrid();

    await screen.findByRole('grid', { name: 'Runs of wf by step' });
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['load', 'check', 'report', 'legacy']);
    expect(runsShown()).toEqual(['r1', 'r2', 'r3']);
    expect(cellsOfRow('check').map((c) => c.getAttribute('data-state'))).toEqual(['blocked-by-gate', 'failed', 'succeeded']);
    expect(cellsOfRow('check')[1]).toHaveClass('run-grid-cell', 'state-failed');
    expect(cellsOfRow('report')[0]).toHaveClass('none');
    expect(cellsOfRow('report')[1]).toHaveClass('state-upstream-failed');
    expect(cellsOfRow('legacy')[0]).toHaveClass('state-cancelled');
    expect(screen.getByRole('rowheader', { name: 'legacy' })).toHaveClass('removed');
    // The tooltip says state, attempts and duration; the run header its state, trigger and start.
    expect(cellsOfRow('check')[1]).toHaveAttribute('title', 'check in run r2: failed\n3 attempts, 1 min 5 s');
    expect(cellsOfRow('report')[1]).toHaveAttribute('title', expect.stringContaining('0 attempts, did not run'));
    expect(screen.getAllByRole('columnheader')[2]).toHaveAttribute('title', expect.stringContaining('run r2: failed\ntriggered by manual by alice'));
  });

  it('pages older and newer with the cursors the server gave, and changes the page size', async () => {
    const { calls } = stubFetch([
      {
        path: '/api/workflows/wf/grid',
        reply: (url) =>
          url.searchParams.get('before') === 'r1'
            ? { body: grid({ runs: [run('r0', 'succeeded', [cell('succeeded'), cell('succeeded'), cell('succeeded'), null])], older: null, newer: 'r0' }) }
            : { body: grid() },
      },
    ]);
    const user = userEvent.setup();
    renderGrid();
    await screen.findByRole('grid');
    expect(calls.at(-1)!.url.searchParams.get('limit')).toBe('25');
    expect(screen.getByRole('button', { name: 'Newer →' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: '← Older' }));
    await waitFor(() => expect(runsShown()).toEqual(['r0']));
    expect(calls.at(-1)!.url.searchParams.get('before')).toBe('r1');
    expect(screen.getByRole('button', { name: '← Older' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Newer →' }));
    await waitFor(() => expect(runsShown()).toEqual(['r1', 'r2', 'r3']));
    expect(calls.at(-1)!.url.searchParams.get('after')).toBe('r0');
    expect(calls.at(-1)!.url.searchParams.has('before')).toBe(false);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Runs per page' }), '100');
    expect(calls.at(-1)!.url.searchParams.get('limit')).toBe('100');
  });

  it("opens the run's page at the step when a cell is clicked", async () => {
    stubFetch([{ path: '/api/workflows/wf/grid', reply: { body: grid() } }]);
    const user = userEvent.setup();
    renderGrid();
    await screen.findByRole('grid');

    await user.click(screen.getByRole('gridcell', { name: /^check in run r2: failed/ }));

    expect(await screen.findByText('at /runs/r2?step=check')).toBeInTheDocument();
  });

  it('says so when the workflow has no runs yet', async () => {
    stubFetch([{ path: '/api/workflows/wf/grid', reply: { body: grid({ runs: [], older: null }) } }]);
    renderGrid();
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
  });
});
