import { Link } from 'react-router';
import type { ExperimentSummary } from '../api/types';
import { Time } from '../common/Time';
import { promotionLabel } from './clusterChart';
import { fixed } from './format';

interface Props {
  experiments: ExperimentSummary[];
  selected: number[];
  onToggle: (version: number) => void;
}

/** Training runs newest first: what each compared, what it chose, and the run that trained it; tick two to compare. */
export function ExperimentsTable({ experiments, selected, onToggle }: Props) {
  return (
    <table className="table">
      <caption className="sr-only">Training runs</caption>
      <thead>
        <tr>
          <th scope="col">Compare</th>
          <th scope="col">Version</th>
          <th scope="col">Trained</th>
          <th scope="col">k candidates</th>
          <th scope="col" className="num">Chosen k</th>
          <th scope="col" className="num" title="Davies–Bouldin index of the chosen candidate; lower is better">
            Davies–Bouldin
          </th>
          <th scope="col" className="num">Rows</th>
          <th scope="col">Promotion</th>
          <th scope="col">Run</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((e) => {
          const label = promotionLabel(e);
          const ticked = selected.includes(e.version);
          return (
            <tr key={e.version} className={ticked ? 'selected' : undefined}>
              <td>
                <input type="checkbox" checked={ticked} aria-label={`Compare v${e.version}`} onChange={() => onToggle(e.version)} />
              </td>
              <td>v{e.version}</td>
              <td className="small">
                <Time iso={e.createdAt} />
              </td>
              <td>{e.parameters.k.join(', ')}</td>
              <td className="num">{e.chosen?.k ?? '—'}</td>
              <td className="num">{fixed(e.chosen?.quality.daviesBouldin)}</td>
              <td className="num" title={`${e.metrics.rowsRead} read, ${e.metrics.rowsSkipped} skipped`}>
                {e.metrics.rowsTrained.toLocaleString()}
              </td>
              <td>
                {label === 'in production' ? <span className="badge promotion-production">{label}</span> : <span className={label === 'not promoted' ? 'muted small' : 'small'}>{label}</span>}
              </td>
              <td>
                {e.run?.runId ? (
                  <Link className="mono small" to={`/runs/${encodeURIComponent(e.run.runId)}`} aria-label={`Run that trained v${e.version}`}>
                    {e.run.runId}
                  </Link>
                ) : (
                  <span className="muted small">by hand</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
