import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import chunkManifest from '../test/fixtures/chunk-manifest.json';
import featuresManifest from '../test/fixtures/features-manifest.json';
import predictManifest from '../test/fixtures/predict-manifest.json';
import trainManifest from '../test/fixtures/train-manifest.json';
import trainSkippedManifest from '../test/fixtures/train-skipped-manifest.json';
import { problem, stubFetch } from '../test/fetchStub';
import { splitManifest } from './manifest';
import { ManifestView } from './ManifestView';

const url = '/api/runs/r1/steps/train/manifest';

/** The manifest view of one step, inside a router as on the run page (it links to the Models page). */
function showManifest(manifest: unknown, stepId = 'train') {
  stubFetch([{ path: `/api/runs/r1/steps/${stepId}/manifest`, reply: { body: manifest } }]);
  return render(
    <MemoryRouter>
      <ManifestView runId="r1" stepId={stepId} version="succeeded:1" />
    </MemoryRouter>,
  );
}

/** The text of the manifest's JSON view, opened. */
async function everythingElse(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByText(/Everything else/));
  return screen.getByText(/^\{/).textContent ?? '';
}

describe('ManifestView', () => {
  it('renders outputs, shapes, memory and timings of a real manifest, and the rest as JSON', async () => {
    const user = userEvent.setup();
    showManifest(trainManifest);

    const outputs = await screen.findByRole('table', { name: 'Outputs (1)' });
    expect(within(outputs).getByRole('row', { name: /model-version\.json 1 0 — 4\.7 KiB/ })).toBeInTheDocument();
    const shapes = screen.getByRole('table', { name: 'Shapes' });
    expect(within(shapes).getByRole('row', { name: 'training 92 22' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Memory' })).getByRole('row', { name: 'Peak working set 70.2 MiB' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Timings' })).getByRole('row', { name: 'total 569 ms' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Metrics' })).getByRole('row', { name: 'rowsTrained 92' })).toBeInTheDocument();

    // The version it registered and its training rows per cluster are shown, not repeated in the JSON view.
    expect(screen.getByRole('link', { name: 'Model version 1 on the Models page' })).toHaveAttribute('href', '/models');
    expect(screen.getByText('yes: no production version yet')).toBeInTheDocument();
    const mix = screen.getByRole('table', { name: 'Cluster mix: training of version 1' });
    expect(within(mix).getByRole('row', { name: '1 46 (50.0%)' })).toBeInTheDocument();

    // Unknown and nested fields are not lost: they are in the JSON view, with what the page does not show of the model.
    const json = await everythingElse(user);
    expect(json).toContain('"parameters"');
    expect(json).toContain('"clusterIds"');
    expect(json).not.toContain('"clusterDistribution"');
    expect(json).not.toContain('"promotionReason"');
  });

  it("shows the FeatureCreator's missing values and outliers per column, with shares and the rule", async () => {
    const user = userEvent.setup();
    showManifest(featuresManifest, 'features');

    const table = await screen.findByRole('table', { name: 'Missing values and outliers per column' });
    // CO: 80 of the 744 rows read had no value; 5 of its 664 readings lie outside the robust bounds.
    expect(within(table).getByRole('row', { name: 'CO 80 0 10.75% 5 0.75% -2143 … 4831' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'TEMP 0 0 0.00% 0 0.00% 0.2439 … 41.76' })).toBeInTheDocument();
    expect(within(table).getByText('Missing values and outliers per column')).toHaveAttribute('title', expect.stringContaining('robust z-score above 3.5'));
    // Counts that need a look stand out.
    expect(within(within(table).getByRole('row', { name: /^CO / })).getByText('80')).toHaveClass('warn');

    const json = await everythingElse(user);
    expect(json).not.toContain('"nonFinite"');
    expect(json).not.toContain('"outliers"');
  });

  it('lists drifted features first and highlighted, with score, threshold and window', async () => {
    const user = userEvent.setup();
    showManifest(featuresManifest, 'features');

    const table = await screen.findByRole('table', { name: 'Drift: 3 of 66 features drifted' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.slice(0, 4).map((r) => r.textContent)).toEqual([
      'TEMP_mindrifted+5.83|z| ≥ 31 run of 1015.320.3763',
      'TEMP_meandrifted+5.45|z| ≥ 31 run of 1021.055.954',
      'TEMP_maxdrifted+3.45|z| ≥ 31 run of 1026.8611.68',
      expect.not.stringContaining('drifted'),
    ]);
    expect(rows.slice(0, 3).every((r) => r.classList.contains('drifted'))).toBe(true);
    expect(rows[3]).not.toHaveClass('drifted');
    // Ten shown at first; the rest on request.
    expect(rows).toHaveLength(10);
    await user.click(screen.getByRole('button', { name: 'Show all 66 features' }));
    expect(within(table).getAllByRole('row')).toHaveLength(67);
    // A feature whose baseline never varied has no score, and says why.
    expect(within(table).getByRole('row', { name: /^TEMP_count / })).toHaveTextContent('baseline constant');

    const json = await everythingElse(user);
    expect(json).not.toContain('"drift"');
    expect(json).toContain('"featureStats"');
  });

  it("shows the prediction's model version and its cluster mix against training's", async () => {
    const user = userEvent.setup();
    showManifest(predictManifest, 'predict');

    expect(await screen.findByRole('link', { name: 'Model version 1 on the Models page' })).toHaveAttribute('href', '/models');
    expect(screen.getByText('(chosen by production)')).toBeInTheDocument();
    const mix = screen.getByRole('table', { name: 'Cluster mix: prediction against training of version 1' });
    expect(within(mix).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      '07 (23.3%)32 (34.8%)',
      '14 (13.3%)9 (9.8%)',
      '29 (30.0%)34 (37.0%)',
      '310 (33.3%)17 (18.5%)',
    ]);
    // Each cluster has a bar for the prediction and one for training.
    expect(mix.querySelectorAll('svg rect')).toHaveLength(8);
    expect(screen.getByText(/Largest change from training: cluster 3, 14\.9 percentage points/)).toBeInTheDocument();

    const json = await everythingElse(user);
    expect(json).not.toContain('"clusterDistribution"');
    expect(json).not.toContain('"chosenBy"');
    // What the page does not show of the model stays.
    expect(json).toContain('"sha256"');
  });

  it('warns when a step skipped its database write, and keeps the write out of the JSON view', async () => {
    const user = userEvent.setup();
    showManifest(predictManifest, 'predict');

    const warning = await screen.findByRole('note', { name: 'Skipped work' });
    expect(warning).toHaveTextContent(
      'Skipped: Database write (table cluster_predictions) — no connection string configured (CLUSTER_PREDICT_CONNECTION_STRING or --connection-string-file)',
    );
    const json = await everythingElse(user);
    expect(json).not.toContain('"database"');
  });

  it('warns when a step skipped all of its work', async () => {
    showManifest(trainSkippedManifest);
    const warning = await screen.findByRole('note', { name: 'Skipped work' });
    expect(warning).toHaveTextContent(/^⚠Skipped: the step's work — model family 'CO-DEWP-NO2-O3-PM10-PM2\.5-PRES-RAIN-SO2-TEMP-WSPM' \(production version 1\) fits this data/);
    expect(within(screen.getByRole('table', { name: 'Metrics' })).queryByText('reason')).toBeNull();
  });

  it('shows no data-quality view or warning for a manifest without those fields', async () => {
    showManifest(chunkManifest, 'chunk');
    expect(await screen.findByRole('table', { name: /^Outputs/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Data quality' })).toBeNull();
    expect(screen.queryByRole('note', { name: 'Skipped work' })).toBeNull();
  });

  it('says so when the step has no manifest', async () => {
    stubFetch([{ path: url, reply: problem(404, 'Not found', 'step train of run r1 has no manifest') }]);
    render(<ManifestView runId="r1" stepId="train" version="failed:1" />);
    expect(await screen.findByText(/No manifest/)).toBeInTheDocument();
  });

  it('shows other failures with a retry', async () => {
    stubFetch([{ path: url, reply: problem(500, 'Server error', 'the manifest is not valid JSON') }]);
    render(<ManifestView runId="r1" stepId="train" version="succeeded:1" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('the manifest is not valid JSON');
  });
});

describe('splitManifest', () => {
  it('copes with missing and oddly typed fields', () => {
    const parts = splitManifest({ step: 'x', outputs: 'none', metrics: { shapes: 3, memory: { workingSetBytes: 'big' }, rows: 5 }, surprise: [1] });
    expect(parts.step).toBe('x');
    expect(parts.outputs).toEqual([]);
    expect(parts.memory).toEqual([]);
    expect(parts.scalars).toEqual([{ name: 'shapes', value: 3 }, { name: 'rows', value: 5 }]);
    // Known fields of an unexpected shape stay in the JSON view rather than vanishing.
    expect(parts.rest).toEqual({ outputs: 'none', surprise: [1], metrics: { memory: { workingSetBytes: 'big' } } });
  });

  it('reads the chunker manifest: schemas by name and every output', () => {
    const parts = splitManifest(chunkManifest);
    expect(parts.step).toBe('chunker 0.1.0');
    expect(parts.outputs.length).toBe(chunkManifest.outputs.length);
    expect(Object.keys(parts.schemas)).toContain('chunk');
    expect(parts.scalars.find((s) => s.name === 'rowsRead')).toBeDefined();
  });
});
