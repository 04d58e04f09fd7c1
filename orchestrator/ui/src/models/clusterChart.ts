import type { ModelVersion, ProductionPromotion } from '../api/types';

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

/**
 * Promotion state in words that cannot be mixed up: the version in production now, one that was production (made so
 * by a promotion, or by the trainer when registered) but is no longer, or one never promoted.
 */
export function promotionLabel(version: Pick<ModelVersion, 'isProduction' | 'promotion'>, history: readonly Pick<ProductionPromotion, 'version'>[] = []): 'in production' | 'was promoted' | 'not promoted' {
  if (version.isProduction) return 'in production';
  return version.promotion?.promoted || history.some((p) => p.version === (version as Partial<ModelVersion>).version) ? 'was promoted' : 'not promoted';
}

/** When a version that is no longer production last became production: its latest promotion, else its registration. */
export function lastPromotedAt(version: Pick<ModelVersion, 'version' | 'createdAt' | 'promotion'>, history: readonly ProductionPromotion[]): string | null {
  const promotions = history.filter((p) => p.version === version.version);
  if (promotions.length > 0) return promotions[promotions.length - 1]!.promotedAt;
  return version.promotion?.promoted ? version.createdAt : null;
}
