import { ClusterMixTable } from './ClusterMixTable';
import { ColumnQualityTable } from './ColumnQualityTable';
import { DriftTable } from './DriftTable';
import { ModelUsedFacts } from './ModelUsedFacts';
import type { DataQuality } from './readQuality';
import './quality.css';

/** A step's data-quality signals from its manifest: each part only when the step reported it. */
export function DataQualityView({ quality }: { quality: DataQuality }) {
  const { drift, columns, model, clusterMix } = quality;
  if (!drift?.rows.length && !columns?.columns.length && !model && !clusterMix) return null;
  return (
    <section className="data-quality" aria-label="Data quality">
      {model || clusterMix ? (
        <div className="model-and-mix">
          {model ? <ModelUsedFacts model={model} /> : null}
          {clusterMix ? <ClusterMixTable mix={clusterMix} version={model?.version} /> : null}
        </div>
      ) : null}
      {drift ? <DriftTable drift={drift} /> : null}
      {columns ? <ColumnQualityTable report={columns} /> : null}
    </section>
  );
}
