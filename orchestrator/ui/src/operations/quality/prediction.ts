import { isObject, num, str, type JsonObject } from './values';

// The model a step used or registered and its cluster mix (steps/ClusterPredict/README.md, ClusterTrain):
// metrics.model = {version, chosenBy, k, family, familyReason, ...} for a prediction, {version, parentVersion, k,
// promoted, promotionReason, productionVersion, ...} for training; metrics.clusterDistribution = {training: [{cluster,
// count, share}], prediction: [...]}, training's being the model version's own training rows.

export interface ModelUsed {
  version: number;
  /** "production" or "--model-version" (prediction). */
  chosenBy?: string;
  k?: number;
  family?: string;
  familyReason?: string;
  parentVersion?: number;
  /** Training: whether this version became production, and why (not). */
  promoted?: boolean;
  promotionReason?: string;
  productionVersion?: number;
}

/** Fields of metrics.model the page shows; the others stay in the manifest's JSON view. */
const SHOWN_MODEL_FIELDS = ['version', 'chosenBy', 'k', 'family', 'familyReason', 'parentVersion', 'promoted', 'promotionReason', 'productionVersion'];

/** The model of a manifest's metrics and the fields not shown (undefined when none are left). */
export function readModel(metrics: JsonObject): { model: ModelUsed; leftover?: JsonObject } | undefined {
  const m = metrics.model;
  if (!isObject(m) || num(m.version) === undefined) return undefined;
  const leftover = Object.fromEntries(Object.entries(m).filter(([k, v]) => !SHOWN_MODEL_FIELDS.includes(k) && v !== null));
  return {
    model: {
      version: num(m.version)!,
      chosenBy: str(m.chosenBy),
      k: num(m.k),
      family: str(m.family),
      familyReason: str(m.familyReason),
      parentVersion: num(m.parentVersion),
      promoted: typeof m.promoted === 'boolean' ? m.promoted : undefined,
      promotionReason: str(m.promotionReason),
      productionVersion: num(m.productionVersion),
    },
    leftover: Object.keys(leftover).length > 0 ? leftover : undefined,
  };
}

export interface ClusterShare {
  count: number;
  /** 0 to 1. */
  share: number;
}

export interface ClusterMixRow {
  cluster: number;
  training?: ClusterShare;
  prediction?: ClusterShare;
}

export interface ClusterMix {
  rows: ClusterMixRow[];
  hasTraining: boolean;
  hasPrediction: boolean;
  /** The largest difference between a cluster's prediction and training shares, 0 to 1; with both only. */
  largestShift?: { cluster: number; shift: number };
}

/** The cluster distribution of a manifest's metrics, or undefined without a readable one. */
export function readClusterMix(metrics: JsonObject): ClusterMix | undefined {
  const d = metrics.clusterDistribution;
  if (!isObject(d)) return undefined;
  const training = readShares(d.training);
  const prediction = readShares(d.prediction);
  // Another set (or a set of another shape) is not understood here: leave the whole distribution to the JSON view.
  const known = Object.keys(d).every((k) => (k === 'training' && training) || (k === 'prediction' && prediction));
  if (!known || (!training && !prediction)) return undefined;
  const ids = [...new Set([...(training?.keys() ?? []), ...(prediction?.keys() ?? [])])].sort((a, b) => a - b);
  const rows = ids.map((cluster) => ({ cluster, training: training?.get(cluster), prediction: prediction?.get(cluster) }));
  let largestShift: ClusterMix['largestShift'];
  if (training && prediction) {
    for (const r of rows) {
      const shift = Math.abs((r.prediction?.share ?? 0) - (r.training?.share ?? 0));
      if (!largestShift || shift > largestShift.shift) largestShift = { cluster: r.cluster, shift };
    }
  }
  return { rows, hasTraining: !!training, hasPrediction: !!prediction, largestShift };
}

function readShares(value: unknown): Map<number, ClusterShare> | undefined {
  if (!Array.isArray(value) || !value.every(isObject)) return undefined;
  const entries = value as JsonObject[];
  if (entries.some((e) => num(e.cluster) === undefined || num(e.count) === undefined)) return undefined;
  const total = entries.reduce((sum, e) => sum + num(e.count)!, 0);
  // The share is written with the count; computed from the counts when an older manifest left it out.
  return new Map(entries.map((e) => [num(e.cluster)!, { count: num(e.count)!, share: num(e.share) ?? (total > 0 ? num(e.count)! / total : 0) }]));
}
