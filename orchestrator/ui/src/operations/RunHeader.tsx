import { Link } from 'react-router';
import type { Run } from '../api/types';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { StateBadge } from '../common/StateBadge';
import { formatDuration, formatTime } from '../common/time';

interface Props {
  run: Run;
  busy: string | null;
  onCancel: () => void;
  onPause: () => void;
  onResume: () => void;
  onRetryFailed: () => void;
  onRerun: () => void;
  /** Versions earlier attempts of the run ran, when it was re-run on a later version since. */
  earlierVersions: number[];
}

const ENDED = ['succeeded', 'failed', 'cancelled'];

/** The run's identity, times and inputs, and the actions on the run as a whole (operators and up). */
export function RunHeader({ run, busy, onCancel, onPause, onResume, onRetryFailed, onRerun, earlierVersions }: Props) {
  const ended = ENDED.includes(run.state);
  const session = useSession();
  return (
    <section className="run-header" aria-label="Run">
      <div className="row">
        <h1 className="mono">{run.id}</h1>
        <StateBadge state={run.state} />
        {session.hasRole('operator') ? (
          <div className="toolbar-actions">
            <button type="button" className="danger" disabled={ended || !!busy} onClick={onCancel}>
              Cancel run
            </button>
            {run.state === 'paused' ? (
              <button type="button" disabled={!!busy} onClick={onResume} title="Queue the run again; it goes on where it stopped">
                Resume
              </button>
            ) : (
              <button type="button" disabled={ended || !!busy} onClick={onPause} title="No step of the run starts until it is resumed; running steps finish">
                Pause
              </button>
            )}
            <button type="button" disabled={!(run.state === 'failed' || run.state === 'cancelled') || !!busy} onClick={onRetryFailed} title="Run again every step that did not succeed, keeping the outputs of those that did; asks on which version">
              Re-run from failure
            </button>
            <button type="button" disabled={!!busy} onClick={onRerun} title="A new run with the same inputs and logical date; asks on which version">
              Re-run all
            </button>
          </div>
        ) : (
          <RoleNote role="operator" what="Cancelling, pausing, retrying and re-running" />
        )}
      </div>
      <dl className="facts inline">
        <dt>Workflow</dt>
        <dd>
          <Link to={`/workflows/${encodeURIComponent(run.workflowId)}/design`}>{run.workflowId}</Link> v{run.workflowVersion}
          {earlierVersions.length > 0 ? (
            <span className="muted"> (re-run on v{run.workflowVersion}; earlier attempts ran {earlierVersions.map((v) => `v${v}`).join(', ')})</span>
          ) : null}
        </dd>
        <dt>Triggered by</dt>
        <dd>{run.startedBy ? `${run.triggeredBy}, by ${run.startedBy}` : run.triggeredBy}</dd>
        {run.waitsFor ? (
          <>
            <dt>{run.state === 'queued' ? 'Waits for' : 'Ran after'}</dt>
            <dd>
              <Link to={`/runs/${encodeURIComponent(run.waitsFor)}`}>{run.waitsFor}</Link>
            </dd>
          </>
        ) : null}
        <dt>Logical date</dt>
        <dd>{formatTime(run.logicalDate)}</dd>
        <dt>Created</dt>
        <dd>{formatTime(run.createdAt)}</dd>
        <dt>Duration</dt>
        <dd>{run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : 'not started'}</dd>
        {run.traceId ? (
          <>
            <dt>Trace</dt>
            <dd className="mono small">{run.traceId}</dd>
          </>
        ) : null}
      </dl>
      {Object.keys(run.inputs).length > 0 ? (
        <details>
          <summary>Inputs</summary>
          <dl className="facts">
            {Object.entries(run.inputs).map(([k, v]) => (
              <div key={k} className="fact">
                <dt className="mono">{k}</dt>
                <dd className="mono">{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {run.error ? (
        <p className="field-problems" role="note">
          {run.error}
        </p>
      ) : null}
    </section>
  );
}
