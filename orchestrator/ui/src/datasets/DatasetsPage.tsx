import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/ApiError';
import { listDatasets } from '../api/datasets';
import type { Dataset } from '../api/types';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import { DatasetsTable } from './DatasetsTable';
import { RegisterUrlForm } from './RegisterUrlForm';
import { UploadDatasetForm } from './UploadDatasetForm';
import { plural } from '../common/plural';

export const PAGE_SIZE = 25;

/** What the detail page is told after a dataset was received or deleted here. */
export interface DatasetNotice {
  received?: boolean;
  deleted?: string;
}

/**
 * Received datasets, newest first, a page at a time (the page in the URL); operators upload a CSV or have the
 * server fetch one by URL, and land on the new dataset's page.
 */
export function DatasetsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const datasets = useResource((signal) => listDatasets(PAGE_SIZE, (page - 1) * PAGE_SIZE, signal), `datasets-${page}`, { pollMs: 15000 });
  const pages = Math.max(1, Math.ceil((datasets.data?.total ?? 0) / PAGE_SIZE));
  const deleted = (location.state as DatasetNotice | null)?.deleted;

  const goTo = (next: number) => setParams(next > 1 ? { page: String(next) } : {});
  const received = (dataset: Dataset) => navigate(`/datasets/${encodeURIComponent(dataset.id)}`, { state: { received: true } satisfies DatasetNotice });

  return (
    <div className="page">
      <header className="page-header">
        <h1>Datasets</h1>
        <LastUpdated updatedAt={datasets.updatedAt} stale={datasets.stale} />
      </header>
      {deleted ? (
        <p className="banner banner-info" role="status">
          Dataset {deleted} was deleted.
        </p>
      ) : null}
      {session.hasRole('operator') ? (
        <section className="card dataset-intake" aria-label="Add a dataset">
          <UploadDatasetForm onReceived={received} />
          <RegisterUrlForm onReceived={received} />
        </section>
      ) : (
        <RoleNote role="operator" what="Uploading or registering a dataset" />
      )}
      {datasets.error instanceof ApiError && datasets.error.isNotFound ? (
        <EmptyState title="Datasets are not available from this server">It needs a server with the /api/datasets endpoint.</EmptyState>
      ) : datasets.error ? (
        <ErrorBanner error={datasets.error} action="Loading datasets" onRetry={datasets.reload} />
      ) : null}
      {!datasets.data && !datasets.error ? <Loading what="datasets" /> : null}
      {datasets.data && datasets.data.datasets.length === 0 ? (
        <EmptyState title={page > 1 ? 'No datasets on this page' : 'No datasets yet'}>
          {page > 1 ? 'Go back to the first page.' : 'Upload a CSV file or register one by URL.'}
        </EmptyState>
      ) : null}
      {datasets.data && datasets.data.datasets.length > 0 ? <DatasetsTable datasets={datasets.data.datasets} stale={datasets.stale} /> : null}
      {datasets.data && (pages > 1 || page > 1) ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" onClick={() => goTo(page - 1)} disabled={page === 1}>
            ← Newer
          </button>
          <span aria-live="polite">
            Page {page} of {pages} ({plural(datasets.data.total, 'dataset')})
          </span>
          <button type="button" onClick={() => goTo(page + 1)} disabled={page >= pages}>
            Older →
          </button>
        </nav>
      ) : null}
    </div>
  );
}
