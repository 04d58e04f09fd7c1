import { listRuns } from '../api/runs';
import type { LastRun, WorkflowSummary } from '../api/types';
import { listSchedules, listWorkflows } from '../api/workflows';

export interface WorkflowRow extends WorkflowSummary {
  lastRun: LastRun | null;
  nextDueAt: string | null;
}

/**
 * The workflows with their last run and next due time. Servers that predate those fields in the list get them
 * from /api/schedules and one /api/runs?limit=1 per workflow instead.
 */
export async function loadWorkflowRows(signal: AbortSignal): Promise<WorkflowRow[]> {
  const workflows = await listWorkflows(signal);
  const needSchedules = workflows.some((w) => w.nextDueAt === undefined);
  const schedules = needSchedules ? await listSchedules(signal) : [];
  return Promise.all(
    workflows.map(async (w): Promise<WorkflowRow> => {
      let nextDueAt = w.nextDueAt;
      if (nextDueAt === undefined) {
        const due = schedules.filter((s) => s.workflowId === w.id && s.nextDueAt).map((s) => s.nextDueAt!);
        nextDueAt = due.sort()[0] ?? null;
      }
      let lastRun = w.lastRun;
      if (lastRun === undefined) {
        const page = await listRuns({ workflow: w.id, limit: 1 }, signal);
        const run = page.runs[0]?.run;
        lastRun = run ? { id: run.id, state: run.state, createdAt: run.createdAt, finishedAt: run.finishedAt } : null;
      }
      return { ...w, lastRun, nextDueAt };
    }),
  );
}
