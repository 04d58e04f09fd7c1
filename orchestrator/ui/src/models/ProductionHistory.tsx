import type { ProductionPromotion } from '../api/types';
import { Time } from '../common/Time';

/** Every production change of the model, newest first: which version, when, who (or the trainer) and why. */
export function ProductionHistory({ history }: { history: ProductionPromotion[] }) {
  if (history.length === 0) return <p className="muted">No production change recorded yet (registries from before the history have none until their next one).</p>;
  const newestFirst = [...history].reverse();
  return (
    <table className="table compact">
      <caption className="sr-only">Production history</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Made production</th>
          <th scope="col">By</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((p, i) => (
          <tr key={`${p.promotedAt}-${i}`}>
            <td>
              v{p.version}
              {i === 0 ? <span className="badge promotion-production">in production</span> : null}
            </td>
            <td className="small">
              <Time iso={p.promotedAt} />
            </td>
            <td>{p.promotedBy ?? <span className="muted">the trainer</span>}</td>
            <td className="small">{p.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
