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
    expect(versions.map((v) => promotionLabel(v as ModelVersion))).toEqual(['not promoted', 'production', 'promoted']);
  });
});

describe('ModelsPage', () => {
  it('lists versions with promotion and quality, and draws the chosen version', async () => {
    stubFetch([
      { path: '/api/models', reply: { body: models } },
      // The server nests each version's registry metadata beside its production state.
      {
        path: '/api/models/sensor-clusters/versions',
        reply: { body: versions.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince })) },
      },
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="viewer">
        <ModelsPage />
      </SignedInAs>,
    );

    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]!).getByText('not promoted')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('production')).toBeInTheDocument();
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

  it('lets an editor make a version production, after confirming', async () => {
    const nested = versions.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince }));
    const { calls } = stubFetch([
      { path: '/api/models', reply: { body: models } },
      { path: '/api/models/sensor-clusters/versions', reply: { body: nested } },
      { method: 'POST', path: '/api/models/sensor-clusters/production', reply: { body: { version: 1 } } },
    ]);
    const user = userEvent.setup();
    render(
      <SignedInAs role="editor">
        <ModelsPage />
      </SignedInAs>,
    );

    await user.click(await screen.findByRole('button', { name: 'v1' }));
    await user.click(screen.getByRole('button', { name: 'Make v1 production' }));
    await user.click(await screen.findByRole('button', { name: 'Make production' }));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/models/sensor-clusters/production');
    expect(post.body).toEqual({ version: 1 });
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
