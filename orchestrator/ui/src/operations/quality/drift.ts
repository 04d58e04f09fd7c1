import { isObject, num, str, type JsonObject } from './values';

// The FeatureCreator's drift (steps/FeatureCreator/README.md): metrics.drift.{feature} = {mean, baselineMean,
// baselineStd, zScore, baselineRuns, drifted}; the limit and window are the run's parameters driftThreshold and
// driftWindow. Over an asset, drift is the newest day's and metrics.driftedByPartition lists each day's drifted features.

export interface DriftRow {
  feature: string;
  /** How many baseline standard deviations this run's mean is from the baseline's; null without a baseline. */
  score: number | null;
  mean?: number;
  baselineMean?: number;
  baselineStd?: number;
  /** Earlier runs pooled into the baseline. */
  baselineRuns?: number;
  drifted: boolean;
}

export interface DriftReport {
  /** Drifted features first (largest |score| first), then the others by |score|, those without a score last. */
  rows: DriftRow[];
  driftedCount: number;
  /** |score| at or above which a feature counts as drifted. */
  threshold?: number;
  /** Earlier runs the baseline pools at most. */
  window?: number;
  /** Days of an asset run whose features drifted, oldest first. */
  byPartition: { partition: string; features: string[] }[];
}

/** The drift part of a manifest, or undefined when it has none (older manifests, other steps). */
export function readDrift(metrics: JsonObject, parameters: unknown): DriftReport | undefined {
  const drift = metrics.drift;
  if (!isObject(drift) || !Object.values(drift).every(isObject)) return undefined;
  const rows = Object.entries(drift).map(([feature, d]) => toRow(feature, d as JsonObject));
  rows.sort(byConcern);
  const params = isObject(parameters) ? parameters : {};
  return {
    rows,
    driftedCount: rows.filter((r) => r.drifted).length,
    threshold: num(params.driftThreshold),
    window: num(params.driftWindow),
    byPartition: readByPartition(metrics.driftedByPartition),
  };
}

function toRow(feature: string, d: JsonObject): DriftRow {
  return {
    feature,
    score: num(d.zScore) ?? null,
    mean: num(d.mean),
    baselineMean: num(d.baselineMean),
    baselineStd: num(d.baselineStd),
    baselineRuns: num(d.baselineRuns),
    drifted: d.drifted === true,
  };
}

function byConcern(a: DriftRow, b: DriftRow): number {
  if (a.drifted !== b.drifted) return a.drifted ? -1 : 1;
  if ((a.score === null) !== (b.score === null)) return a.score === null ? 1 : -1;
  return Math.abs(b.score ?? 0) - Math.abs(a.score ?? 0);
}

function readByPartition(value: unknown): DriftReport['byPartition'] {
  if (!isObject(value)) return [];
  return Object.entries(value)
    .map(([partition, features]) => ({ partition, features: Array.isArray(features) ? features.flatMap((f) => str(f) ?? []) : [] }))
    .filter((p) => p.features.length > 0)
    .sort((a, b) => a.partition.localeCompare(b.partition));
}
