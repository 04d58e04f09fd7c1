import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import models from '../test/fixtures/models.json';
import versions from '../test/fixtures/model-versions.json';
import { stubFetch } from '../test/fetchStub';
import { SignedInAs } from '../test/session';
import type { ModelVersion } from '../api/types';
import { clusterBars, clusterCount, promotionLabel } from './clusterChart';
import { ModelsPage } from './ModelsPage';

describe('cluster chart data', () => {
  it('gives each stable cluster its rows and share', () => {
    const v1 = versions[2] as ModelVersion;
    expect(clusterBars(v1)).toEqual([
      { cluster: 0, size: 6, share: 6 / 92 },
      { cluster: 1, size: 46, share: 0.5 },
      { cluster: 2, size: 10, share: 10 / 92 },
      { cluster: 3, size: 30, share: 30 / 92 },
    ]);
    expect(clusterBars({ clusterSizes: [0, 0] })).toEqual([
      { cluster: 0, size: 0, share: 0 },
      { cluster: 1, size: 0, share: 0 },
    ]);
    expect(clusterCount([{ clusterSizes: [1, 2] }, { clusterSizes: [1, 2, 3] }])).toBe(3);
  });

  it('names the promotion state', () => {
    // "in production" is now; a version production was before reads as a past promotion, never as the same word.
    expect(versions.map((v) => promotionLabel(v as ModelVersion))).toEqual(['not promoted', 'in production', 'was promoted']);
    expect(promotionLabel(versions[0] as ModelVersion, [{ version: 3 }])).toBe('was promoted');
  });
});

const history = [
  { version: 1, promotedAt: '2026-11-19T08:00:00Z', reason: 'no production version yet', promotedBy: null },
  { version: 2, promotedAt: '2026-11-20T02:14:09Z', reason: 'better on March', promotedBy: 'mlops' },
];
const comparison = (a: number, b: number) => ({
  a: versions.find((v) => v.version === a),
  b: versions.find((v) => v.version === b),
  qualityDelta: { daviesBouldin: 0.07, averageDistance: -0.01, inertia: 3.5 },
  sameFeatures: true,
  centroidShifts: [
    { cluster: 0, distance: 1.2, scaledDistance: 0.12, perFeature: [] },
    { cluster: 1, distance: 4.0, scaledDistance: 0.4, perFeature: [] },
  ],
  notComparable: null,
});
const compareRoute = {
  path: '/api/models/sensor-clusters/compare',
  reply: (url: URL) => ({ body: comparison(Number(url.searchParams.get('a')), Number(url.searchParams.get('b'))) }),
};

describe('ModelsPage', () => {
  it('lists versions with promotion and quality, and draws the chosen version', async () => {
    stubFetch([
      { path: '/api/models', reply: { body: models } },
      // The server nests each version's registry metadata beside its production state.
      {
        path: '/api/models/sensor-clusters/versions',
        reply: { body: versions.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince })) },
      },
      { path: '/api/models/sensor-clusters/production/history', reply: { body: history } },
      compareRoute,
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="viewer">
        <ModelsPage />
      </SignedInAs>,
    );

    const table = await screen.findByRole('table', { name: 'Model versions' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]!).getByText('not promoted')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('in production')).toBeInTheDocument();
    expect(rows[3]).toHaveTextContent(/was promoted on Nov 19, 2026/);
    expect(within(rows[2]!).getByText('0.840')).toBeInTheDocument();

    // The production version is drawn first; each version's row has its distribution too.
    expect(screen.getByRole('heading', { name: 'Version 2' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Version 3 cluster distribution: cluster 0: 8 rows/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'v1' }));
    const chart = screen.getByRole('img', { name: /^Clusters of version 1: cluster 0: 6 rows \(7%\), cluster 1: 46 rows \(50%\)/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(4);
    // Version 1 was trained on named features: nothing left out. Version 3 left two columns out, each with why.
    expect(screen.queryByRole('region', { name: 'Features left out' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'v3' }));
    const stability = screen.getByRole('region', { name: 'Stability' });
    expect(within(stability).getByRole('heading')).toHaveTextContent('Against production version 2');
    expect(stability).toHaveTextContent('Adjusted Rand index0.873');
    expect(stability).toHaveTextContent('Rows that changed cluster5.4% of 92');
    expect(stability).toHaveTextContent('Centroid shiftscluster 0: 0.120, cluster 1: 0.400');
    const left = within(screen.getByRole('region', { name: 'Features left out' })).getAllByRole('row');
    expect(left.map((r) => r.textContent)).toEqual([
      'ColumnRuleWhy',
      'lat_meansensor attributenever changes within a sensor (a sensor attribute such as an id or a coordinate): it tells where a sensor is, not how it behaves',
      'durP1_meanemptyhas no value in any of the 752 rows',
    ]);
    // A viewer is told why there is no promote button.
    expect(screen.queryByRole('button', { name: /production/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Promoting or rolling back a model needs the editor role; you are a viewer/)).toBeInTheDocument();
  });

  it('makes a version production only with a reason, and shows the new production version and its history at once', async () => {
    let production = 2;
    const recorded = [...history];
    const nested = () =>
      versions.map(({ isProduction: _p, productionSince: _s, ...metadata }) => ({
        metadata,
        isProduction: metadata.version === production,
        productionSince: metadata.version === production ? recorded.at(-1)!.promotedAt : null,
      }));
    const { calls } = stubFetch([
      { path: '/api/models', reply: () => ({ body: [{ ...models[0], productionVersion: production }] }) },
      { path: '/api/models/sensor-clusters/versions', reply: () => ({ body: nested() }) },
      { path: '/api/models/sensor-clusters/production/history', reply: () => ({ body: recorded }) },
      compareRoute,
      {
        method: 'POST',
        path: '/api/models/sensor-clusters/production',
        reply: (_url, init) => {
          const body = JSON.parse(String(init?.body)) as { version: number; reason: string };
          production = body.version;
          recorded.push({ version: body.version, promotedAt: '2026-11-24T09:30:00Z', reason: body.reason, promotedBy: 'mlops' });
          return { body: recorded.at(-1) };
        },
      },
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="editor">
        <ModelsPage />
      </SignedInAs>,
    );
    expect(await screen.findByRole('tab', { name: /production v2/ })).toBeInTheDocument();
    expect(await screen.findByText(/In production:/)).toHaveTextContent('In production: version 2');

    await user.click(await screen.findByRole('button', { name: 'v1' }));
    await user.click(screen.getByRole('button', { name: 'Make v1 production…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make version 1 of sensor-clusters production?' });
    const confirm = within(dialog).getByRole('button', { name: 'Make production' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Reason (required)'), '  v2 splits the night cluster ');
    await user.click(confirm);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/models/sensor-clusters/production');
    expect(post.body).toEqual({ version: 1, reason: 'v2 splits the night cluster' });

    // The tab (the models list) and the line above the table say version 1 without waiting for the next poll.
    expect(await screen.findByRole('tab', { name: /production v1/ })).toBeInTheDocument();
    expect(await screen.findByText(/In production:/)).toHaveTextContent('In production: version 1');
    const historyTable = within(screen.getByRole('region', { name: 'Production history' })).getAllByRole('row');
    expect(historyTable[1]).toHaveTextContent('v1in production');
    expect(historyTable[1]).toHaveTextContent('mlopsv2 splits the night cluster');
    expect(historyTable[3]).toHaveTextContent('the trainerno production version yet');
  });

  it('rolls back only with a reason, and refuses when the server does', async () => {
    const { calls } = stubFetch([
      { path: '/api/models', reply: { body: models } },
      { path: '/api/models/sensor-clusters/versions', reply: { body: versions.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince })) } },
      { path: '/api/models/sensor-clusters/production/history', reply: { body: history } },
      compareRoute,
      {
        method: 'POST',
        path: '/api/models/sensor-clusters/rollback',
        reply: { status: 422, body: { title: 'Invalid', detail: 'reason: say why', errors: { reason: ['say why production changes'] } } },
      },
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="editor">
        <ModelsPage />
      </SignedInAs>,
    );
    await user.click(await screen.findByRole('button', { name: 'Roll back production…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll sensor-clusters back to its previous production version?' });
    await user.type(within(dialog).getByLabelText('Reason (required)'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByText('say why production changes')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: 'x' });
  });

  it('charts how far each cluster moved between two versions', async () => {
    const { calls } = stubFetch([
      { path: '/api/models', reply: { body: models } },
      { path: '/api/models/sensor-clusters/versions', reply: { body: versions.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince })) } },
      { path: '/api/models/sensor-clusters/production/history', reply: { body: history } },
      compareRoute,
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="viewer">
        <ModelsPage />
      </SignedInAs>,
    );
    // Production (v2) is chosen first and compared with the version before it.
    const section = await screen.findByRole('region', { name: 'Comparison' });
    const chart = await within(section).findByRole('img', { name: 'Centroid shift from v1 to v2: cluster 0: 0.120, cluster 1: 0.400' });
    const bars = chart.querySelectorAll('rect');
    expect(bars).toHaveLength(2);
    // Bars are drawn to scale: the largest shift fills the width.
    expect(Number(bars[1]!.getAttribute('width'))).toBeGreaterThan(Number(bars[0]!.getAttribute('width')) * 3);
    expect(section).toHaveTextContent('Δ Davies–Bouldin+0.070');

    await user.click(screen.getByRole('button', { name: 'v3' }));
    await within(screen.getByRole('region', { name: 'Comparison' })).findByRole('img', { name: /Centroid shift from v2 to v3/ });
    await user.selectOptions(screen.getByLabelText('Compare with version'), '1');
    await within(screen.getByRole('region', { name: 'Comparison' })).findByRole('img', { name: /Centroid shift from v1 to v3/ });
    expect(calls.at(-1)!.url.search).toBe('?a=1&b=3');
  });

  it('says when the server has no model registry endpoint', async () => {
    stubFetch([{ path: '/api/models', reply: { status: 404, body: { title: 'Not Found', status: 404 } } }]);
    render(
      <SignedInAs role="viewer">
        <ModelsPage />
      </SignedInAs>,
    );
    expect(await screen.findByText(/not available from this server/)).toBeInTheDocument();
  });
});
