import { GRID_STATES } from './gridCells';

/** What each cell colour means. */
export function GridLegend() {
  return (
    <ul className="grid-legend" aria-label="Cell colours">
      {GRID_STATES.map((state) => (
        <li key={state}>
          <span className={`run-grid-cell state-${state}`} aria-hidden="true" /> {state}
        </li>
      ))}
    </ul>
  );
}
