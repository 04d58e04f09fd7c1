import { Link, useSearchParams } from 'react-router';
import { listRuns } from '../api/runs';
import type { RunState } from '../api/types';
import { listWorkflows } from '../api/workflows';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { StateBadge } from '../common/StateBadge';
import { formatDuration, formatTime } from '../common/time';
import { usePageVisible } from '../common/usePageVisible';
import { useResource } from '../common/useResource';
import { RunFilters, type RunFilterValues } from './RunFilters';
import { dayEnd, dayStart, useRunPaging } from './runPaging';
import { StepCounts } from './StepCounts';

const PAGE_SIZE = 25;
const POLL_MS = 2000;

/** Runs, newest first: filters in the URL, keyset paging, refreshed every 2 s while the tab is visible. */
export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filters: RunFilterValues = {
    workflow: params.get('workflow') ?? '',
    state: params.get('state') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const filterKey = JSON.stringify(filters);
  const paging = useRunPaging(filterKey);
  const visible = usePageVisible();
  const runs = useResource(
    (signal) =>
      listRuns(
        {
          workflow: filters.workflow || undefined,
          state: (filters.state || undefined) as RunState | undefined,
          from: dayStart(filters.from),
          to: dayEnd(filters.to),
          before: paging.before,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    `${filterKey}|${paging.before ?? ''}`,
    { pollMs: POLL_MS },
  );
  const workflows = useResource((signal) => listWorkflows(signal), 'workflow-names');

  const setFilters = (values: RunFilterValues) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
    setParams(next);
  };

  const list = runs.data?.runs ?? [];
  return (
    <div className="page">
      <header className="page-header">
        <h1>Runs</h1>
        <LastUpdated updatedAt={runs.updatedAt} stale={runs.stale} paused={!visible} />
        {filters.workflow ? (
          <Link className="button" to={`/workflows/${encodeURIComponent(filters.workflow)}/grid`}>
            Grid of {filters.workflow}
          </Link>
        ) : null}
      </header>
      <RunFilters values={filters} workflows={(workflows.data ?? []).map((w) => w.id)} onChange={setFilters} />
      {runs.error ? <ErrorBanner error={runs.error} action="Loading runs" onRetry={runs.reload} /> : null}
      {!runs.data && !runs.error ? <Loading what="runs" /> : null}
      {runs.data && list.length === 0 ? (
        <EmptyState title={paging.page > 1 ? 'No older runs' : 'No runs match'}>
          {paging.page === 1 ? 'Trigger a workflow from the Workflows page, or change the filters.' : null}
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <table className={runs.stale ? 'table stale' : 'table'}>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Workflow</th>
              <th scope="col">State</th>
              <th scope="col">Steps</th>
              <th scope="col">Triggered by</th>
              <th scope="col">Logical date</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {list.map(({ run, stepCounts }) => (
              <tr key={run.id}>
                <td>
                  <Link className="mono" to={`/runs/${encodeURIComponent(run.id)}`}>
                    {run.id}
                  </Link>
                </td>
                <td>
                  {run.workflowId} <span className="muted small">v{run.workflowVersion}</span>
                </td>
                <td>
                  <StateBadge state={run.state} />
                </td>
                <td>
                  <StepCounts counts={stepCounts} />
                </td>
                <td>{run.triggeredBy}</td>
                <td>{formatTime(run.logicalDate)}</td>
                <td>{formatTime(run.createdAt)}</td>
                <td>{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <nav className="pager" aria-label="Pages">
        <button type="button" onClick={paging.first} disabled={paging.page === 1}>
          Newest
        </button>
        <button type="button" onClick={paging.newer} disabled={paging.page === 1}>
          ← Newer
        </button>
        <span aria-live="polite">Page {paging.page}</span>
        <button type="button" onClick={() => runs.data?.next && paging.older(runs.data.next)} disabled={!runs.data?.next}>
          Older →
        </button>
      </nav>
    </div>
  );
}
