import { useState } from 'react';
import type { ModelVersion, ProductionPromotion } from '../api/types';
import { Time } from '../common/Time';
import { ClusterChart } from './ClusterChart';
import { ExcludedFeatures } from './ExcludedFeatures';
import { lastPromotedAt, promotionLabel } from './clusterChart';
import { fixed } from './format';
import { ProductionActions } from './ProductionActions';
import { StabilityFacts } from './StabilityFacts';
import { VersionComparison } from './VersionComparison';
import { plural } from '../common/plural';

interface Props {
  name: string;
  versions: ModelVersion[];
  /** Every production change, oldest first (empty on servers or registries without the history). */
  history: ProductionPromotion[];
  onChanged: () => void;
}

/**
 * Versions newest first, with promotion, quality and distribution; the chosen one's clusters drawn large, and the
 * chosen one compared with another version.
 */
export function ModelVersionsTable({ name, versions, history, onChanged }: Props) {
  const [selected, setSelected] = useState<number>(() => (versions.find((v) => v.isProduction) ?? versions[0])!.version);
  const current = versions.find((v) => v.version === selected) ?? versions[0]!;
  const production = versions.find((v) => v.isProduction);
  // Against production by default; the production version itself against the version before it.
  const defaultOther = (current.isProduction ? versions.find((v) => v.version < current.version) : production ?? versions.find((v) => v.version !== current.version))?.version;
  const [chosenOther, setOther] = useState<number | null>(null);
  const other = chosenOther !== null && chosenOther !== current.version ? chosenOther : defaultOther;
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
            const label = promotionLabel(v, history);
            return (
              <tr key={v.version} className={v.version === selected ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" aria-pressed={v.version === selected} onClick={() => setSelected(v.version)}>
                    v{v.version}
                  </button>
                  {v.parentVersion ? <div className="muted small">after v{v.parentVersion}</div> : null}
                </td>
                <td>
                  <PromotionCell version={v} label={label} history={history} />
                </td>
                <td className="small">
                  <Time iso={v.createdAt} />
                </td>
                <td className="num">{v.k}</td>
                <td className="num">{fixed(v.quality?.daviesBouldin)}</td>
                <td className="num">{fixed(v.quality?.averageDistance)}</td>
                <td className="num">{fixed(v.quality?.inertia, 1)}</td>
                <td className="small">
                  {v.training ? (
                    <>
                      {plural(v.training.rows, 'row')}, {plural(v.training.sensors, 'sensor')}
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
        {other !== undefined ? (
          <section aria-label="Comparison">
            <h3>
              <label>
                Version {current.version} compared with{' '}
                <select value={other} onChange={(e) => setOther(Number(e.target.value))} aria-label="Compare with version">
                  {versions
                    .filter((v) => v.version !== current.version)
                    .map((v) => (
                      <option key={v.version} value={v.version}>
                        v{v.version}
                        {v.isProduction ? ' (in production)' : ''}
                      </option>
                    ))}
                </select>
              </label>
            </h3>
            <VersionComparison name={name} a={other} b={current.version} />
          </section>
        ) : null}
      </section>
    </div>
  );
}

/** "in production since …" as a badge; a version that was production before reads as a date, never as a badge. */
function PromotionCell({ version, label, history }: { version: ModelVersion; label: ReturnType<typeof promotionLabel>; history: ProductionPromotion[] }) {
  const reason = version.isProduction ? ([...history].reverse().find((p) => p.version === version.version)?.reason ?? version.promotion?.reason) : version.promotion?.reason;
  const promotedAt = label === 'was promoted' ? lastPromotedAt(version, history) : null;
  return (
    <>
      {label === 'in production' ? (
        <span className="badge promotion-production">in production</span>
      ) : label === 'was promoted' ? (
        <span className="small">was promoted{promotedAt ? ' on ' : ''}{promotedAt ? <Time iso={promotedAt} /> : null}</span>
      ) : (
        <span className="muted small">not promoted</span>
      )}
      {label === 'in production' && version.productionSince ? (
        <div className="muted small">
          since <Time iso={version.productionSince} />
        </div>
      ) : null}
      <div className="muted small clamp" title={reason}>
        {reason}
      </div>
    </>
  );
}
