import { describe, expect, it } from 'vitest';
import featuresManifest from '../../test/fixtures/features-manifest.json';
import { readDrift } from './drift';

describe('readDrift', () => {
  it("reads the FeatureCreator's drift with the run's threshold and window, drifted features first", () => {
    const drift = readDrift(featuresManifest.metrics, featuresManifest.parameters)!;
    expect(drift.threshold).toBe(3);
    expect(drift.window).toBe(10);
    expect(drift.driftedCount).toBe(3);
    expect(drift.rows.slice(0, 3).map((r) => [r.feature, r.drifted])).toEqual([
      ['TEMP_min', true],
      ['TEMP_mean', true],
      ['TEMP_max', true],
    ]);
    // Then by |score|; features without a score last.
    const scores = drift.rows.slice(3).map((r) => r.score);
    const firstNull = scores.indexOf(null);
    expect(scores.slice(firstNull).every((s) => s === null)).toBe(true);
    const numbers = scores.slice(0, firstNull).map((s) => Math.abs(s!));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('is undefined for manifests without drift, and for a drift of another shape', () => {
    expect(readDrift({ rowsRead: 5 }, {})).toBeUndefined();
    expect(readDrift({ drift: null }, {})).toBeUndefined();
    expect(readDrift({ drift: { a: 1 } }, {})).toBeUndefined();
  });

  it('copes with missing fields: no score, no limits, no baseline runs', () => {
    const drift = readDrift({ drift: { x: { drifted: true }, y: { zScore: 'high' } } }, undefined)!;
    expect(drift.threshold).toBeUndefined();
    expect(drift.window).toBeUndefined();
    expect(drift.rows).toEqual([
      { feature: 'x', score: null, mean: undefined, baselineMean: undefined, baselineStd: undefined, baselineRuns: undefined, drifted: true },
      { feature: 'y', score: null, mean: undefined, baselineMean: undefined, baselineStd: undefined, baselineRuns: undefined, drifted: false },
    ]);
  });

  it("lists an asset run's drifted features by day, oldest first, leaving out days with none", () => {
    const drift = readDrift({ drift: {}, driftedByPartition: { 'day=2024-01-03': ['a'], 'day=2024-01-01': ['b', 'c'], 'day=2024-01-02': [] } }, {})!;
    expect(drift.byPartition).toEqual([
      { partition: 'day=2024-01-01', features: ['b', 'c'] },
      { partition: 'day=2024-01-03', features: ['a'] },
    ]);
  });
});
