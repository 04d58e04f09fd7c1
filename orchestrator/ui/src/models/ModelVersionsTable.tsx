import { useState } from 'react';
import type { ModelVersion } from '../api/types';
import { formatTime } from '../common/time';
import { ClusterChart } from './ClusterChart';
import { ExcludedFeatures } from './ExcludedFeatures';
import { promotionLabel } from './clusterChart';
import { fixed } from './format';
import { ProductionActions } from './ProductionActions';
import { StabilityFacts } from './StabilityFacts';

/** Versions newest first, with promotion, quality and distribution; the chosen one's clusters drawn large. */
export function ModelVersionsTable({ name, versions, onChanged }: { name: string; versions: ModelVersion[]; onChanged: () => void }) {
  const [selected, setSelected] = useState<number>(() => (versions.find((v) => v.isProduction) ?? versions[0])!.version);
  const current = versions.find((v) => v.version === selected) ?? versions[0]!;
  return (
    <div className="model-versions">
      <table className="table">
        <caption className="sr-only">Model versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Promotion</th>
            <th scope="col">Created</th>
            <th scope="col" className="num">k</th>
            <th scope="col" className="num" title="Davies–Bouldin index; lower is better">Davies–Bouldin</th>
            <th scope="col" className="num">Avg. distance</th>
            <th scope="col" className="num">Inertia</th>
            <th scope="col">Training data</th>
            <th scope="col">Clusters</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const label = promotionLabel(v);
            return (
              <tr key={v.version} className={v.version === selected ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" aria-pressed={v.version === selected} onClick={() => setSelected(v.version)}>
                    v{v.version}
                  </button>
                  {v.parentVersion ? <div className="muted small">after v{v.parentVersion}</div> : null}
                </td>
                <td>
                  <span className={`badge promotion-${label.replace(' ', '-')}`}>{label}</span>
                  <div className="muted small clamp" title={v.promotion?.reason}>
                    {v.promotion?.reason}
                  </div>
                </td>
                <td>{formatTime(v.createdAt)}</td>
                <td className="num">{v.k}</td>
                <td className="num">{fixed(v.quality?.daviesBouldin)}</td>
                <td className="num">{fixed(v.quality?.averageDistance)}</td>
                <td className="num">{fixed(v.quality?.inertia, 1)}</td>
                <td className="small">
                  {v.training ? (
                    <>
                      {v.training.rows.toLocaleString()} rows, {v.training.sensors} sensors
                      <div className="muted">
                        {v.training.firstDay ?? '?'} – {v.training.lastDay ?? '?'}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="chart-cell">
                  <ClusterChart version={v} compact />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="model-detail" aria-label={`Version ${current.version}`}>
        <h2>Version {current.version}</h2>
        <ProductionActions name={name} version={current} onChanged={onChanged} />
        <ClusterChart version={current} />
        <dl className="facts inline">
          <dt>Trainer</dt>
          <dd>{current.trainer}</dd>
          {current.family ? (
            <>
              <dt>Model family</dt>
              <dd className="mono small" title="The kind of data it is for: the value columns its features come from">
                {current.family}
              </dd>
            </>
          ) : null}
          <dt>Features</dt>
          <dd className="small">{current.features?.join(', ')}</dd>
          <dt>Trained on</dt>
          <dd className="mono small">{current.training?.input}</dd>
        </dl>
        <StabilityFacts version={current} />
        <ExcludedFeatures version={current} />
      </section>
    </div>
  );
}
