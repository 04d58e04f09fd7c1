import { readColumnQuality, type ColumnQualityReport } from './columnQuality';
import { readDrift, type DriftReport } from './drift';
import { readClusterMix, readModel, type ClusterMix, type ModelUsed } from './prediction';
import { readSkippedWork, type SkippedWork } from './skippedWork';
import { isObject, type JsonObject } from './values';

/** The data-quality signals of one manifest; each is missing when the step (or its version) did not report it. */
export interface DataQuality {
  skipped: SkippedWork[];
  drift?: DriftReport;
  columns?: ColumnQualityReport;
  model?: ModelUsed;
  clusterMix?: ClusterMix;
}

export interface QualityReading {
  quality: DataQuality;
  /** Metrics keys the data-quality view shows in full: the JSON view leaves them out. */
  shown: Set<string>;
  /** Metrics keys shown in part, with what the JSON view still shows of them. */
  leftovers: Record<string, JsonObject>;
}

/** Reads the data-quality signals out of a manifest's metrics (and parameters, for the drift limits). */
export function readQuality(manifest: JsonObject): QualityReading {
  const metrics = isObject(manifest.metrics) ? manifest.metrics : {};
  const shown = new Set<string>();
  const leftovers: Record<string, JsonObject> = {};

  const skipped = readSkippedWork(metrics);
  skipped.consumed.forEach((k) => shown.add(k));
  Object.assign(leftovers, skipped.leftovers);
  const quality: DataQuality = { skipped: skipped.skipped };

  quality.drift = readDrift(metrics, manifest.parameters);
  if (quality.drift) {
    shown.add('drift');
    if (isObject(metrics.driftedByPartition)) shown.add('driftedByPartition');
  }
  quality.columns = readColumnQuality(metrics);
  if (quality.columns) {
    if (quality.columns.hasMissing) shown.add('nonFinite');
    if (quality.columns.hasOutliers) shown.add('outliers');
    if (quality.columns.outlierRule !== undefined) shown.add('outlierRule');
  }
  const model = readModel(metrics);
  if (model) {
    quality.model = model.model;
    if (model.leftover) leftovers.model = model.leftover;
    else shown.add('model');
  }
  quality.clusterMix = readClusterMix(metrics);
  if (quality.clusterMix) shown.add('clusterDistribution');
  return { quality, shown, leftovers };
}
