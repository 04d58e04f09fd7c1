import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getGrid } from '../../api/grid';
import { EmptyState } from '../../common/EmptyState';
import { ErrorBanner } from '../../common/ErrorBanner';
import { LastUpdated } from '../../common/LastUpdated';
import { Loading } from '../../common/Loading';
import { usePageVisible } from '../../common/usePageVisible';
import { useResource } from '../../common/useResource';
import { GridLegend } from './GridLegend';
import { RunGrid } from './RunGrid';

const PAGE_SIZES = [25, 50, 100] as const;
const POLL_MS = 5000;

/** The runs of one workflow by step, a page at a time: paging and page size in the URL, so the back button works. */
export function WorkflowGridPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const limit = PAGE_SIZES.find((n) => String(n) === params.get('limit')) ?? 25;
  const before = params.get('before') ?? undefined;
  const after = before ? undefined : (params.get('after') ?? undefined);
  const visible = usePageVisible();
  const grid = useResource((signal) => getGrid(id, { limit, before, after }, signal), `${id}|${limit}|${before ?? ''}|${after ?? ''}`, { pollMs: POLL_MS });
  usePaintMark(grid.data !== undefined);

  const go = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const data = grid.data;

  return (
    <div className="page grid-page">
      <header className="page-header">
        <h1>
          <span className="muted">Grid:</span> {id}
        </h1>
        <LastUpdated updatedAt={grid.updatedAt} stale={grid.stale} paused={!visible} />
        <Link className="button" to={`/runs?workflow=${encodeURIComponent(id)}`}>
          Runs list
        </Link>
      </header>
      <div className="row grid-controls">
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={!data?.older} onClick={() => go({ before: data?.older ?? undefined, after: undefined })}>
            ← Older
          </button>
          <button type="button" disabled={!data?.newer} onClick={() => go({ after: data?.newer ?? undefined, before: undefined })}>
            Newer →
          </button>
          <button type="button" disabled={!before && !after} onClick={() => go({ before: undefined, after: undefined })}>
            Newest
          </button>
        </nav>
        <label className="row">
          Runs per page
          <select value={limit} onChange={(e) => go({ limit: e.target.value })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <GridLegend />
      </div>
      <p className="hint">Each column is a run, oldest on the left: its state, the first letter of its trigger and its start time. Hover a cell for its attempts and duration; click it to open the run at that step.</p>
      {grid.error ? <ErrorBanner error={grid.error} action="Loading the grid" onRetry={grid.reload} /> : null}
      {!data && !grid.error ? <Loading what="the runs" /> : null}
      {data && data.runs.length === 0 ? (
        <EmptyState title={before || after ? 'No runs on this page' : 'No runs yet'}>
          {before || after ? 'Go back to the newest runs.' : 'Trigger the workflow from the Workflows page; its runs show here.'}
        </EmptyState>
      ) : null}
      {data && data.runs.length > 0 ? (
        <div className={grid.stale ? 'run-grid-scroll stale' : 'run-grid-scroll'}>
          <RunGrid grid={data} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * Marks the first paint of the grid with data (`pipeline:grid-painted`, after the frame that drew it) so a
 * benchmark, or a browser's performance panel, can read the time from navigation to a readable grid.
 */
function usePaintMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    performance.mark('pipeline:grid-rendered');
    requestAnimationFrame(() => setTimeout(() => performance.mark('pipeline:grid-painted'), 0));
  }, [ready]);
}
