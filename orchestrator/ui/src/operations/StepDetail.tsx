import { useState } from 'react';
import type { StepRun } from '../api/types';
import { useSession } from '../auth/SessionContext';
import { StateBadge } from '../common/StateBadge';
import { formatDuration, formatTime } from '../common/time';
import { GateOverride } from './GateOverride';
import { ManifestView } from './ManifestView';
import { PartitionList } from './PartitionList';
import { StepLog } from './StepLog';

interface Props {
  runId: string;
  step: StepRun;
  attempt: number | undefined;
  onAttempt: (attempt: number) => void;
  busy: string | null;
  onRetry: () => void;
  onRetryPartition: (partitionStepId: string) => void;
  onOverrideGate: (reason: string) => void;
}

type Tab = 'log' | 'manifest';

/** The selected step: state, attempts, its live log and its manifest, and retrying it. */
export function StepDetail({ runId, step, attempt, onAttempt, busy, onRetry, onRetryPartition, onOverrideGate }: Props) {
  const [tab, setTab] = useState<Tab>('log');
  const shown = attempt ?? step.attemptHistory[step.attemptHistory.length - 1]?.attempt;
  const canRetry = !['running', 'queued', 'pending', 'up-for-retry'].includes(step.state);
  const mayRetry = useSession().hasRole('operator');
  return (
    <section className="step-detail" aria-label={`Step ${step.stepId}`}>
      <header className="row">
        <h2 className="mono">{step.stepId}</h2>
        <StateBadge state={step.state} />
        {mayRetry ? (
          <button
            type="button"
            className="primary"
            disabled={!canRetry || !!busy}
            onClick={onRetry}
            title={canRetry ? 'Queue this step again; every step downstream of it goes back to pending. Asks on which version.' : 'The step has not ended'}
          >
            Retry this step
          </button>
        ) : null}
      </header>
      {mayRetry ? <p className="hint">Retrying clears every step downstream of it; upstream outputs are kept.</p> : null}
      <dl className="facts inline">
        <dt>Depends on</dt>
        <dd>{step.dependsOn.length ? step.dependsOn.join(', ') : 'nothing'}</dd>
        <dt>Attempts</dt>
        <dd>{step.attempts}</dd>
        <dt>Exit code</dt>
        <dd>{step.exitCode ?? '—'}</dd>
        <dt>Output</dt>
        <dd className="mono small">{step.outputFolder}</dd>
      </dl>
      {step.error ? (
        <p className="field-problems" role="note">
          {step.error}
        </p>
      ) : null}
      <GateOverride step={step} busy={busy} onOverride={onOverrideGate} />
      {step.partitions ? <PartitionList runId={runId} step={step} busy={busy} onRetryPartition={onRetryPartition} /> : null}
      {step.attemptHistory.length > 0 ? (
        <table className="table compact">
          <caption className="sr-only">Attempts</caption>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">State</th>
              <th scope="col">Version</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Exit</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {step.attemptHistory.map((a) => (
              <tr key={a.attempt} className={a.attempt === shown ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" aria-pressed={a.attempt === shown} onClick={() => onAttempt(a.attempt)}>
                    #{a.attempt}
                  </button>
                </td>
                <td>
                  <StateBadge state={a.state} />
                </td>
                <td>{a.workflowVersion ? `v${a.workflowVersion}` : '—'}</td>
                <td>{formatTime(a.startedAt)}</td>
                <td>{formatDuration(a.startedAt, a.finishedAt)}</td>
                <td>{a.exitCode ?? '—'}</td>
                <td className="small">{a.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No attempt yet: the step is {step.state}.</p>
      )}
      {step.partitions ? null : (
        // A partitioned step runs no program of its own: its days have the logs and manifests.
        <>
          <div className="tabs" role="tablist" aria-label="Step details">
            <button type="button" role="tab" aria-selected={tab === 'log'} className={tab === 'log' ? 'tab active' : 'tab'} onClick={() => setTab('log')}>
              Log
            </button>
            <button type="button" role="tab" aria-selected={tab === 'manifest'} className={tab === 'manifest' ? 'tab active' : 'tab'} onClick={() => setTab('manifest')}>
              Manifest
            </button>
          </div>
          {tab === 'log' && shown !== undefined ? <StepLog runId={runId} stepId={step.stepId} attempt={shown} /> : null}
          {tab === 'log' && shown === undefined ? <p className="hint">The log appears when the first attempt starts.</p> : null}
          {tab === 'manifest' ? <ManifestView runId={runId} stepId={step.stepId} version={`${step.state}:${step.attempts}`} /> : null}
        </>
      )}
    </section>
  );
}
