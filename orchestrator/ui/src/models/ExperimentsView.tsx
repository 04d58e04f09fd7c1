import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import { listExperiments } from '../api/catalog';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { ExperimentComparisonPanel } from './ExperimentComparisonPanel';
import { comparePair, toggleSelection } from './experiments';
import { ExperimentsTable } from './ExperimentsTable';

const PAGE = 100;

/** A model's training runs, and two of them compared once two are ticked. */
export function ExperimentsView({ name }: { name: string }) {
  const experiments = useResource((signal) => listExperiments(name, { limit: PAGE }, signal), `experiments:${name}`);
  const [selected, setSelected] = useState<number[]>([]);
  if (experiments.error instanceof ApiError && experiments.error.isNotFound && !experiments.data) {
    return <EmptyState title="Experiments are not available from this server">It needs a server with the {'/api/models/{name}/experiments'} endpoint.</EmptyState>;
  }
  if (experiments.error && !experiments.data) return <ErrorBanner error={experiments.error} action={`Loading training runs of ${name}`} onRetry={experiments.reload} />;
  if (!experiments.data) return <Loading what="training runs" />;
  if (experiments.data.experiments.length === 0) {
    return <EmptyState title="No recorded training runs">Versions registered before training runs were recorded have none; the next training run records its own.</EmptyState>;
  }
  const pair = comparePair(selected);
  return (
    <div className="model-versions">
      <ExperimentsTable experiments={experiments.data.experiments} selected={selected} onToggle={(v) => setSelected((s) => toggleSelection(s, v))} />
      {experiments.data.next !== null ? <p className="hint">The newest {PAGE} training runs are shown.</p> : null}
      {pair ? <ExperimentComparisonPanel name={name} a={pair.a} b={pair.b} /> : <p className="hint">Tick two training runs to compare them side by side.</p>}
    </div>
  );
}
