import { useState } from 'react';
import type { Run, StepRun } from '../api/types';
import type { RerunVersion } from '../api/runs';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { plural } from '../common/plural';
import { rerunPlan, type RerunAsk } from './rerunPlan';
import './RerunDialog.css';

interface Props {
  run: Run;
  steps: StepRun[];
  ask: RerunAsk;
  /** The workflow's latest published version; undefined while it is not known. */
  latestVersion: number | undefined;
  onConfirm: (version: RerunVersion) => Promise<unknown>;
  onClose: () => void;
}

const TITLES = { step: 'Retry step', failed: 'Re-run from failure', all: 'Re-run all' } as const;

/**
 * Asks before anything runs again, and on which version: the run's own, or the latest published one when that is
 * newer (a fix published since). Says which steps run again and whose outputs are kept.
 */
export function RerunDialog({ run, steps, ask, latestVersion, onConfirm, onClose }: Props) {
  const newer = latestVersion !== undefined && latestVersion !== run.workflowVersion ? latestVersion : undefined;
  // Until the user picks, the latest version when it is newer: a fix published since is what a re-run is usually for.
  const [picked, setVersion] = useState<RerunVersion | null>(null);
  const version = picked ?? (newer !== undefined ? 'latest' : 'run');
  const chosen = version === 'latest' && newer !== undefined ? newer : run.workflowVersion;
  const plan = rerunPlan(steps, ask);
  const title = ask.kind === 'step' ? `${TITLES.step} ${ask.stepId}` : TITLES[ask.kind];
  return (
    <ConfirmDialog title={title} confirmLabel={`${TITLES[ask.kind]} on v${chosen}`} tone="primary" onConfirm={() => onConfirm(version)} onClose={onClose}>
      <fieldset className="rerun-choice">
        <legend>Which version</legend>
        <label>
          <input type="radio" name="rerun-version" checked={version === 'run'} onChange={() => setVersion('run')} />
          <span>
            On this run&apos;s version, v{run.workflowVersion}
            {newer === undefined && latestVersion !== undefined ? ' (the latest published)' : ''}
          </span>
        </label>
        {newer !== undefined ? (
          <label>
            <input type="radio" name="rerun-version" checked={version === 'latest'} onChange={() => setVersion('latest')} />
            <span>On the latest published version, v{newer}</span>
          </label>
        ) : null}
      </fieldset>
      <ul className="rerun-effects" aria-label="What will happen">
        {ask.kind === 'all' ? (
          <>
            <li>
              Starts a new run of v{chosen} with the same inputs and logical date: {plural(plan.again.length, 'step')} run from the start.
            </li>
            <li>This run stays as it is.</li>
          </>
        ) : (
          <>
            <li>
              Runs again on v{chosen}: {plan.again.join(', ') || 'nothing'} ({plural(plan.again.length, 'step')}).
            </li>
            <li>{plan.kept.length > 0 ? `Keeps the outputs of: ${plan.kept.join(', ')}.` : 'Keeps no step’s output.'}</li>
            {chosen !== run.workflowVersion ? (
              <li>
                The kept steps must be defined the same in v{chosen} as in v{run.workflowVersion}; if one changed, nothing runs and you are told
                which: then re-run all on v{chosen}.
              </li>
            ) : null}
          </>
        )}
      </ul>
    </ConfirmDialog>
  );
}
