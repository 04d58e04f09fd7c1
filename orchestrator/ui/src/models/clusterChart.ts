import type { ModelVersion } from '../api/types';

export interface ClusterBar {
  cluster: number;
  size: number;
  /** The cluster's share of the version's training rows, 0 to 1. */
  share: number;
}

/** The cluster distribution of one version: rows per stable cluster id and their shares. */
export function clusterBars(version: Pick<ModelVersion, 'clusterSizes'>): ClusterBar[] {
  const sizes = Array.isArray(version.clusterSizes) ? version.clusterSizes : [];
  const total = sizes.reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
  return sizes.map((size, cluster) => ({ cluster, size, share: total > 0 ? size / total : 0 }));
}

/** The largest cluster count over versions, so every version's chart uses the same colours per cluster id. */
export function clusterCount(versions: readonly Pick<ModelVersion, 'clusterSizes'>[]): number {
  return Math.max(0, ...versions.map((v) => (Array.isArray(v.clusterSizes) ? v.clusterSizes.length : 0)));
}

/** Promotion state in words: production, promoted earlier, or not promoted. */
export function promotionLabel(version: Pick<ModelVersion, 'isProduction' | 'promotion'>): 'production' | 'promoted' | 'not promoted' {
  if (version.isProduction) return 'production';
  return version.promotion?.promoted ? 'promoted' : 'not promoted';
}
