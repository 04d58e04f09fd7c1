import type { RunListItem } from '../api/types';

const ORDER = ['succeeded', 'running', 'queued', 'up-for-retry', 'pending', 'failed', 'upstream-failed', 'cancelled', 'skipped'];

/** How many steps of a run are in each state, as a thin bar and in words for screen readers. */
export function StepCounts({ counts }: { counts: RunListItem['stepCounts'] }) {
  const entries = ORDER.map((s) => [s, counts[s as keyof typeof counts] ?? 0] as const).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return <span className="muted">—</span>;
  const words = entries.map(([s, n]) => `${n} ${s}`).join(', ');
  return (
    <span className="step-counts" title={words} aria-label={words} role="img">
      {entries.map(([s, n]) => (
        <span key={s} className={`step-count-bar state-${s}`} style={{ flexGrow: n }} />
      ))}
    </span>
  );
}
