import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import type { AssetGraph, AssetSummary, PartitionDetail, PartitionGrid, PartitionPreview, Role } from '../api/types';
import { stubCanvas } from '../test/canvasStub';
import { problem, stubFetch, type StubRoute } from '../test/fetchStub';
import sensorTable from '../test/fixtures/sensor-table.json';
import { SignedInAs } from '../test/session';
import { AssetsPage } from './AssetsPage';
import { CELL, LABEL_WIDTH } from './calendarLayout';
import { EMPTY_COLOUR, STATE_COLOURS } from './paintCalendar';

const summary = (name: string, partitions: Record<string, number>): AssetSummary => ({
  name,
  partitioning: 'day',
  timeZone: 'UTC',
  folder: `/data/assets/${name}`,
  partitions: { materialized: 0, stale: 0, failed: 0, missing: 0, ...partitions },
  newestMaterialized: '2013-03-05',
  lastMaterializedAt: '2026-12-05T06:00:00Z',
  freshnessSeconds: 240,
  oldestStaleAgeSeconds: null,
});

/** 2013-03-01..04 materialized, 05 failed. */
const grid: PartitionGrid = {
  asset: 'features',
  from: null,
  to: null,
  states: ['materialized', 'stale', 'failed', 'missing', 'running'],
  counts: { materialized: 4, stale: 0, failed: 1, missing: 0, running: 0 },
  total: 5,
  starts: ['2013-03-01', '2013-03-05'],
  lengths: [4, 1],
  codes: [0, 2],
};

const made = {
  id: 7,
  asset: 'features',
  key: '2013-03-02',
  runId: 'run-42',
  stepId: 'features',
  attempt: 2,
  programVersion: '1.2.3',
  imageDigest: 'sha256:feed',
  rows: 1440,
  contentSha256: 'abcdef0123456789abcdef',
  createdAt: '2026-12-05T06:00:00Z',
};

const detail: PartitionDetail = {
  asset: 'features',
  partition: { key: '2013-03-02', state: 'materialized', reason: null, updatedAt: '2026-12-05T06:00:00Z', current: made },
  history: [made, { ...made, id: 3, runId: 'run-41', attempt: 1, contentSha256: '99990000' }],
  upstream: [
    { asset: 'readings', partition: '2013-03-02', file: null, sha256: 'r2', materialization: { ...made, id: 5, asset: 'readings', runId: 'run-40', stepId: 'chunk', attempt: 1 } },
  ],
  downstream: [{ ...made, id: 9, asset: 'predictions', runId: 'run-43', stepId: 'predict' }],
  models: [{ registry: 'sensor-model', version: 3, createdAt: '2026-12-05T06:10:00Z', promoted: true, sha256: 'm', sameContent: true, modelSha256: 'mm', scoredTotal: 12, scored: [] }],
};

const preview: PartitionPreview = {
  asset: 'features',
  key: '2013-03-02',
  limit: 20,
  columns: [
    { name: 'sensor', type: 'String' },
    { name: 'mean', type: 'Double' },
  ],
  rows: [
    ['s1', 0.5],
    ['s2', 1.25],
  ],
  files: ['part-0.parquet'],
  more: false,
};

const graph: AssetGraph = {
  assets: ['features', 'readings'],
  steps: [{ workflow: 'sensor-continuous', step: 'features', inputs: ['readings'], outputs: ['features'] }],
};

function routes(extra: StubRoute[] = []): StubRoute[] {
  return [
    ...extra,
    { path: '/api/assets', reply: { body: [summary('features', { materialized: 4, failed: 1 }), summary('readings', { materialized: 5 })] } },
    { path: '/api/assets/graph', reply: { body: graph } },
    { path: '/api/assets/features/grid', reply: { body: grid } },
    { path: /^\/api\/assets\/features\/partitions\/2013-03-0\d$/, reply: { body: detail } },
    { path: /^\/api\/assets\/features\/partitions\/2013-03-0\d\/preview$/, reply: { body: preview } },
    // Assets made before sensors were kept have no sensors table: the page shows none.
    { path: /^\/api\/assets\/[^/]+\/sensors$/, reply: problem(404, 'Not Found', 'it has no sensors table') },
  ];
}

function RunPage() {
  return <p>run page {useParams().id}</p>;
}

function renderAssets(url: string, role: Role) {
  return render(
    <SignedInAs role={role}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/assets" element={<AssetsPage />} />
          <Route path="/runs/:id" element={<RunPage />} />
        </Routes>
      </MemoryRouter>
    </SignedInAs>,
  );
}

/** Clicks a day of March 2013 (the calendar's first row) on the canvas. */
const clickDate = (date: number, init: { shiftKey?: boolean } = {}) =>
  fireEvent.click(screen.getByTestId('partition-calendar'), { clientX: LABEL_WIDTH + (date - 1) * CELL + 3, clientY: 3, ...init });

const cellColour = (painted: ReturnType<typeof stubCanvas>['painted'], date: number) => painted.cells.find((c) => c.x === LABEL_WIDTH + (date - 1) * CELL + 1)?.colour;

describe('AssetsPage', () => {
  it('lists assets with counts and freshness, and draws the chosen asset calendar with counts by state', async () => {
    stubFetch(routes());
    const { painted } = stubCanvas();
    renderAssets('/assets?asset=features', 'viewer');

    const table = await screen.findByRole('table');
    const features = within(table).getAllByRole('row')[1]!;
    expect(within(features).getByRole('button', { name: 'features' })).toBeInTheDocument();
    expect(within(features).getAllByRole('cell').map((c) => c.textContent)).toEqual(['features', '4', '0', '1', '0', '2013-03-05', '4 min', '—']);
    expect(await screen.findByTestId('count-materialized')).toHaveTextContent('4');
    expect(screen.getByTestId('count-failed')).toHaveTextContent('1');
    expect(screen.getByTestId('count-running')).toHaveTextContent('0');
    await waitFor(() => expect(cellColour(painted, 5)).toBe(STATE_COLOURS.failed));
    expect(cellColour(painted, 1)).toBe(STATE_COLOURS.materialized);
    expect(cellColour(painted, 6)).toBe(EMPTY_COLOUR);
    expect(screen.getByTestId('asset-graph')).toBeInTheDocument();
  });

  it('hides a state from the calendar when its box is unticked, and asks for a day range', async () => {
    const { calls } = stubFetch(routes());
    const { painted } = stubCanvas();
    const user = userEvent.setup();
    renderAssets('/assets?asset=features', 'viewer');

    await waitFor(() => expect(cellColour(painted, 5)).toBe(STATE_COLOURS.failed));
    await user.click(screen.getByRole('checkbox', { name: /failed/ }));
    await waitFor(() => expect(cellColour(painted, 5)).toBe(EMPTY_COLOUR));
    expect(cellColour(painted, 1)).toBe(STATE_COLOURS.materialized);

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2013-03-02' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2013-03-04' } });
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname.endsWith('/grid') && c.url.search === '?from=2013-03-02&to=2013-03-04')).toBe(true));
  });

  it('opens a clicked day with its lineage, models, rows and history', async () => {
    stubFetch(routes());
    stubCanvas();
    renderAssets('/assets?asset=features', 'viewer');
    await screen.findByTestId('count-failed');

    clickDate(2);

    const panel = await screen.findByRole('complementary', { name: 'Partition 2013-03-02 of features' });
    const madeBy = await within(panel).findByRole('region', { name: 'Made by' });
    expect(within(madeBy).getByRole('link', { name: 'run run-42, step features, attempt 2' })).toHaveAttribute('href', '/runs/run-42');
    expect(madeBy).toHaveTextContent('1,440');
    expect(madeBy).toHaveTextContent('1.2.3');
    expect(madeBy).toHaveTextContent('sha256:feed');
    expect(madeBy).toHaveTextContent('abcdef0123456789…');
    const from = within(panel).getByRole('region', { name: 'Made from' });
    expect(within(from).getByRole('link', { name: 'readings · 2013-03-02' })).toHaveAttribute('href', '/assets?asset=readings&day=2013-03-02');
    expect(within(from).getByRole('link', { name: 'run run-40, step chunk, attempt 1' })).toHaveAttribute('href', '/runs/run-40');
    expect(within(within(panel).getByRole('region', { name: 'Made into' })).getByRole('link', { name: 'predictions · 2013-03-02' })).toBeInTheDocument();
    expect(within(panel).getByRole('region', { name: 'Models trained on it' })).toHaveTextContent('sensor-model v3 (promoted) · trained on this content · scored 12 partitions');
    const rows = within(await within(within(panel).getByRole('region', { name: 'Data preview' })).findByRole('table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['sensormean', 's10.5', 's21.25']);
    const history = within(within(panel).getByRole('region', { name: 'History' })).getAllByRole('row');
    expect(history).toHaveLength(3);
    expect(history[2]).toHaveTextContent('run-41');
  });

  it('selects a range with shift-click and materializes it as an editor, then goes to the run', async () => {
    const { calls } = stubFetch(
      routes([{ method: 'POST', path: '/api/assets/features/materialize', reply: { status: 202, body: { runId: 'run-99', workflow: 'features-backfill', partitions: 3, upstream: [] } } }]),
    );
    stubCanvas();
    const user = userEvent.setup();
    renderAssets('/assets?asset=features', 'editor');
    await screen.findByTestId('count-failed');

    clickDate(2);
    clickDate(4, { shiftKey: true });
    expect(screen.getByTestId('selection-summary')).toHaveTextContent('Selected 3 days, 2013-03-02 to 2013-03-04');
    await user.click(screen.getByRole('button', { name: 'Materialize 3 partitions' }));

    expect(await screen.findByText('run page run-99')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ partitions: ['2013-03-02', '2013-03-03', '2013-03-04'], upstream: false });
  });

  it('asks for the missing upstream days too when that box is ticked', async () => {
    const { calls } = stubFetch(
      routes([{ method: 'POST', path: '/api/assets/features/materialize', reply: { status: 202, body: { runId: 'run-99', workflow: 'features-backfill', partitions: 1, upstream: [] } } }]),
    );
    stubCanvas();
    const user = userEvent.setup();
    renderAssets('/assets?asset=features', 'editor');
    await screen.findByTestId('count-failed');

    clickDate(5);
    await user.click(screen.getByRole('checkbox', { name: 'with missing upstream days' }));
    await user.click(screen.getByRole('button', { name: 'Materialize 1 partition' }));

    expect(await screen.findByText('run page run-99')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ partitions: ['2013-03-05'], upstream: true });
  });

  it("shows the server's refusal of a materialization", async () => {
    stubFetch(
      routes([{ method: 'POST', path: '/api/assets/features/materialize', reply: problem(409, 'Conflict', "no workflow makes asset 'features'") }]),
    );
    stubCanvas();
    const user = userEvent.setup();
    renderAssets('/assets?asset=features', 'editor');
    await screen.findByTestId('count-failed');

    clickDate(5);
    await user.click(screen.getByRole('button', { name: 'Materialize 1 partition' }));

    expect(await screen.findByRole('alert')).toHaveTextContent("Materializing 1 partition of features failed: no workflow makes asset 'features'");
  });

  it("shows the chosen asset's sensors table when it keeps one", async () => {
    stubFetch(routes([{ path: '/api/assets/features/sensors', reply: { body: sensorTable } }]));
    stubCanvas();
    renderAssets('/assets?asset=features', 'viewer');

    const sensors = await screen.findByRole('table', { name: 'Sensors of features' });
    expect(within(sensors).getAllByRole('row')).toHaveLength(4);
  });

  it('tells a viewer that materializing needs the editor role', async () => {
    stubFetch(routes());
    stubCanvas();
    renderAssets('/assets?asset=features', 'viewer');
    await screen.findByTestId('count-failed');

    expect(screen.queryByRole('button', { name: /Materialize/ })).not.toBeInTheDocument();
    expect(screen.getByText('Materializing partitions needs the editor role; you are a viewer.')).toBeInTheDocument();
  });
});
