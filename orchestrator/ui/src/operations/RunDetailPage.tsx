import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { cancelRun, getRun, overrideGate, pauseRun, rerun, resumeRun, retryFailed, retryStep } from '../api/runs';
import type { RunDetail } from '../api/types';
import { getLatestVersion } from '../api/workflows';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { useAction } from '../common/useAction';
import { usePageVisible } from '../common/usePageVisible';
import { useResource } from '../common/useResource';
import { AttemptTimeline } from './AttemptTimeline';
import { RerunDialog } from './RerunDialog';
import type { RerunAsk } from './rerunPlan';
import { RunGraph } from './RunGraph';
import { RunHeader } from './RunHeader';
import { StepDetail } from './StepDetail';

const POLL_MS = 2000;

/** A step shown in the panel, for one run (the page stays mounted when a link opens another run). */
interface Selection {
  runId: string;
  stepId: string;
  attempt?: number;
}

/** The step a link asked for (?step=, as the grid's cells link), else the one that needs attention: the first failed, else running, else the first. */
function stepNeedingAttention(detail: RunDetail | undefined, asked: string | null): string | undefined {
  const steps = detail?.steps;
  return (steps?.find((s) => s.stepId === asked) ?? steps?.find((s) => s.state === 'failed') ?? steps?.find((s) => s.state === 'running') ?? steps?.[0])?.stepId;
}

/** Versions that attempts of the run ran other than the run's own (a run re-run on a later version). */
function earlierVersions(detail: RunDetail): number[] {
  const versions = new Set(detail.steps.flatMap((s) => s.attemptHistory.map((a) => a.workflowVersion ?? detail.run.workflowVersion)));
  versions.delete(detail.run.workflowVersion);
  return [...versions].sort((a, b) => a - b);
}

/** One run: its DAG by state, the attempts on a timeline, the selected step's log and manifest, and actions. */
export function RunDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const visible = usePageVisible();
  const detail = useResource((signal) => getRun(id, signal), id, { pollMs: POLL_MS });
  const action = useAction();
  const [params] = useSearchParams();
  // The user's choice of step, kept until they choose another. Without one, the page picks the step that needs
  // attention, once per run state: it stays put while a run goes on (the user may be reading a log), and moves to
  // the failed step when the run ends failed.
  const [chosen, setChosen] = useState<Selection | null>(null);
  const [auto, setAuto] = useState<{ key: string; stepId: string } | null>(null);
  const [asking, setAsking] = useState<RerunAsk | null>(null);
  const workflowId = detail.data?.run.workflowId ?? '';
  // Read each time the dialog opens: a fix may have been published since the page loaded.
  const askingKey = asking ? `${workflowId}:${JSON.stringify(asking)}` : '';
  const latest = useResource(() => (askingKey ? getLatestVersion(workflowId) : Promise.resolve(undefined)), askingKey);
  const autoKey = `${id}:${detail.data?.run.state ?? ''}`;
  const defaultStepId = stepNeedingAttention(detail.data, params.get('step'));
  const choice = chosen?.runId === id ? chosen : null;
  if (!choice && defaultStepId && auto?.key !== autoKey) setAuto({ key: autoKey, stepId: defaultStepId });

  if (detail.error && !detail.data) {
    return (
      <div className="page">
        <ErrorBanner error={detail.error} action="Loading the run" onRetry={detail.reload} />
      </div>
    );
  }
  if (!detail.data) return <div className="page"><Loading what="the run" /></div>;

  const { run } = detail.data;
  const selectedId = choice?.stepId ?? (auto?.key === autoKey ? auto.stepId : defaultStepId) ?? null;
  const selected = detail.data.steps.find((s) => s.stepId === selectedId);
  const choose = (stepId: string, attempt?: number) => setChosen({ runId: run.id, stepId, attempt });
  const act = async (name: string, work: () => Promise<unknown>) => {
    await action.run(name, work);
    detail.reload();
  };
  // Re-runs are confirmed in the dialog, which shows the server's refusal itself: so they do not go through `action`.
  const confirmRerun = async (ask: RerunAsk, version: 'run' | 'latest') => {
    if (ask.kind === 'all') {
      const created = await rerun(run.id, version);
      void navigate(`/runs/${encodeURIComponent(created.id)}`);
      return;
    }
    // The panel stays on the step being run again (or the one shown), rather than moving as states change.
    if (ask.kind === 'step') {
      choose(ask.stepId);
      await retryStep(run.id, ask.stepId, version);
    } else {
      if (selectedId) choose(selectedId);
      await retryFailed(run.id, version);
    }
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
        earlierVersions={earlierVersions(detail.data)}
        onCancel={() => void act('Cancelling', () => cancelRun(run.id))}
        onPause={() => void act('Pausing', () => pauseRun(run.id))}
        onResume={() => void act('Resuming', () => resumeRun(run.id))}
        onRetryFailed={() => setAsking({ kind: 'failed' })}
        onRerun={() => setAsking({ kind: 'all' })}
      />
      {asking ? (
        <RerunDialog
          run={run}
          steps={detail.data.steps}
          ask={asking}
          latestVersion={latest.data?.version}
          onConfirm={(version) => confirmRerun(asking, version)}
          onClose={() => setAsking(null)}
        />
      ) : null}
      <div className="run-body">
        <div className="run-left">
          <RunGraph steps={detail.data.steps} selectedId={selectedId} onSelect={(stepId) => choose(stepId)} />
          <AttemptTimeline steps={detail.data.steps} selectedId={selectedId} onSelect={(stepId, attempt) => choose(stepId, attempt)} />
        </div>
        <div className="run-right">
          {selected ? (
            <StepDetail
              key={`${run.id}:${selected.stepId}`}
              runId={run.id}
              step={selected}
              attempt={choice?.stepId === selected.stepId ? choice.attempt : undefined}
              onAttempt={(attempt) => choose(selected.stepId, attempt)}
              busy={action.busy}
              onRetry={() => setAsking({ kind: 'step', stepId: selected.stepId })}
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
