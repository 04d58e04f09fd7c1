import type { CentroidShift } from '../api/types';
import { fixed } from './format';

const ROW = 26;
const LABEL = 76;
const BAR = 300;
const VALUE = 64;

/**
 * One horizontal bar per stable cluster: how far its centroid moved from version a to b, in a's scale units
 * (1 = one standard unit of a feature). SVG by hand, as the cluster chart: a bar per cluster needs no library.
 * Each bar's tooltip gives the distance in the features' own units.
 */
export function CentroidShiftChart({ shifts, a, b }: { shifts: CentroidShift[]; a: number; b: number }) {
  if (shifts.length === 0) return <p className="muted">The versions share no cluster to compare.</p>;
  const max = Math.max(...shifts.map((s) => s.scaledDistance), 1e-9);
  const width = LABEL + BAR + VALUE;
  const height = shifts.length * ROW + 8;
  const summary = shifts.map((s) => `cluster ${s.cluster}: ${fixed(s.scaledDistance)}`).join(', ');
  return (
    <figure className="shift-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width={Math.min(width, 640)} role="img" aria-label={`Centroid shift from v${a} to v${b}: ${summary}`}>
        {shifts.map((s, i) => {
          const y = 4 + i * ROW;
          const w = Math.max(1, (s.scaledDistance / max) * BAR);
          return (
            <g key={s.cluster} data-testid={`shift-bar-${s.cluster}`}>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" className="bar-label">
                cluster {s.cluster}
              </text>
              <rect className={`cluster-${s.cluster % 10}`} x={LABEL} y={y + 3} width={w} height={ROW - 8}>
                <title>{`cluster ${s.cluster}: ${fixed(s.scaledDistance)} scale units, ${fixed(s.distance)} in feature units`}</title>
              </rect>
              <text x={LABEL + w + 6} y={y + ROW / 2 + 4} className="bar-value">
                {fixed(s.scaledDistance)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        How far each cluster&apos;s centroid moved from v{a} to v{b}, in v{a}&apos;s scale units
      </figcaption>
    </figure>
  );
}
