import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { cancelRun, getRun, overrideGate, pauseRun, rerun, resumeRun, retryFailed, retryStep } from '../api/runs';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { useAction } from '../common/useAction';
import { usePageVisible } from '../common/usePageVisible';
import { useResource } from '../common/useResource';
import { AttemptTimeline } from './AttemptTimeline';
import { RunGraph } from './RunGraph';
import { RunHeader } from './RunHeader';
import { StepDetail } from './StepDetail';

const POLL_MS = 2000;

/** One run: its DAG by state, the attempts on a timeline, the selected step's log and manifest, and actions. */
export function RunDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const visible = usePageVisible();
  const detail = useResource((signal) => getRun(id, signal), id, { pollMs: POLL_MS });
  const action = useAction();
  const [selection, setSelection] = useState<{ stepId: string; attempt?: number } | null>(null);
  // Without a choice, show the step a link asked for (?step=, as the grid's cells link), else the step that needs
  // attention: the first failed, else running, else the first. It is chosen once, so the panel stays on a step the
  // user is watching (or just retried) as states change.
  const [params] = useSearchParams();
  const asked = params.get('step');
  const steps = detail.data?.steps;
  const defaultStepId = (steps?.find((s) => s.stepId === asked) ?? steps?.find((s) => s.state === 'failed') ?? steps?.find((s) => s.state === 'running') ?? steps?.[0])?.stepId;
  if (!selection && defaultStepId) setSelection({ stepId: defaultStepId });

  if (detail.error && !detail.data) {
    return (
      <div className="page">
        <ErrorBanner error={detail.error} action="Loading the run" onRetry={detail.reload} />
      </div>
    );
  }
  if (!detail.data) return <div className="page"><Loading what="the run" /></div>;

  const { run } = detail.data;
  const selectedId = selection?.stepId ?? defaultStepId ?? null;
  const selected = detail.data.steps.find((s) => s.stepId === selectedId);
  const act = async (name: string, work: () => Promise<unknown>) => {
    await action.run(name, work);
    detail.reload();
  };

  return (
    <div className="page run-page">
      <div className="row">
        <LastUpdated updatedAt={detail.updatedAt} stale={detail.stale} paused={!visible} />
      </div>
      {detail.error ? <ErrorBanner error={detail.error} action="Refreshing the run" onRetry={detail.reload} /> : null}
      {action.error ? <ErrorBanner error={action.error.error} action={action.error.action} onDismiss={action.clearError} /> : null}
      <RunHeader
        run={run}
        busy={action.busy}
        onCancel={() => void act('Cancelling', () => cancelRun(run.id))}
        onPause={() => void act('Pausing', () => pauseRun(run.id))}
        onResume={() => void act('Resuming', () => resumeRun(run.id))}
        onRetryFailed={() => void act('Re-running from failure', () => retryFailed(run.id))}
        onRerun={() =>
          void action.run('Re-running', () => rerun(run.id)).then((created) => created && navigate(`/runs/${encodeURIComponent(created.id)}`))
        }
      />
      <div className="run-body">
        <div className="run-left">
          <RunGraph steps={detail.data.steps} selectedId={selectedId} onSelect={(stepId) => setSelection({ stepId })} />
          <AttemptTimeline steps={detail.data.steps} selectedId={selectedId} onSelect={(stepId, attempt) => setSelection({ stepId, attempt })} />
        </div>
        <div className="run-right">
          {selected ? (
            <StepDetail
              key={selected.stepId}
              runId={run.id}
              step={selected}
              attempt={selection?.stepId === selected.stepId ? selection.attempt : undefined}
              onAttempt={(attempt) => setSelection({ stepId: selected.stepId, attempt })}
              busy={action.busy}
              onRetry={() => void act(`Retrying ${selected.stepId}`, () => retryStep(run.id, selected.stepId))}
              onRetryPartition={(partition) => void act(`Retrying ${partition}`, () => retryStep(run.id, partition))}
              onOverrideGate={(reason) => void act(`Overriding the gate of ${selected.stepId}`, () => overrideGate(run.id, selected.stepId, reason))}
            />
          ) : (
            <p className="hint">This run has no steps.</p>
          )}
        </div>
      </div>
    </div>
  );
}
