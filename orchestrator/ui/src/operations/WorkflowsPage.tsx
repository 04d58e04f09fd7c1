import { useState } from 'react';
import { Link } from 'react-router';
import { RoleNote } from '../auth/RoleNote';
import { useSession } from '../auth/SessionContext';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { LastUpdated } from '../common/LastUpdated';
import { Loading } from '../common/Loading';
import { StateBadge } from '../common/StateBadge';
import { formatRelative, formatUtc } from '../common/time';
import { Time } from '../common/Time';
import { usePageVisible } from '../common/usePageVisible';
import { useResource } from '../common/useResource';
import { BackfillDialog } from './BackfillDialog';
import { TriggerDialog } from './TriggerDialog';
import { loadWorkflowRows, type WorkflowRow } from './workflowRows';
import { TableHead } from '../common/TableHead';

type Open = { kind: 'trigger' | 'backfill'; workflow: WorkflowRow } | null;

/** Every workflow with its last run and next scheduled run, and the ways to start runs (operators and up). */
export function WorkflowsPage() {
  const session = useSession();
  const canRun = session.hasRole('operator');
  const rows = useResource(loadWorkflowRows, 'workflows', { pollMs: 5000 });
  const visible = usePageVisible();
  const [open, setOpen] = useState<Open>(null);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Workflows</h1>
        <LastUpdated updatedAt={rows.updatedAt} stale={rows.stale} paused={!visible} />
        {session.hasRole('editor') ? (
          <Link className="button primary" to="/workflows/new">
            New workflow
          </Link>
        ) : null}
      </header>
      {canRun ? <RoleNote role="editor" what="Creating and changing workflows" /> : <RoleNote role="operator" what="Starting runs" />}
      {rows.error ? <ErrorBanner error={rows.error} action="Loading workflows" onRetry={rows.reload} /> : null}
      {!rows.data && !rows.error ? <Loading what="workflows" /> : null}
      {rows.data && rows.data.length === 0 ? (
        <EmptyState title="No workflows yet">
          Create one in the designer, or put definitions in the server's workflows folder.
        </EmptyState>
      ) : null}
      {rows.data && rows.data.length > 0 ? (
        <table className={rows.stale ? 'table stale' : 'table'}>
          <TableHead columns={['Workflow', 'Version', 'Last run', 'Next scheduled run']} />
          <tbody>
            {rows.data.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/workflows/${encodeURIComponent(w.id)}`} className="strong">
                    {w.name || w.id}
                  </Link>
                  <div className="muted mono small">{w.id}</div>
                  {w.description ? <div className="muted small clamp">{w.description}</div> : null}
                </td>
                <td>{w.latestVersion ? `v${w.latestVersion}` : <span className="muted">draft only</span>}</td>
                <td>
                  {w.lastRun ? (
                    <Link to={`/runs/${encodeURIComponent(w.lastRun.id)}`} aria-label={`Last run of ${w.id}: ${w.lastRun.state}`}>
                      <StateBadge state={w.lastRun.state} /> <span className="small muted" title={formatUtc(w.lastRun.createdAt)}>{formatRelative(w.lastRun.createdAt)}</span>
                    </Link>
                  ) : (
                    <span className="muted">never run</span>
                  )}
                </td>
                <td>
                  {w.nextDueAt ? (
                    <Time iso={w.nextDueAt} relative />
                  ) : (
                    <span className="muted">not scheduled</span>
                  )}
                </td>
                <td className="actions">
                  {canRun ? (
                    <>
                      <button type="button" className="primary" disabled={!w.latestVersion} title={w.latestVersion ? undefined : 'Publish a version first'} onClick={() => setOpen({ kind: 'trigger', workflow: w })} aria-label={`Trigger ${w.id}`}>
                        Trigger…
                      </button>
                      <button type="button" disabled={!w.latestVersion} onClick={() => setOpen({ kind: 'backfill', workflow: w })} aria-label={`Backfill ${w.id}`}>
                        Backfill…
                      </button>
                    </>
                  ) : null}
                  <Link className="button" to={`/runs?workflow=${encodeURIComponent(w.id)}`} aria-label={`Runs of ${w.id}`}>
                    Runs
                  </Link>
                  <Link className="button" to={`/workflows/${encodeURIComponent(w.id)}/grid`} aria-label={`Grid of ${w.id}`}>
                    Grid
                  </Link>
                  <Link className="button" to={`/workflows/${encodeURIComponent(w.id)}/design`} aria-label={`Designer of ${w.id}`}>
                    Designer
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open?.kind === 'trigger' ? <TriggerDialog workflowId={open.workflow.id} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'backfill' ? <BackfillDialog workflowId={open.workflow.id} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
