import { Link } from 'react-router';
import type { Materialization } from '../api/types';
import { formatTime } from '../common/time';

/** Every materialization of the partition, newest first. */
export function PartitionHistory({ history }: { history: Materialization[] }) {
  return (
    <section aria-label="History">
      <h3>History</h3>
      <table className="table">
        <thead>
          <tr>
            <th>Made at</th>
            <th>Run</th>
            <th>Step</th>
            <th>Attempt</th>
            <th>Rows</th>
            <th>Content hash</th>
          </tr>
        </thead>
        <tbody>
          {history.map((m) => (
            <tr key={m.id}>
              <td>{formatTime(m.createdAt)}</td>
              <td>{m.runId ? <Link to={`/runs/${encodeURIComponent(m.runId)}`}>{m.runId}</Link> : '—'}</td>
              <td>{m.stepId ?? '—'}</td>
              <td>{m.attempt ?? '—'}</td>
              <td>{m.rows === null || m.rows === undefined ? '—' : Number(m.rows).toLocaleString()}</td>
              <td className="mono">{m.contentSha256 ? `${m.contentSha256.slice(0, 12)}…` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
