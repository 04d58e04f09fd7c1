import { describe, expect, it } from 'vitest';
import predictManifest from '../../test/fixtures/predict-manifest.json';
import trainManifest from '../../test/fixtures/train-manifest.json';
import { readClusterMix, readModel } from './prediction';

describe('readModel', () => {
  it("reads a prediction's model and leaves what the page does not show", () => {
    const { model, leftover } = readModel(predictManifest.metrics)!;
    expect(model).toMatchObject({ version: 1, chosenBy: 'production', k: 4, family: 'CO-DEWP-NO2-O3-PM10-PM2.5-PRES-RAIN-SO2-TEMP-WSPM' });
    expect(Object.keys(leftover!)).toEqual(['features', 'sha256']);
  });

  it("reads a training run's registered version and its promotion", () => {
    const { model, leftover } = readModel(trainManifest.metrics)!;
    expect(model).toMatchObject({ version: 1, promoted: true, promotionReason: 'no production version yet', productionVersion: 1 });
    // A null parent is nothing to keep.
    expect(Object.keys(leftover!)).toEqual(['clusterIds', 'registry']);
  });

  it('is undefined without a model version', () => {
    expect(readModel({})).toBeUndefined();
    expect(readModel({ model: { version: 'latest' } })).toBeUndefined();
    expect(readModel({ model: 'v1' })).toBeUndefined();
  });
});

describe('readClusterMix', () => {
  it('pairs prediction and training per cluster, with the largest change', () => {
    const mix = readClusterMix(predictManifest.metrics)!;
    expect(mix.rows.map((r) => [r.cluster, r.prediction?.count, r.training?.count])).toEqual([
      [0, 7, 32],
      [1, 4, 9],
      [2, 9, 34],
      [3, 10, 17],
    ]);
    expect(mix.largestShift!.cluster).toBe(3);
    expect(mix.largestShift!.shift).toBeCloseTo(10 / 30 - 17 / 92);
  });

  it("reads training's mix alone, computing shares an older manifest left out", () => {
    const mix = readClusterMix({ clusterDistribution: { training: [{ cluster: 1, count: 3 }, { cluster: 0, count: 1 }] } })!;
    expect(mix.hasPrediction).toBe(false);
    expect(mix.largestShift).toBeUndefined();
    expect(mix.rows).toEqual([
      { cluster: 0, training: { count: 1, share: 0.25 }, prediction: undefined },
      { cluster: 1, training: { count: 3, share: 0.75 }, prediction: undefined },
    ]);
  });

  it('leaves a distribution it does not understand to the JSON view', () => {
    expect(readClusterMix({})).toBeUndefined();
    expect(readClusterMix({ clusterDistribution: { training: [{ cluster: 0 }] } })).toBeUndefined();
    expect(readClusterMix({ clusterDistribution: { training: [{ cluster: 0, count: 1 }], holdout: [] } })).toBeUndefined();
  });
});
