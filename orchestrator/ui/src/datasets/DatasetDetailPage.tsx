import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/ApiError';
import { datasetFileUrl, deleteDataset, getDataset } from '../api/datasets';
import type { Dataset } from '../api/types';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { CopyField } from '../common/CopyField';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { StateBadge } from '../common/StateBadge';
import { formatBytes, formatTime } from '../common/time';
import { useResource, type Resource } from '../common/useResource';
import { DatasetSchemaView } from './DatasetSchemaView';
import { dayRange } from './DatasetsTable';
import type { DatasetNotice } from './DatasetsPage';
import { anyUnfinished, stateSummary } from './startedRuns';
import { plural } from '../common/plural';

/** How often the page asks again while a run it started has not finished. */
export const STARTED_RUNS_POLL_MS = 3000;

/** One dataset: its file and hash, what the Chunker makes of it, its bad rows, and the runs its arrival started. */
export function DatasetDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  // The dataset itself does not change; the runs it started do, until each has finished.
  const [polling, setPolling] = useState(false);
  const dataset = useResource((signal) => getDataset(id, signal), id, { pollMs: polling ? STARTED_RUNS_POLL_MS : undefined });
  const unfinished = anyUnfinished(dataset.data?.runs);
  if (dataset.data && unfinished !== polling) setPolling(unfinished);
  const justReceived = (location.state as DatasetNotice | null)?.received === true;

  if (dataset.error instanceof ApiError && dataset.error.isNotFound) {
    return (
      <div className="page">
        <EmptyState title={`No dataset ${id}`}>
          It may have been deleted. Go to the <Link to="/datasets">datasets</Link>.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <p className="small">
        <Link to="/datasets">← Datasets</Link>
      </p>
      {dataset.error ? <ErrorBanner error={dataset.error} action="Loading the dataset" onRetry={dataset.reload} /> : null}
      {!dataset.data && !dataset.error ? <Loading what="the dataset" /> : null}
      {dataset.data ? <DatasetDetail dataset={dataset.data} justReceived={justReceived} resource={dataset} polling={polling} /> : null}
    </div>
  );
}

interface DetailProps {
  dataset: Dataset;
  justReceived: boolean;
  resource: Resource<Dataset>;
  polling: boolean;
}

function DatasetDetail({ dataset: d, justReceived, resource, polling }: DetailProps) {
  const runs = d.runs ?? [];
  return (
    <>
      <header className="page-header">
        <h1>{d.name}</h1>
        <DatasetActions dataset={d} />
      </header>
      {justReceived ? (
        <p className="banner banner-info" role="status">
          Dataset received: {plural(d.rows, 'row')}
          {runs.length ? `; its arrival started ${runs.filter((r) => r.runId).length} of ${runs.length} dataset-triggered workflows.` : '.'}
        </p>
      ) : null}
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">File</h2>
        <dl className="facts">
          <dt>Path</dt>
          <dd>
            <CopyField label="Path on the server" value={d.path} />
            <div className="hint">A run's path input takes this.</div>
          </dd>
          <dt>SHA-256</dt>
          <dd className="mono small">{d.sha256}</dd>
          <dt>Size</dt>
          <dd>
            {formatBytes(d.bytes)} <span className="muted small">({d.bytes.toLocaleString()} bytes)</span>
          </dd>
          <dt>Source</dt>
          <dd>
            {d.sourceUrl ? (
              <a href={d.sourceUrl} rel="noreferrer noopener" target="_blank" className="mono small">
                {d.sourceUrl}
              </a>
            ) : (
              'uploaded'
            )}
          </dd>
          <dt>Received</dt>
          <dd>
            {formatTime(d.createdAt)}
            {d.createdBy ? ` by ${d.createdBy}` : ''}
          </dd>
          <dt>Id</dt>
          <dd className="mono small">{d.id}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="content-title">
        <h2 id="content-title">Content</h2>
        <dl className="facts">
          <dt>Rows</dt>
          <dd>{d.rows.toLocaleString()}</dd>
          <dt>Readable rows</dt>
          <dd>{d.goodRows.toLocaleString()}</dd>
          <dt>Bad rows</dt>
          <dd className={d.badRows > 0 ? 'warn' : undefined}>{d.badRows.toLocaleString()}</dd>
          <dt>Sensors</dt>
          <dd>{d.sensors.toLocaleString()}</dd>
          <dt>Days</dt>
          <dd>{dayRange(d.firstDay, d.lastDay)}</dd>
        </dl>
      </section>
      <DatasetSchemaView schema={d.schema} />
      <BadRows dataset={d} />
      <StartedRuns dataset={d} resource={resource} polling={polling} />
    </>
  );
}

function DatasetActions({ dataset }: { dataset: Dataset }) {
  const session = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  return (
    <div className="dataset-actions row">
      <a className="button" href={datasetFileUrl(dataset.id)} download={dataset.name}>
        Download
      </a>
      {session.hasRole('editor') ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          Delete…
        </button>
      ) : (
        <RoleNote role="editor" what="Deleting a dataset" />
      )}
      {asking ? (
        <ConfirmDialog
          title={`Delete dataset ${dataset.name}?`}
          confirmLabel="Delete dataset"
          onConfirm={async () => {
            await deleteDataset(dataset.id);
            navigate('/datasets', { state: { deleted: dataset.name } satisfies DatasetNotice });
          }}
          onClose={() => setAsking(false)}
        >
          <p>Its record and its file on the server are removed. Runs that read it keep their own outputs; a run started later with its path fails.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function BadRows({ dataset: d }: { dataset: Dataset }) {
  if (d.badRows === 0) return null;
  const columnName = (column: number | null) => (column ? d.schema.header[column - 1] : undefined);
  return (
    <section className="card" aria-labelledby="bad-rows-title">
      <h2 id="bad-rows-title">Bad rows</h2>
      <p className="hint">
        The Chunker would set these {d.badRows.toLocaleString()} rows aside{d.problems.length < d.badRows ? `; the first ${d.problems.length} are listed` : ''}.
      </p>
      {d.problems.length > 0 ? (
        <table className="table compact">
          <caption className="sr-only">Bad rows</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {d.problems.map((p, i) => (
              <tr key={i}>
                <td className="num">{p.line}</td>
                <td>
                  {p.column ?? '—'}
                  {columnName(p.column) ? <span className="mono small"> ({columnName(p.column)})</span> : null}
                </td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function StartedRuns({ dataset: d, resource, polling }: { dataset: Dataset; resource: Resource<Dataset>; polling: boolean }) {
  const runs = d.runs ?? [];
  return (
    <section className="card" aria-labelledby="runs-title">
      <header className="row">
        <h2 id="runs-title">Runs it started</h2>
        {runs.length > 0 ? <span className="muted small">{stateSummary(runs)}</span> : null}
        {polling || resource.stale ? <LastUpdated updatedAt={resource.updatedAt} stale={resource.stale} /> : null}
      </header>
      {runs.length === 0 ? (
        <p className="muted">No dataset trigger matched its name, or its arrival was told not to start workflows.</p>
      ) : (
        <table className="table compact">
          <caption className="sr-only">Runs it started</caption>
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Run</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => (
              <tr key={`${r.workflowId}-${i}`}>
                <td>{r.workflowId}</td>
                <td>
                  {r.runId ? (
                    <Link className="mono" to={`/runs/${encodeURIComponent(r.runId)}`}>
                      {r.runId}
                    </Link>
                  ) : (
                    <span className="warn">Not started</span>
                  )}
                  {r.error ? <div className="run-refusal">{r.error}</div> : null}
                </td>
                <td>
                  {r.state ? <StateBadge state={r.state} /> : '—'}
                  {r.failure ? <div className="run-refusal">{r.failure}</div> : null}
                </td>
                <td>{formatTime(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
