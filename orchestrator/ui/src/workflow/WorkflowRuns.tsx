import { Link } from 'react-router';
import { listRuns } from '../api/runs';
import type { RunListItem } from '../api/types';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { StateBadge } from '../common/StateBadge';
import { Time } from '../common/Time';
import { formatDuration } from '../common/time';
import { useResource } from '../common/useResource';
import { StepCounts } from '../operations/StepCounts';

const RECENT = 8;
const FAILURES = 5;
const POLL_MS = 5000;

/** The workflow's newest runs with their state, and how many it has in all. */
export function WorkflowRuns({ workflowId }: { workflowId: string }) {
  const runs = useResource((signal) => listRuns({ workflow: workflowId, limit: RECENT }, signal), `recent:${workflowId}`, { pollMs: POLL_MS });
  if (runs.error && !runs.data) return <ErrorBanner error={runs.error} action="Loading runs" onRetry={runs.reload} />;
  if (!runs.data) return <Loading what="runs" />;
  if (runs.data.runs.length === 0) return <EmptyState title="Never run">Trigger it, or wait for its schedule.</EmptyState>;
  const all = `/runs?workflow=${encodeURIComponent(workflowId)}`;
  return (
    <>
      <table className="table compact">
        <caption className="sr-only">Recent runs</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">State</th>
            <th scope="col">Steps</th>
            <th scope="col">Created</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.runs.map(({ run, stepCounts }) => (
            <tr key={run.id}>
              <td className="run-id">
                <Link className="mono small" to={`/runs/${encodeURIComponent(run.id)}`}>
                  {run.id}
                </Link>{' '}
                <span className="muted small">v{run.workflowVersion}</span>
              </td>
              <td>
                <StateBadge state={run.state} />
              </td>
              <td>
                <StepCounts counts={stepCounts} />
              </td>
              <td className="small">
                <Time iso={run.createdAt} />
              </td>
              <td className="small">{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link to={all}>All {runs.data.total.toLocaleString()} runs →</Link>
    </>
  );
}

/** The workflow's last failed runs, each with the step that failed first and why. */
export function WorkflowFailures({ workflowId }: { workflowId: string }) {
  const failed = useResource((signal) => listRuns({ workflow: workflowId, state: 'failed', limit: FAILURES }, signal), `failed:${workflowId}`, { pollMs: POLL_MS });
  if (failed.error && !failed.data) return <ErrorBanner error={failed.error} action="Loading failed runs" onRetry={failed.reload} />;
  if (!failed.data) return <Loading what="failed runs" />;
  if (failed.data.runs.length === 0) return <p className="muted">No failed runs.</p>;
  return (
    <>
      <ul className="failure-list" aria-label="Last failures">
        {failed.data.runs.map((item) => (
          <Failure key={item.run.id} item={item} />
        ))}
      </ul>
      {failed.data.total > failed.data.runs.length ? (
        <Link to={`/runs?workflow=${encodeURIComponent(workflowId)}&state=failed`}>All {failed.data.total.toLocaleString()} failed runs →</Link>
      ) : null}
    </>
  );
}

function Failure({ item: { run, firstError } }: { item: RunListItem }) {
  const message = firstError?.message ?? (firstError?.exitCode != null ? `exit code ${firstError.exitCode}` : run.error);
  return (
    <li>
      <div>
        <Link className="mono small" to={`/runs/${encodeURIComponent(run.id)}${firstError ? `?step=${encodeURIComponent(firstError.stepId)}` : ''}`}>
          {run.id}
        </Link>{' '}
        <span className="muted small">
          v{run.workflowVersion} · <Time iso={run.finishedAt ?? run.createdAt} />
        </span>
      </div>
      {firstError ? <strong className="small">{firstError.stepId}: </strong> : null}
      <span className="small failure-message">{message ?? 'no error recorded'}</span>
    </li>
  );
}
