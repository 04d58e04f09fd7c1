import { percent } from './format';
import type { ClusterMix, ClusterShare } from './prediction';

/**
 * Rows per cluster of the prediction against the model's training rows, each cluster with both shares as bars on
 * one scale, so a cluster that grew or shrank stands out. A training manifest has the training rows only.
 */
export function ClusterMixTable({ mix, version }: { mix: ClusterMix; version?: number }) {
  const both = mix.hasPrediction && mix.hasTraining;
  const largest = Math.max(...mix.rows.flatMap((r) => [r.prediction?.share ?? 0, r.training?.share ?? 0]), 0.01);
  const of = version === undefined ? 'the model' : `version ${version}`;
  return (
    <div className="cluster-mix">
      <table className="table compact">
        <caption>{both ? `Cluster mix: prediction against training of ${of}` : mix.hasPrediction ? 'Cluster mix: prediction' : `Cluster mix: training of ${of}`}</caption>
        <thead>
          <tr>
            <th scope="col">Cluster</th>
            {mix.hasPrediction ? <th scope="col" className="num">Predicted rows</th> : null}
            {mix.hasTraining ? <th scope="col" className="num">Training rows</th> : null}
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {mix.rows.map((r) => {
            const main = mix.hasPrediction ? r.prediction : r.training;
            return (
              <tr key={r.cluster}>
                <td>{r.cluster}</td>
                {mix.hasPrediction ? <ShareCell share={r.prediction} /> : null}
                {mix.hasTraining ? <ShareCell share={r.training} /> : null}
                <td className="mix-bars-cell">
                  <svg className="mix-bars" viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">
                    <rect className={`cluster-${r.cluster % 10}`} x={0} y={0} width={((main?.share ?? 0) / largest) * 100} height={both ? 8 : 14} />
                    {both ? <rect className="mix-training" x={0} y={10} width={((r.training?.share ?? 0) / largest) * 100} height={4} /> : null}
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {both ? (
        <p className="hint">
          Bars: the prediction&apos;s share in the cluster&apos;s colour, training&apos;s as the grey bar beneath.
          {mix.largestShift ? ` Largest change from training: cluster ${mix.largestShift.cluster}, ${(mix.largestShift.shift * 100).toFixed(1)} percentage points.` : ''}
        </p>
      ) : null}
    </div>
  );
}

function ShareCell({ share }: { share: ClusterShare | undefined }) {
  return <td className="num">{share ? `${share.count.toLocaleString()} (${percent(share.share, 1)})` : '—'}</td>;
}
