import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import chunkManifest from '../test/fixtures/chunk-manifest.json';
import trainManifest from '../test/fixtures/train-manifest.json';
import { problem, stubFetch } from '../test/fetchStub';
import { splitManifest } from './manifest';
import { ManifestView } from './ManifestView';

const url = '/api/runs/r1/steps/train/manifest';

describe('ManifestView', () => {
  it('renders outputs, shapes, memory and timings of a real manifest, and the rest as JSON', async () => {
    stubFetch([{ path: url, reply: { body: trainManifest } }]);
    const user = userEvent.setup();
    render(<ManifestView runId="r1" stepId="train" version="succeeded:1" />);

    const outputs = await screen.findByRole('table', { name: 'Outputs (1)' });
    expect(within(outputs).getByRole('row', { name: /model-version\.json 1 0 — 4\.7 KiB/ })).toBeInTheDocument();
    const shapes = screen.getByRole('table', { name: 'Shapes' });
    expect(within(shapes).getByRole('row', { name: 'training 92 22' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Memory' })).getByRole('row', { name: 'Peak working set 70.2 MiB' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Timings' })).getByRole('row', { name: 'total 569 ms' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Metrics' })).getByRole('row', { name: 'rowsTrained 92' })).toBeInTheDocument();

    // Unknown and nested fields are not lost: they are in the JSON view.
    await user.click(screen.getByText(/Everything else/));
    expect(screen.getByText(/"clusterDistribution"/)).toBeInTheDocument();
    expect(screen.getByText(/"parameters"/)).toBeInTheDocument();
  });

  it("shows the FeatureCreator's outliers per column with the rule", async () => {
    const manifest = {
      status: 'succeeded',
      metrics: {
        rowsRead: 7000,
        outliers: {
          temperature: { readings: 7000, median: 14.06, mad: 5.1, count: 35, share: 0.005, low: -12.4, high: 40.5 },
          humidity: { readings: 7000, median: 55, mad: 0, count: 0, share: 0 },
        },
        outlierRule: 'robust z-score above 3.5: 0.6745 × |x − median| / MAD per value column',
      },
    };
    stubFetch([{ path: '/api/runs/r1/steps/features/manifest', reply: { body: manifest } }]);
    render(<ManifestView runId="r1" stepId="features" version="succeeded:1" />);

    const table = await screen.findByRole('table', { name: /^Outliers/ });
    expect(within(table).getByRole('row', { name: 'temperature 35 0.50% 14.06 -12.40 … 40.50' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'humidity 0 0.00% 55.00 every reading the same' })).toBeInTheDocument();
    expect(within(table).getByText(/^Outliers: readings/)).toHaveAttribute('title', expect.stringContaining('robust z-score above 3.5'));
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
