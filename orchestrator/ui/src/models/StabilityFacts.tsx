import type { ModelVersion } from '../api/types';
import { fixed } from './format';

/**
 * How far this version moves the clustering against the production version it was trained beside, on the same
 * rows: the adjusted Rand index, the share of rows whose stable cluster changed, and each cluster's centroid shift.
 */
export function StabilityFacts({ version }: { version: ModelVersion }) {
  const stability = version.stability;
  if (!stability) return null;
  return (
    <section aria-label="Stability">
      <h3>Against production version {stability.againstVersion}</h3>
      <dl className="facts inline">
        <dt>Adjusted Rand index</dt>
        <dd>{fixed(stability.adjustedRandIndex)}</dd>
        <dt>Rows that changed cluster</dt>
        <dd>
          {(stability.movedShare * 100).toFixed(1)}% of {stability.rows.toLocaleString()}
        </dd>
        <dt>Centroid shifts</dt>
        <dd className="small">
          {stability.clusterShifts.map((s) => `cluster ${s.cluster}: ${fixed(s.shift)}`).join(', ')}
        </dd>
      </dl>
    </section>
  );
}
