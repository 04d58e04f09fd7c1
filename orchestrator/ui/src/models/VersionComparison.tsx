import { compareModelVersions } from '../api/catalog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { CentroidShiftChart } from './CentroidShiftChart';
import { fixed, signed } from './format';

/**
 * Version b against version a as the server compares them: quality change (b − a, lower is better) and how far each
 * stable cluster's centroid moved, drawn as bars (in a's scale units, so features of different units compare).
 */
export function VersionComparison({ name, a, b }: { name: string; a: number; b: number }) {
  const comparison = useResource((signal) => compareModelVersions(name, a, b, signal), `${name}:compare:${a}:${b}`);
  if (comparison.error && !comparison.data) return <ErrorBanner error={comparison.error} action={`Comparing v${a} with v${b}`} onRetry={comparison.reload} />;
  if (!comparison.data) return <Loading what="the comparison" />;
  const { qualityDelta, centroidShifts, notComparable } = comparison.data;
  return (
    <div className="version-comparison">
      <dl className="facts inline">
        <dt title="Lower is better">Δ Davies–Bouldin</dt>
        <dd>{signed(qualityDelta.daviesBouldin)}</dd>
        <dt title="Lower is better">Δ Avg. distance</dt>
        <dd>{signed(qualityDelta.averageDistance)}</dd>
        <dt title="Lower is better">Δ Inertia</dt>
        <dd>{signed(qualityDelta.inertia, 1)}</dd>
      </dl>
      {centroidShifts ? (
        <CentroidShiftChart shifts={centroidShifts} a={a} b={b} />
      ) : (
        <p className="hint warn">The centroids do not compare: {notComparable ?? 'the versions use different features'}.</p>
      )}
      {centroidShifts && centroidShifts.length > 0 ? (
        <p className="hint">
          Largest move: cluster {[...centroidShifts].sort((x, y) => y.scaledDistance - x.scaledDistance)[0]!.cluster} by{' '}
          {fixed(Math.max(...centroidShifts.map((s) => s.scaledDistance)))} scale units.
        </p>
      ) : null}
    </div>
  );
}
