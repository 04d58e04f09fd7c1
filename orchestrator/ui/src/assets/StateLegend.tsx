import { colourOf } from './paintCalendar';

interface Props {
  states: readonly string[];
  counts: Record<string, number>;
  shown: ReadonlySet<string>;
  onToggle: (state: string) => void;
}

/** Each state's colour and count; a click shows or hides that state's days (the filter by state). */
export function StateLegend({ states, counts, shown, onToggle }: Props) {
  return (
    <div className="state-legend" role="group" aria-label="Show partitions by state">
      {states.map((state) => (
        <label key={state} className="state-legend-item">
          <input type="checkbox" checked={shown.has(state)} onChange={() => onToggle(state)} />
          <span className="state-swatch" style={{ background: colourOf(state) }} aria-hidden="true" />
          {state} <span className="count" data-testid={`count-${state}`}>{(counts[state] ?? 0).toLocaleString()}</span>
        </label>
      ))}
    </div>
  );
}
