import { Link } from 'react-router';
import type { Dataset } from '../api/types';
import { formatBytes, formatTime } from '../common/time';

/** A day range such as "2013-03-01 – 2013-03-31"; one day once; a dash without good rows. */
export function dayRange(first: string | null, last: string | null): string {
  if (!first || !last) return '—';
  return first === last ? first : `${first} – ${last}`;
}

/** Received datasets, newest first: what each holds and where it came from. */
export function DatasetsTable({ datasets, stale }: { datasets: Dataset[]; stale: boolean }) {
  return (
    <table className={stale ? 'table stale' : 'table'}>
      <caption className="sr-only">Datasets</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">Rows</th>
          <th scope="col" className="num">Bad rows</th>
          <th scope="col" className="num">Sensors</th>
          <th scope="col">Days</th>
          <th scope="col" className="num">Size</th>
          <th scope="col">Received</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => (
          <tr key={d.id}>
            <td>
              <Link to={`/datasets/${encodeURIComponent(d.id)}`}>{d.name}</Link>
            </td>
            <td className="num">{d.rows.toLocaleString()}</td>
            <td className={d.badRows > 0 ? 'num warn' : 'num'}>{d.badRows.toLocaleString()}</td>
            <td className="num">{d.sensors.toLocaleString()}</td>
            <td className="nowrap">{dayRange(d.firstDay, d.lastDay)}</td>
            <td className="num" title={`${d.bytes.toLocaleString()} bytes`}>
              {formatBytes(d.bytes)}
            </td>
            <td>
              {formatTime(d.createdAt)}
              {d.createdBy ? <div className="muted small">by {d.createdBy}</div> : null}
            </td>
            <td className="small">
              {d.sourceUrl ? (
                <a className="clamp dataset-source" href={d.sourceUrl} title={d.sourceUrl} rel="noreferrer noopener" target="_blank">
                  {d.sourceUrl}
                </a>
              ) : (
                <span className="muted">upload</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
