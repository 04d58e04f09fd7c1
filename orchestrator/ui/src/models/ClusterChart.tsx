import type { ModelVersion } from '../api/types';
import { clusterBars } from './clusterChart';

interface Props {
  version: Pick<ModelVersion, 'version' | 'clusterSizes'>;
  /** Draw as one thin stacked bar (in a table row) or as a bar per cluster. */
  compact?: boolean;
}

/**
 * Training rows per cluster of one version, as an SVG (no chart library: a bar per cluster is all it takes).
 * Colours follow the stable cluster id, so cluster 2 has one colour in every version.
 */
export function ClusterChart({ version, compact }: Props) {
  const bars = clusterBars(version);
  const summary = bars.map((b) => `cluster ${b.cluster}: ${b.size} rows (${Math.round(b.share * 100)}%)`).join(', ');
  if (bars.length === 0) return <span className="muted">no clusters</span>;
  if (compact) {
    // Each bar starts where the ones before it end.
    const starts = bars.map((_, i) => bars.slice(0, i).reduce((sum, b) => sum + b.share * 100, 0));
    return (
      <svg className="cluster-strip" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={`Version ${version.version} cluster distribution: ${summary}`}>
        {bars.map((b, i) => (
          <rect key={b.cluster} className={`cluster-${b.cluster % 10}`} x={starts[i]} y={0} width={b.share * 100} height={10}><title>{`cluster ${b.cluster}: ${b.size}`}</title></rect>
        ))}
      </svg>
    );
  }
  const max = Math.max(...bars.map((b) => b.size), 1);
  const barWidth = 36;
  const gap = 14;
  const height = 160;
  const width = bars.length * (barWidth + gap) + gap;
  return (
    <figure className="cluster-chart">
      <svg viewBox={`0 0 ${width} ${height + 36}`} width={Math.min(width, 640)} role="img" aria-label={`Clusters of version ${version.version}: ${summary}`}>
        <line x1={0} x2={width} y1={height} y2={height} className="axis" />
        {bars.map((b, i) => {
          const h = (b.size / max) * (height - 20);
          const x = gap + i * (barWidth + gap);
          return (
            <g key={b.cluster} data-testid={`cluster-bar-${b.cluster}`}>
              <rect className={`cluster-${b.cluster % 10}`} x={x} y={height - h} width={barWidth} height={h} />
              <text x={x + barWidth / 2} y={height - h - 4} textAnchor="middle" className="bar-value">
                {b.size}
              </text>
              <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" className="bar-label">
                {b.cluster}
              </text>
              <text x={x + barWidth / 2} y={height + 30} textAnchor="middle" className="bar-label muted">
                {Math.round(b.share * 100)}%
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">Training rows per cluster of version {version.version}</figcaption>
    </figure>
  );
}
