import { listSchedules } from '../api/workflows';
import { ErrorBanner } from '../common/ErrorBanner';
import { Time } from '../common/Time';
import { useResource } from '../common/useResource';
import { describeCron } from '../designer/cronText';
import type { TriggerDef } from '../designer/definition';

interface Props {
  workflowId: string;
  /** The latest published version's triggers; null when nothing is published (nothing runs on a schedule). */
  latest: { version: number; triggers: TriggerDef[] } | null;
}

/** How the workflow starts: each cron trigger in words with its zone and next due time, and its other triggers. */
export function WorkflowSchedule({ workflowId, latest }: Props) {
  const schedules = useResource((signal) => listSchedules(signal), `schedules:${workflowId}`, { pollMs: 30_000 });
  if (!latest) return <p className="muted">Nothing is published yet, so nothing runs on a schedule.</p>;
  const cron = latest.triggers.map((t, index) => ({ t, index })).filter(({ t }) => t.type === 'cron');
  const others = [...new Set(latest.triggers.filter((t) => t.type !== 'cron').map((t) => t.type))];
  const mine = (schedules.data ?? []).filter((s) => s.workflowId === workflowId);
  return (
    <div>
      {schedules.error ? <ErrorBanner error={schedules.error} action="Loading the next due times" onRetry={schedules.reload} /> : null}
      {cron.length === 0 ? <p className="muted">No cron trigger: it runs when started{others.length ? ` (${others.join(', ')})` : ''}.</p> : null}
      {cron.length > 0 ? (
        <ul className="schedule-list" aria-label="Cron triggers">
          {cron.map(({ t, index }) => {
            const words = describeCron(t.schedule ?? '');
            const due = mine.find((s) => s.trigger === index);
            return (
              <li key={index}>
                <strong>{words.text ?? t.schedule}</strong> <span className="muted small">({t.timeZone ?? 'UTC'})</span>
                <div className="mono small muted">{t.schedule}</div>
                <div className="small">
                  Next run: {due?.nextDueAt ? <Time iso={due.nextDueAt} relative /> : <span className="muted">{schedules.data ? 'none due' : '…'}</span>}
                  {t.catchUp ? <span className="muted"> · catch-up: {t.catchUp}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {cron.length > 0 && others.length > 0 ? <p className="muted small">Also started by: {others.join(', ')}.</p> : null}
    </div>
  );
}
