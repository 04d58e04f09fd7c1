import { useState } from 'react';
import { listStepPartitions } from '../api/runs';
import type { StepPartition, StepRun, StepState } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { ErrorBanner } from '../common/ErrorBanner';
import { StateBadge } from '../common/StateBadge';
import { formatDuration, formatTime } from '../common/time';
import { useResource } from '../common/useResource';
import { StepLog } from './StepLog';
import { plural } from '../common/plural';

const PAGE = 50;
const FILTERS: (StepState | '')[] = ['', 'failed', 'running', 'queued', 'up-for-retry', 'succeeded', 'cancelled', 'skipped'];
const ENDED_NOT_SUCCEEDED: StepState[] = ['failed', 'cancelled', 'upstream-failed'];

interface Props {
  runId: string;
  step: StepRun;
  busy: string | null;
  onRetryPartition: (partitionStepId: string) => void;
}

/**
 * The days of a partitioned step, a page at a time (a fan-out may have thousands): filtered by state, each with its
 * attempts and error, retried alone, and its log shown when picked. Reloaded as the step's counts change.
 */
export function PartitionList({ runId, step, busy, onRetryPartition }: Props) {
  const [state, setState] = useState<StepState | ''>('');
  const [pages, setPages] = useState<string[]>([]);
  const [picked, setPicked] = useState<StepPartition | null>(null);
  const mayRetry = useSession().hasRole('operator');
  const after = pages[pages.length - 1];
  const counts = step.partitions;
  const version = counts ? Object.entries(counts.byState).map(([k, v]) => `${k}${v}`).join(',') : '';
  const page = useResource(
    (signal) => listStepPartitions(runId, step.stepId, { state, after, limit: PAGE }, signal),
    `${runId}/${step.stepId}/${state}/${after ?? ''}/${version}`,
  );
  if (!counts) return null;

  return (
    <section className="partition-list" aria-label={`Partitions of ${step.stepId}`}>
      <h3>
        {plural(counts.total, 'partition')}
        {Object.entries(counts.byState).map(([name, n]) => (
          <span key={name} className="partition-count">
            <StateBadge state={name} /> {n}
          </span>
        ))}
      </h3>
      <div className="row">
        <label>
          State{' '}
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value as StepState | '');
              setPages([]);
            }}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {f || 'any'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
          ← Earlier days
        </button>
        <button type="button" disabled={!page.data?.next} onClick={() => page.data?.next && setPages([...pages, page.data.next])}>
          Later days →
        </button>
      </div>
      {page.error ? <ErrorBanner error={page.error} action="Loading the partitions" onRetry={page.reload} /> : null}
      <table className="table compact">
        <caption className="sr-only">Partitions</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Error</th>
            {mayRetry ? <th scope="col" /> : null}
          </tr>
        </thead>
        <tbody>
          {(page.data?.partitions ?? []).map((p) => (
            <tr key={p.key} className={picked?.key === p.key ? 'selected' : undefined} data-testid={`partition-${p.key}`}>
              <td>
                <button type="button" className="link mono" aria-pressed={picked?.key === p.key} onClick={() => setPicked(p)}>
                  {p.key}
                </button>
              </td>
              <td>
                <StateBadge state={p.state} />
              </td>
              <td>{p.attempts}</td>
              <td>{formatTime(p.startedAt)}</td>
              <td>{formatDuration(p.startedAt, p.finishedAt)}</td>
              <td className="small">{p.error ?? ''}</td>
              {mayRetry ? (
                <td>
                  {ENDED_NOT_SUCCEEDED.includes(p.state) ? (
                    <button type="button" disabled={!!busy} onClick={() => onRetryPartition(p.stepId)} title="Run this day again, and what is downstream of the step">
                      Retry
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {picked && picked.attempts > 0 ? (
        <>
          <h4 className="mono">{picked.stepId}</h4>
          <StepLog key={`${picked.stepId}:${picked.attempts}`} runId={runId} stepId={picked.stepId} attempt={picked.attempts} />
        </>
      ) : null}
    </section>
  );
}
