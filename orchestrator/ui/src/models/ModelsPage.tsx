import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import { getProductionHistory, listModels, listModelVersions } from '../api/catalog';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { Time } from '../common/Time';
import { useResource } from '../common/useResource';
import { ExperimentsView } from './ExperimentsView';
import { ModelVersionsTable } from './ModelVersionsTable';
import { ProductionHistory } from './ProductionHistory';
import { plural } from '../common/plural';

/**
 * The model registry: each model's versions, which is in production, their quality and cluster distribution; or its
 * experiments, the training runs that registered them, two at a time compared.
 */
export function ModelsPage() {
  const models = useResource((signal) => listModels(signal), 'models', { pollMs: 15000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useState<'versions' | 'experiments'>('versions');
  const name = chosen ?? models.data?.[0]?.name ?? null;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Models</h1>
        <LastUpdated updatedAt={models.updatedAt} stale={models.stale} />
      </header>
      {models.error instanceof ApiError && models.error.isNotFound ? (
        <EmptyState title="The model registry is not available from this server">It needs a server with the /api/models endpoint.</EmptyState>
      ) : models.error ? (
        <ErrorBanner error={models.error} action="Loading models" onRetry={models.reload} />
      ) : null}
      {!models.data && !models.error ? <Loading what="models" /> : null}
      {models.data && models.data.length === 0 ? (
        <EmptyState title="No models yet">Run a training workflow (such as sensor-training) to register the first version.</EmptyState>
      ) : null}
      {models.data && models.data.length > 0 ? (
        <>
          <div className="tabs" role="tablist" aria-label="Models">
            {models.data.map((m) => (
              <button key={m.name} type="button" role="tab" aria-selected={m.name === name} className={m.name === name ? 'tab active' : 'tab'} onClick={() => setChosen(m.name)}>
                {m.name} <span className="muted small">{plural(m.versionCount, 'version')}{m.productionVersion ? `, production v${m.productionVersion}` : ''}</span>
              </button>
            ))}
          </div>
          <div className="tabs" role="tablist" aria-label="Model views">
            {(['versions', 'experiments'] as const).map((v) => (
              <button key={v} type="button" role="tab" aria-selected={v === view} className={v === view ? 'tab active' : 'tab'} onClick={() => setView(v)}>
                {v === 'versions' ? 'Versions' : 'Experiments'}
              </button>
            ))}
          </div>
          {/* A production change shows at once in the tabs too, not at the list's next poll. */}
          {name && view === 'versions' ? <ModelVersions name={name} onProductionChanged={models.reload} /> : null}
          {name && view === 'experiments' ? <ExperimentsView name={name} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** The versions and the production history are read together: a promotion or rollback reloads both. */
async function loadVersions(name: string, signal: AbortSignal) {
  const [versions, history] = await Promise.all([
    listModelVersions(name, signal),
    // Servers from before the history answer 404: the page works without it.
    getProductionHistory(name, signal).catch((e: unknown) => (e instanceof ApiError && e.isNotFound ? [] : Promise.reject(e))),
  ]);
  return { versions, history };
}

function ModelVersions({ name, onProductionChanged }: { name: string; onProductionChanged: () => void }) {
  const loaded = useResource((signal) => loadVersions(name, signal), name);
  if (loaded.error && !loaded.data) return <ErrorBanner error={loaded.error} action={`Loading versions of ${name}`} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading what="versions" />;
  const { versions, history } = loaded.data;
  if (versions.length === 0) return <EmptyState title="No versions" />;
  const production = versions.find((v) => v.isProduction);
  const changed = () => {
    loaded.reload();
    onProductionChanged();
  };
  return (
    <>
      <p className="model-production" aria-live="polite">
        {production ? (
          <>
            In production: <strong>version {production.version}</strong>
            {production.productionSince ? (
              <>
                {' '}
                since <Time iso={production.productionSince} />
              </>
            ) : null}
          </>
        ) : (
          'No version is in production.'
        )}
      </p>
      <ModelVersionsTable name={name} versions={versions} history={history} onChanged={changed} />
      <section className="model-history" aria-label="Production history">
        <h2>Production history</h2>
        <ProductionHistory history={history} />
      </section>
    </>
  );
}
