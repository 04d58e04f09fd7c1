import type { AssetSummary } from '../api/types';
import { colourOf } from './paintCalendar';

const STATES = ['materialized', 'stale', 'failed', 'missing'];

/** How long ago, roughly: "4 min", "3 h", "2 d". */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

interface Props {
  assets: AssetSummary[];
  selected: string | null;
  onSelect: (asset: string) => void;
}

/** Every asset with its partitions counted by state and how fresh its newest partition is. */
export function AssetsTable({ assets, selected, onSelect }: Props) {
  return (
    <table className="table assets-table">
      <thead>
        <tr>
          <th>Asset</th>
          {STATES.map((s) => (
            <th key={s}>
              <span className="state-swatch" style={{ background: colourOf(s) }} aria-hidden="true" /> {s}
            </th>
          ))}
          <th>Newest</th>
          <th title="Since the newest materialized partition was made">Freshness</th>
          <th title="How long the oldest stale partition has been stale">Oldest stale</th>
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => (
          <tr key={asset.name} className={asset.name === selected ? 'selected' : undefined} aria-selected={asset.name === selected}>
            <td>
              <button type="button" className="link" onClick={() => onSelect(asset.name)}>
                {asset.name}
              </button>
            </td>
            {STATES.map((s) => (
              <td key={s} className="num">
                {Number(asset.partitions[s] ?? 0).toLocaleString()}
              </td>
            ))}
            <td>{asset.newestMaterialized ?? '—'}</td>
            <td>{formatAge(asset.freshnessSeconds === null ? null : Number(asset.freshnessSeconds))}</td>
            <td>{formatAge(asset.oldestStaleAgeSeconds === null ? null : Number(asset.oldestStaleAgeSeconds))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
