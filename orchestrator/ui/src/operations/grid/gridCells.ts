import type { GridCell, GridRun, WorkflowGrid } from '../../api/types';
import { formatTime } from '../../common/time';

/** The state a cell is coloured by: a step's state, or `blocked-by-gate` for a failed gate awaiting an override. */
export function cellState(cell: GridCell): string {
  return cell.blockedByGate ? 'blocked-by-gate' : cell.state;
}

/** Runs left to right, oldest first, as Airflow's grid: the newest run is at the right edge. The API sends newest first. */
export function columnsOf(grid: WorkflowGrid): GridRun[] {
  return [...grid.runs].reverse();
}

/** How long a step ran: its last attempt's duration, or "running for" while it runs. */
export function cellDuration(cell: GridCell, now = Date.now()): string {
  if (cell.durationMs != null) return formatMs(cell.durationMs);
  if (cell.startedAt && (cell.state === 'running' || cell.state === 'queued')) return `running for ${formatMs(now - new Date(cell.startedAt).getTime())}`;
  return 'did not run';
}

/**
 * The cell's tooltip, and so its accessible name: step, run and state, then attempts and duration. The browser shows
 * `title` on hover with no script per cell; one attribute rather than a title and an aria-label halves the strings
 * a render of 1,000 cells makes.
 */
export function cellTitle(stepId: string, run: GridRun, cell: GridCell, now = Date.now()): string {
  const attempts = `${cell.attempts} attempt${cell.attempts === 1 ? '' : 's'}`;
  return `${stepId} in run ${run.id}: ${cellState(cell)}\n${attempts}, ${cellDuration(cell, now)}`;
}

/** A run column's header tooltip: its state, what triggered it and when it started. */
export function runTitle(run: GridRun): string {
  const by = run.startedBy ? ` by ${run.startedBy}` : '';
  return `run ${run.id}: ${run.state}\ntriggered by ${run.triggeredBy}${by}, v${run.workflowVersion}\nstarted ${formatTime(run.startedAt ?? run.createdAt)}`;
}

/** The short start time under a run's header: "12-05 06:10" in the browser's zone. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The one letter under a run's state that says how it started (its tooltip names the trigger in full). */
export function triggerLetter(triggeredBy: string): string {
  return (triggeredBy[0] ?? '?').toUpperCase();
}

/** Where a cell leads: the run's page with that step selected. */
export function cellHref(runId: string, stepId: string): string {
  return `/runs/${encodeURIComponent(runId)}?step=${encodeURIComponent(stepId)}`;
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Every state the grid colours, for the legend. */
export const GRID_STATES = [
  'succeeded',
  'failed',
  'blocked-by-gate',
  'running',
  'queued',
  'up-for-retry',
  'upstream-failed',
  'cancelled',
  'skipped',
  'pending',
] as const;
