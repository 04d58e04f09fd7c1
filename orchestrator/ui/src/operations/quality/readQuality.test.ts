import { describe, expect, it } from 'vitest';
import chunkManifest from '../../test/fixtures/chunk-manifest.json';
import featuresManifest from '../../test/fixtures/features-manifest.json';
import predictManifest from '../../test/fixtures/predict-manifest.json';
import { readQuality } from './readQuality';

describe('readQuality', () => {
  it('says which metrics the data-quality view shows, so the JSON view leaves them out', () => {
    expect([...readQuality(featuresManifest).shown].sort()).toEqual(['drift', 'nonFinite', 'outlierRule', 'outliers']);
    const predict = readQuality(predictManifest);
    expect([...predict.shown].sort()).toEqual(['clusterDistribution', 'database']);
    expect(Object.keys(predict.leftovers)).toEqual(['model']);
  });

  it('finds nothing in a manifest from a step (or an older version) that reports none of it', () => {
    expect(readQuality(chunkManifest)).toEqual({ quality: { skipped: [], drift: undefined, columns: undefined, clusterMix: undefined }, shown: new Set(), leftovers: {} });
    expect(readQuality({}).quality.skipped).toEqual([]);
    expect(readQuality({ metrics: 'none' }).shown.size).toBe(0);
  });
});
