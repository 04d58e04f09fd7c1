import { describe, expect, it } from 'vitest';
import chunkManifest from '../../test/fixtures/chunk-manifest.json';
import predictManifest from '../../test/fixtures/predict-manifest.json';
import trainSkippedManifest from '../../test/fixtures/train-skipped-manifest.json';
import { readSkippedWork } from './skippedWork';

describe('readSkippedWork', () => {
  it("finds ClusterPredict's database write skipped without a connection string", () => {
    const report = readSkippedWork(predictManifest.metrics);
    expect(report.skipped).toEqual([
      {
        key: 'database',
        what: 'Database write',
        target: 'table cluster_predictions',
        reason: 'no connection string configured (CLUSTER_PREDICT_CONNECTION_STRING or --connection-string-file)',
      },
    ]);
    // Its zero counts and null endpoint say nothing more.
    expect(report.consumed).toEqual(['database']);
  });

  it('finds a step that skipped all of its work, with its reason', () => {
    const report = readSkippedWork(trainSkippedManifest.metrics);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ key: 'skipped', what: "the step's work", reason: expect.stringMatching(/^model family .* fits this data/) });
    expect(report.consumed).toEqual(['skipped', 'reason']);
  });

  it('lists the things skipped, and finds nothing in an empty list', () => {
    expect(readSkippedWork({ skipped: ['a.csv', 'b.csv'] }).skipped).toEqual([{ key: 'skipped', what: '2 items', items: ['a.csv', 'b.csv'] }]);
    expect(readSkippedWork(chunkManifest.metrics)).toEqual({ skipped: [], consumed: [], leftovers: {} });
  });

  it('recognises any part reported skipped, and keeps what else that part says', () => {
    const report = readSkippedWork({ upload: { skipped: true, reason: 'dry run', bucket: 's3://x', bytes: 0 } });
    expect(report.skipped).toEqual([{ key: 'upload', what: 'Upload', reason: 'dry run', target: undefined }]);
    expect(report.leftovers).toEqual({ upload: { bucket: 's3://x' } });
    expect(report.consumed).toEqual([]);
  });

  it('finds nothing in a write that happened or a manifest without metrics fields', () => {
    expect(readSkippedWork({ database: { written: true, table: 't', rowsInserted: 5, reason: null } }).skipped).toEqual([]);
    expect(readSkippedWork({}).skipped).toEqual([]);
    expect(readSkippedWork({ skipped: false, reason: 'x' }).skipped).toEqual([]);
  });
});
