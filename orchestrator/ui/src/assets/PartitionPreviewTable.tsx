import { getPartitionPreview } from '../api/assets';
import { ErrorBanner } from '../common/ErrorBanner';
import { Loading } from '../common/Loading';
import { useResource } from '../common/useResource';

export const PREVIEW_ROWS = 20;

/** A preview's JSON value as a cell's text: empty for null, objects and lists as JSON, anything else as it came. */
export const cellText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** The partition's first rows, as the server read them from its Parquet files. */
export function PartitionPreviewTable({ asset, day }: { asset: string; day: string }) {
  const preview = useResource((signal) => getPartitionPreview(asset, day, PREVIEW_ROWS, signal), `preview-${asset}/${day}`);
  const data = preview.data;
  return (
    <section aria-label="Data preview">
      <h3>Data preview</h3>
      {preview.error ? <ErrorBanner error={preview.error} action="Reading the partition's rows" onRetry={preview.reload} /> : null}
      {!data && !preview.error ? <Loading what="the first rows" /> : null}
      {data && data.columns.length === 0 ? <p className="hint">No Parquet files in this partition's folder.</p> : null}
      {data && data.columns.length > 0 ? (
        <div className="table-scroll">
          <table className="preview-table">
            <thead>
              <tr>
                {data.columns.map((c) => (
                  <th key={c.name} title={c.type}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((value, j) => (
                    <td key={j}>{cellText(value)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {data.rows.length} rows{data.more ? ' (more in the files)' : ''} from {data.files.join(', ')}
          </p>
        </div>
      ) : null}
    </section>
  );
}
