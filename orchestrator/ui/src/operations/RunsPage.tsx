import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listRuns } from '../api/runs';
import type { Run, RunListItem, RunState } from '../api/types';
import { listWorkflows } from '../api/workflows';
import { useSession } from '../auth/SessionContext';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { StateBadge } from '../common/StateBadge';
import { Time } from '../common/Time';
import { formatDuration } from '../common/time';
import { usePageVisible } from '../common/usePageVisible';
import { useResource } from '../common/useResource';
import { RunBulkActions } from './RunBulkActions';
import { RunFilters, type RunFilterValues } from './RunFilters';
import { dayEnd, dayStart, useRunPaging } from './runPaging';
import { StepCounts } from './StepCounts';
import './RunsPage.css';

const PAGE_SIZE = 25;
const POLL_MS = 2000;

/**
 * Runs, newest first: filters and the page in the URL, keyset paging, the number matching the filters, each failed
 * run's first error, and retry or cancel for ticked runs (operators); refreshed every 2 s while the tab is visible.
 */
export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const canRun = useSession().hasRole('operator');
  const filters: RunFilterValues = {
    workflow: params.get('workflow') ?? '',
    state: params.get('state') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const filterKey = JSON.stringify(filters);
  const paging = useRunPaging();
  const pageKey = `${filterKey}|${paging.before ?? ''}`;
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
    pageKey,
    { pollMs: POLL_MS },
  );
  const workflows = useResource((signal) => listWorkflows(signal), 'workflow-names');
  // Ticks belong to one page of one filter: another page starts with none.
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: pageKey, ids: new Set() });
  const ticked = selection.key === pageKey ? selection.ids : new Set<string>();

  // A new filter starts at the newest page: the cursors (PAGES_PARAM) are left out.
  const setFilters = (values: RunFilterValues) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
    setParams(next);
  };

  const list = runs.data?.runs ?? [];
  const selected = list.filter((r) => ticked.has(r.run.id)).map((r) => r.run);
  const tick = (ids: string[], on: boolean) =>
    setSelection(() => {
      const next = new Set(ticked);
      for (const id of ids) if (on) next.add(id); else next.delete(id);
      return { key: pageKey, ids: next };
    });
  const allTicked = list.length > 0 && list.every((r) => ticked.has(r.run.id));

  return (
    <div className="page">
      <header className="page-header">
        <h1>Runs</h1>
        {runs.data ? <span className="runs-total" aria-live="polite">{matchText(runs.data.total, list.length, paging.page)}</span> : null}
        <LastUpdated updatedAt={runs.updatedAt} stale={runs.stale} paused={!visible} />
        {filters.workflow ? (
          <Link className="button" to={`/workflows/${encodeURIComponent(filters.workflow)}`}>
            Workflow {filters.workflow}
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
      {canRun ? <RunBulkActions selected={selected} onClear={() => setSelection({ key: pageKey, ids: new Set() })} onDone={runs.reload} /> : null}
      {list.length > 0 ? (
        <table className={runs.stale ? 'table stale' : 'table'}>
          <thead>
            <tr>
              {canRun ? (
                <th scope="col" className="select">
                  <input type="checkbox" aria-label="Select every run on this page" checked={allTicked} onChange={(e) => tick(list.map((r) => r.run.id), e.target.checked)} />
                </th>
              ) : null}
              <th scope="col">Run</th>
              <th scope="col">Workflow</th>
              <th scope="col">State</th>
              <th scope="col">Steps</th>
              <th scope="col">First error</th>
              <th scope="col">Triggered by</th>
              <th scope="col">Logical date</th>
              <th scope="col">Created</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {list.map((item) => (
              <RunRow key={item.run.id} item={item} selectable={canRun} ticked={ticked.has(item.run.id)} onTick={(on) => tick([item.run.id], on)} />
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

/** "1,204 runs match · 26–50 shown": the total over every page, and where this page sits in it. */
export function matchText(total: number | undefined, shown: number, page: number): string {
  if (total === undefined) return '';
  const first = (page - 1) * PAGE_SIZE + 1;
  const range = shown > 0 ? ` · ${first.toLocaleString()}–${(first + shown - 1).toLocaleString()} shown` : '';
  return `${total.toLocaleString()} ${total === 1 ? 'run matches' : 'runs match'}${range}`;
}

function RunRow({ item, selectable, ticked, onTick }: { item: RunListItem; selectable: boolean; ticked: boolean; onTick: (on: boolean) => void }) {
  const { run, stepCounts, firstError } = item;
  return (
    <tr className={ticked ? 'selected' : undefined}>
      {selectable ? (
        <td className="select">
          <input type="checkbox" aria-label={`Select run ${run.id}`} checked={ticked} onChange={(e) => onTick(e.target.checked)} />
        </td>
      ) : null}
      <td>
        <Link className="mono" to={`/runs/${encodeURIComponent(run.id)}`}>
          {run.id}
        </Link>
      </td>
      <td>
        <Link to={`/workflows/${encodeURIComponent(run.workflowId)}`}>{run.workflowId}</Link> <span className="muted small">v{run.workflowVersion}</span>
      </td>
      <td>
        <StateBadge state={run.state} />
      </td>
      <td>
        <StepCounts counts={stepCounts} />
      </td>
      <td className="run-first-error">{firstError ? <FirstError run={run} error={firstError} /> : <span className="muted">—</span>}</td>
      <td>{run.triggeredBy}</td>
      <td>
        <Time iso={run.logicalDate} />
      </td>
      <td>
        <Time iso={run.createdAt} />
      </td>
      <td>{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : '—'}</td>
    </tr>
  );
}

function FirstError({ run, error }: { run: Run; error: NonNullable<RunListItem['firstError']> }) {
  const text = error.message ?? (error.exitCode !== null ? `exit code ${error.exitCode}` : 'failed');
  return (
    <>
      <Link to={`/runs/${encodeURIComponent(run.id)}?step=${encodeURIComponent(error.stepId)}`} className="strong small">
        {error.stepId}
      </Link>
      <div className="small clamp" title={text}>
        {text}
      </div>
    </>
  );
}
