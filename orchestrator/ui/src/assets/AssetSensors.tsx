import { ApiError } from '../api/ApiError';
import { getAssetSensors } from '../api/assets';
import { ErrorBanner } from '../common/ErrorBanner';
import { useResource } from '../common/useResource';
import { cellText } from './PartitionPreviewTable';

export const SENSOR_ROWS = 100;

/** The table's own columns that hold days: the server sends them as times ("2024-03-01T00:00:00.0000000Z"). */
const DAY_COLUMNS = new Set(['first_seen', 'last_seen']);
const CHANGES_COLUMN = 'attribute_changes';

const sensorCell = (column: string, value: unknown) =>
  DAY_COLUMNS.has(column) && typeof value === 'string' ? (/^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value) : cellText(value);

const movedTitle = (days: number) => `its attributes changed on ${days} ${days === 1 ? 'day' : 'days'}: it may have moved`;

/**
 * An asset's sensors table: one row per sensor with its attributes, first and last day seen, and a sensor whose
 * attributes changed (one that moved) marked. Nothing at all for an asset that keeps no sensors table (a 404).
 */
export function AssetSensors({ asset }: { asset: string }) {
  const sensors = useResource((signal) => getAssetSensors(asset, SENSOR_ROWS, signal), `sensors-${asset}`);
  const data = sensors.data;
  // Most assets keep no sensors table, so nothing is shown until one is known to exist.
  if (sensors.error instanceof ApiError && sensors.error.isNotFound) return null;
  if (!data && !sensors.error) return null;
  const changes = data ? data.columns.findIndex((c) => c.name === CHANGES_COLUMN) : -1;
  return (
    <section className="card asset-sensors" aria-labelledby="asset-sensors-title">
      <h2 id="asset-sensors-title">Sensors</h2>
      <p className="hint">Columns that never change within a sensor (its location, coordinates, type) are kept once per sensor here instead of as features; predictions carry them.</p>
      {sensors.error ? <ErrorBanner error={sensors.error} action={`Reading the sensors of ${asset}`} onRetry={sensors.reload} /> : null}
      {data && data.rows.length === 0 ? <p className="hint">No sensors in the table yet.</p> : null}
      {data && data.rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table compact">
            <caption className="sr-only">Sensors of {asset}</caption>
            <thead>
              <tr>
                {data.columns.map((c) => (
                  <th key={c.name} scope="col" title={c.type}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, i) => {
                const moved = changes >= 0 ? Number(row[changes] ?? 0) : 0;
                return (
                  <tr key={i} className={moved > 0 ? 'warn' : undefined} title={moved > 0 ? movedTitle(moved) : undefined}>
                    {row.map((value, j) => (
                      <td key={j} className={typeof value === 'number' ? 'num' : undefined}>
                        {sensorCell(data.columns[j]?.name ?? '', value)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.more ? <p className="hint">First {data.rows.length.toLocaleString()} sensors shown.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
