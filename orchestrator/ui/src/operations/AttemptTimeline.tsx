import type { StepRun } from '../api/types';
import { formatDuration, formatTime } from '../common/time';
import { timelineBars } from './timeline';

interface Props {
  steps: StepRun[];
  selectedId: string | null;
  onSelect: (stepId: string, attempt?: number) => void;
}

// "8 succeeded, 1 failed": the partitions' states, for the grouped bar's label.
const partitionSummary = (step: StepRun) =>
  Object.entries(step.partitions?.byState ?? {})
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');

/** Every attempt of every step on one time axis: retries, waits between them and overlap at a glance. */
export function AttemptTimeline({ steps, selectedId, onSelect }: Props) {
  const { bars, start, end } = timelineBars(steps);
  return (
    <section className="timeline" aria-label="Timeline of attempts">
      <div className="timeline-axis muted small">
        <span>{bars.length ? formatTime(new Date(start).toISOString()) : ''}</span>
        <span>{bars.length ? formatDuration(new Date(start).toISOString(), new Date(end).toISOString()) : 'No attempts yet'}</span>
      </div>
      <ul>
        {steps.map((step) => (
          <li key={step.stepId} className={step.stepId === selectedId ? 'timeline-row selected' : 'timeline-row'}>
            <button type="button" className="link timeline-label mono" onClick={() => onSelect(step.stepId)} aria-pressed={step.stepId === selectedId}>
              {step.stepId}
            </button>
            <div className="timeline-track">
              {bars
                .filter((b) => b.stepId === step.stepId)
                .map((b) => {
                  const label =
                    b.partitions === undefined
                      ? `${step.stepId} attempt ${b.attempt}: ${b.state}, ${formatDuration(b.startedAt, b.finishedAt)}`
                      : `${step.stepId}: ${b.partitions} partitions, ${partitionSummary(step)}, ${formatDuration(b.startedAt, b.finishedAt)}`;
                  return (
                    <button
                      key={b.partitions === undefined ? b.attempt : 'partitions'}
                      type="button"
                      className={`timeline-bar state-${b.state}${b.partitions === undefined ? '' : ' partitions'}`}
                      style={{ left: `${b.left}%`, width: `${b.width}%` }}
                      title={label}
                      aria-label={label}
                      onClick={() => (b.partitions === undefined ? onSelect(step.stepId, b.attempt) : onSelect(step.stepId))}
                    />
                  );
                })}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
