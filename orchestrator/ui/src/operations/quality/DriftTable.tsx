import { useState } from 'react';
import type { DriftReport, DriftRow } from './drift';
import { reading, signed } from './format';

/** Features shown before "Show all": every drifted one, and at least this many. */
const ROWS_SHOWN = 10;

/** Each feature's drift against the earlier runs' baseline, drifted features highlighted and first. */
export function DriftTable({ drift }: { drift: DriftReport }) {
  const [all, setAll] = useState(false);
  if (drift.rows.length === 0) return null;
  const limit = Math.max(ROWS_SHOWN, drift.driftedCount);
  const rows = all ? drift.rows : drift.rows.slice(0, limit);
  const threshold = drift.threshold === undefined ? '—' : `|z| ≥ ${drift.threshold}`;
  return (
    <div className="drift">
      <table className="table compact">
        <caption>
          Drift: {drift.driftedCount} of {drift.rows.length} features drifted
        </caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col" className="num" title="This run's mean minus the baseline's mean, in baseline standard deviations">
              Score (z)
            </th>
            <th scope="col">Threshold</th>
            <th scope="col" title="Earlier runs pooled into the baseline, of at most the drift window">
              Window
            </th>
            <th scope="col" className="num">Mean</th>
            <th scope="col" className="num">Baseline mean</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.feature} className={r.drifted ? 'drifted' : undefined}>
              <td className="mono">
                {r.feature}
                {r.drifted ? <span className="pill warn">drifted</span> : null}
              </td>
              <td className="num">{score(r)}</td>
              <td className="nowrap">{threshold}</td>
              <td className="nowrap">{baselineWindow(r, drift.window)}</td>
              <td className="num">{reading(r.mean)}</td>
              <td className="num">{reading(r.baselineMean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {drift.rows.length > limit ? (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? 'Show fewer features' : `Show all ${drift.rows.length} features`}
        </button>
      ) : null}
      {drift.byPartition.length > 0 ? (
        <ul className="hint drift-days">
          {drift.byPartition.map((p) => (
            <li key={p.partition}>
              <span className="mono">{p.partition}</span>: {p.features.join(', ')} drifted
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function score(r: DriftRow): string {
  if (r.score !== null) return signed(r.score);
  // No z-score: no earlier run had the feature, or the baseline never varied (a count that is always 24).
  return r.baselineRuns ? 'baseline constant' : 'no baseline';
}

function baselineWindow(r: DriftRow, size: number | undefined): string {
  if (r.baselineRuns === undefined) return '—';
  const runs = `${r.baselineRuns} ${r.baselineRuns === 1 ? 'run' : 'runs'}`;
  return size === undefined ? runs : `${runs} of ${size}`;
}
