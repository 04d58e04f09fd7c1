import { describe, expect, it } from 'vitest';
import featuresManifest from '../../test/fixtures/features-manifest.json';
import { readColumnQuality } from './columnQuality';

describe('readColumnQuality', () => {
  it("joins the FeatureCreator's missing counts and outliers per column, with their shares", () => {
    const report = readColumnQuality(featuresManifest.metrics)!;
    expect(report.rows).toBe(744);
    expect(report.hasMissing && report.hasOutliers).toBe(true);
    expect(report.columns.map((c) => c.column)).toEqual(Object.keys(featuresManifest.metrics.nonFinite));
    const co = report.columns.find((c) => c.column === 'CO')!;
    expect(co).toMatchObject({ na: 80, notFinite: 0, outliers: 5, median: 1344 });
    expect(co.missingShare).toBeCloseTo(80 / 744);
    expect(co.outlierShare).toBeCloseTo(5 / 664);
  });

  it('adds NaN and infinities together as values present but not numbers', () => {
    const report = readColumnQuality({ rowsRead: 10, nonFinite: { t: { na: 1, nan: 2, positiveInfinity: 1, negativeInfinity: 0 } } })!;
    expect(report.columns[0]).toMatchObject({ na: 1, notFinite: 3, missingShare: 0.4 });
    expect(report.hasOutliers).toBe(false);
  });

  it('reads an older manifest with outliers only (no missing counts)', () => {
    const report = readColumnQuality({ outliers: { humidity: { readings: 7000, count: 0, share: 0, median: 55 } }, outlierRule: 'robust z' })!;
    expect(report.hasMissing).toBe(false);
    expect(report.outlierRule).toBe('robust z');
    expect(report.columns).toEqual([
      { column: 'humidity', na: undefined, notFinite: undefined, missingShare: undefined, outliers: 0, outlierShare: 0, median: 55, low: undefined, high: undefined },
    ]);
  });

  it('takes the readings plus the missing values as the rows when rowsRead is missing', () => {
    const report = readColumnQuality({ nonFinite: { t: { na: 25 } }, outliers: { t: { readings: 75, count: 3, share: 0.04 } } })!;
    expect(report.columns[0]!.missingShare).toBe(0.25);
  });

  it('is undefined without either, or when they have another shape', () => {
    expect(readColumnQuality({ rowsRead: 3 })).toBeUndefined();
    expect(readColumnQuality({ nonFinite: 4, outliers: [1] })).toBeUndefined();
  });
});
