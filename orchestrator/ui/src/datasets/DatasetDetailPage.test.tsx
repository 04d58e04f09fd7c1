import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../api/types';
import { problem, stubFetch } from '../test/fetchStub';
import dataset from '../test/fixtures/dataset.json';
import { renderDatasets } from '../test/renderDatasets';

const d = dataset as Dataset;
const url = `/datasets/${d.id}`;

describe('DatasetDetailPage', () => {
  it('shows the file, the detected schema, the bad rows and the runs the dataset started', async () => {
    stubFetch([{ path: `/api/datasets/${d.id}`, reply: { body: d } }]);
    renderDatasets(url, 'viewer');

    expect(await screen.findByRole('heading', { name: d.name })).toBeInTheDocument();
    expect(screen.getByLabelText('Path on the server')).toHaveValue(d.path);
    expect(screen.getByRole('button', { name: 'Copy path on the server' })).toBeInTheDocument();
    expect(screen.getByText(d.sha256)).toBeInTheDocument();
    expect(screen.getByText('(62,814 bytes)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('href', `/api/datasets/${d.id}/file`);

    // Each schema choice says whether it came from the data.
    const schema = within(screen.getByRole('table', { name: 'Schema' }));
    const row = (label: string) => within(schema.getByRole('rowheader', { name: label }).closest('tr')!);
    expect(row('Sensor column').getByText('station')).toBeInTheDocument();
    expect(row('Sensor column').getByText('detected')).toBeInTheDocument();
    expect(row('Timestamp from columns').getByText('year, month, day, hour')).toBeInTheDocument();
    expect(row('Timestamp from columns').getByText('detected')).toBeInTheDocument();
    expect(row('Time zone').getByText('Asia/Shanghai')).toBeInTheDocument();
    expect(row('Time zone').getByText('given or default')).toBeInTheDocument();
    expect(row('Value columns').getByText(/^PM2\.5, PM10, SO2/)).toBeInTheDocument();
    expect(row('Missing-value tokens').getByText('NA, (empty)')).toBeInTheDocument();

    // Bad rows by line and column, the column named from the header.
    const bad = within(screen.getByRole('table', { name: 'Bad rows' })).getAllByRole('row');
    expect(bad[1]).toHaveTextContent("187 (PM10)'abc' is not a number");
    expect(bad[2]).toHaveTextContent('402—17 fields, expected 18');

    // The run it started links to the run page; the workflow that did not start says why.
    const runs = within(screen.getByRole('table', { name: 'Runs it started' })).getAllByRole('row');
    expect(within(runs[1]!).getByRole('link', { name: 'sensor-prediction-20261123-093001-ab12' })).toHaveAttribute('href', '/runs/sensor-prediction-20261123-093001-ab12');
    // A run that failed says why on the dataset's page: a dataset no model family fits and that cannot train one.
    expect(runs[1]).toHaveTextContent("failedstep 'train' exited with code 65: only 1 of 1 rows have every feature; k = 4 needs at least 4");
    expect(runs[2]).toHaveTextContent('sensor-continuousNot startedthe workflow has 2 active runs (maxActiveRuns 2)—');

    // A viewer is told why there is no Delete.
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.getByText(/Deleting a dataset needs the editor role; you are a viewer/)).toBeInTheDocument();
  });

  it("shows each started run's state as a badge, with when it started and a link", async () => {
    stubFetch([{ path: `/api/datasets/${d.id}`, reply: { body: d } }]);
    renderDatasets(url, 'viewer');

    const table = await screen.findByRole('table', { name: 'Runs it started' });
    expect(within(table).getByRole('columnheader', { name: 'Started' })).toBeInTheDocument();
    const run = within(table).getAllByRole('row')[1]!;
    expect(within(run).getByText('failed')).toHaveClass('badge', 'state-failed');
    expect(within(run).getByRole('link', { name: d.runs![0]!.runId! })).toBeInTheDocument();
    expect(screen.getByText('1 failed, 1 not started')).toBeInTheDocument();
  });

  describe('while a run it started has not finished', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('refreshes until every run has finished, then stops asking', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const running = { ...d, runs: [{ ...d.runs![0]!, state: 'running', failure: null }] };
      const finished = { ...d, runs: [{ ...d.runs![0]!, state: 'succeeded', failure: null }] };
      let asked = 0;
      stubFetch([{ path: `/api/datasets/${d.id}`, reply: () => ({ body: ++asked < 3 ? running : finished }) }]);
      renderDatasets(url, 'viewer');

      const table = await screen.findByRole('table', { name: 'Runs it started' });
      expect(within(table).getByText('running')).toHaveClass('badge', 'state-running');
      await act(() => vi.advanceTimersByTimeAsync(3000));
      expect(asked).toBe(2);
      await act(() => vi.advanceTimersByTimeAsync(3000));
      expect(await within(table).findByText('succeeded')).toHaveClass('badge', 'state-succeeded');
      expect(asked).toBe(3);

      await act(() => vi.advanceTimersByTimeAsync(30_000));
      expect(asked).toBe(3);
    });

    it('does not refresh when every run has finished', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      let asked = 0;
      stubFetch([{ path: `/api/datasets/${d.id}`, reply: () => (asked++, { body: d }) }]);
      renderDatasets(url, 'viewer');
      await screen.findByRole('table', { name: 'Runs it started' });
      await act(() => vi.advanceTimersByTimeAsync(30_000));
      expect(asked).toBe(1);
    });
  });

  it('lets an editor delete the dataset after confirming, and returns to the list', async () => {
    const { calls } = stubFetch([
      { path: `/api/datasets/${d.id}`, reply: { body: d } },
      { method: 'DELETE', path: `/api/datasets/${d.id}`, reply: { status: 204 } },
      { path: '/api/datasets', reply: { body: { total: 0, datasets: [] } } },
    ]);
    const user = userEvent.setup();
    renderDatasets(url, 'editor');

    await user.click(await screen.findByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog', { name: `Delete dataset ${d.name}?` });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));

    expect(await screen.findByText(`Dataset ${d.name} was deleted.`)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Datasets' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname)).toEqual([`/api/datasets/${d.id}`]);
  });

  it('keeps the dialog open with the reason when the server refuses the delete', async () => {
    stubFetch([
      { path: `/api/datasets/${d.id}`, reply: { body: d } },
      { method: 'DELETE', path: `/api/datasets/${d.id}`, reply: problem(403, 'Forbidden', 'this needs the editor role; olga is an operator') },
    ]);
    const user = userEvent.setup();
    renderDatasets(url, 'editor');
    await user.click(await screen.findByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Delete dataset failed: this needs the editor role; olga is an operator');
  });

  it('says when there is no such dataset', async () => {
    stubFetch([{ path: '/api/datasets/gone', reply: problem(404, 'Not found', "no dataset 'gone'") }]);
    renderDatasets('/datasets/gone', 'viewer');
    expect(await screen.findByText('No dataset gone')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'datasets' })).toHaveAttribute('href', '/datasets');
  });
});
