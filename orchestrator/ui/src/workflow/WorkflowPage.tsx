import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/ApiError';
import type { WorkflowSummary, WorkflowVersion } from '../api/types';
import { listVersions, listWorkflows } from '../api/workflows';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';
import type { WorkflowDef } from '../designer/definition';
import { BackfillDialog } from '../operations/BackfillDialog';
import { TriggerDialog } from '../operations/TriggerDialog';
import { WorkflowFailures, WorkflowRuns } from './WorkflowRuns';
import { WorkflowSchedule } from './WorkflowSchedule';
import { WorkflowVersions } from './WorkflowVersions';
import './WorkflowPage.css';

/** The workflow's summary and its published versions, newest first; a 404 when there is no such workflow. */
async function loadWorkflow(id: string, signal: AbortSignal): Promise<{ summary: WorkflowSummary; versions: WorkflowVersion[] }> {
  // The versions list of an unknown id is empty, as is a draft-only workflow's: the list of workflows tells them apart.
  const [all, versions] = await Promise.all([listWorkflows(signal), listVersions(id)]);
  const summary = all.find((w) => w.id === id);
  if (!summary) throw new ApiError({ status: 404, message: `There is no workflow '${id}'.` });
  return { summary, versions };
}

/**
 * One workflow across its runs: what it is, when it runs next, its recent runs and last failures with their first
 * error, and its published versions with what changed; the designer and the grid are one click away.
 */
export function WorkflowPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const canRun = session.hasRole('operator');
  const workflow = useResource((signal) => loadWorkflow(id, signal), `workflow:${id}`);
  const [open, setOpen] = useState<'trigger' | 'backfill' | null>(null);
  const enc = encodeURIComponent(id);

  if (workflow.error instanceof ApiError && workflow.error.isNotFound) {
    return (
      <div className="page">
        <EmptyState title={`There is no workflow '${id}'`}>
          Go to <Link to="/workflows">workflows</Link>.
        </EmptyState>
      </div>
    );
  }
  const list: WorkflowVersion[] = workflow.data?.versions ?? [];
  const latest = list[0];
  const definition = latest?.definition as WorkflowDef | undefined;
  const summary = workflow.data?.summary;
  return (
    <div className="page workflow-page">
      <header className="page-header">
        <div>
          <h1>{summary?.name || definition?.name || id}</h1>
          <div className="muted mono small">{id}</div>
        </div>
        <div className="workflow-actions">
          {canRun ? (
            <>
              <button type="button" className="primary" disabled={!latest} title={latest ? undefined : 'Publish a version first'} onClick={() => setOpen('trigger')}>
                Trigger…
              </button>
              <button type="button" disabled={!latest} onClick={() => setOpen('backfill')}>
                Backfill…
              </button>
            </>
          ) : null}
          <Link className="button" to={`/workflows/${enc}/design`}>
            {session.hasRole('editor') ? 'Open in designer' : 'View in designer'}
          </Link>
          <Link className="button" to={`/workflows/${enc}/grid`}>
            Grid
          </Link>
          <Link className="button" to={`/runs?workflow=${enc}`}>
            All runs
          </Link>
        </div>
      </header>
      {canRun ? null : <RoleNote role="operator" what="Starting runs" />}
      {summary?.description ? <p className="workflow-description">{summary.description}</p> : null}
      {workflow.error ? <ErrorBanner error={workflow.error} action="Loading the workflow" onRetry={workflow.reload} /> : null}
      {!workflow.data && !workflow.error ? <Loading what="the workflow" /> : null}
      <div className="workflow-grid">
        <div className="workflow-column">
          <section aria-labelledby="wf-runs">
            <h2 id="wf-runs">Recent runs</h2>
            <WorkflowRuns workflowId={id} />
          </section>
          <section aria-labelledby="wf-failures">
            <h2 id="wf-failures">Last failures</h2>
            <WorkflowFailures workflowId={id} />
          </section>
        </div>
        <div className="workflow-column">
          <section aria-labelledby="wf-schedule">
            <h2 id="wf-schedule">Schedule</h2>
            {workflow.data ? <WorkflowSchedule workflowId={id} latest={latest ? { version: latest.version, triggers: definition?.triggers ?? [] } : null} /> : null}
          </section>
          <section aria-labelledby="wf-versions">
            <h2 id="wf-versions">Versions</h2>
            {workflow.data ? <WorkflowVersions workflowId={id} versions={list} /> : null}
          </section>
        </div>
      </div>
      {open === 'trigger' ? <TriggerDialog workflowId={id} onClose={() => setOpen(null)} /> : null}
      {open === 'backfill' ? <BackfillDialog workflowId={id} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
