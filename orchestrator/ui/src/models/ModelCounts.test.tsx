import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import models from '../test/fixtures/models.json';
import versions from '../test/fixtures/model-versions.json';
import { stubFetch } from '../test/fetchStub';
import { SignedInAs } from '../test/session';
import { ModelsPage } from './ModelsPage';

describe('ModelsPage counts', () => {
  it('says "1 sensor" and "1 version", not "1 sensors"', async () => {
    const one = structuredClone(versions.slice(0, 1));
    one[0]!.training.sensors = 1;
    stubFetch([
      { path: '/api/models', reply: { body: [{ ...models[0], versionCount: 1, productionVersion: null }] } },
      { path: '/api/models/sensor-clusters/versions', reply: { body: one.map(({ isProduction, productionSince, ...metadata }) => ({ metadata, isProduction, productionSince })) } },
      { path: '/api/models/sensor-clusters/production/history', reply: { body: [] } },
      { path: /\/compare$/, reply: { body: null } },
    ]);
    render(
      <SignedInAs role="viewer">
        <ModelsPage />
      </SignedInAs>,
    );

    const table = await screen.findByRole('table', { name: 'Model versions' });
    expect(within(table).getByText(/, 1 sensor$/)).toBeInTheDocument();
    expect(screen.getByText('1 version')).toBeInTheDocument();
  });
});
