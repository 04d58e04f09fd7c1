import type { ColumnQuality, ColumnQualityReport } from './columnQuality';
import { percent, reading } from './format';

/** Missing values and outliers per value column, with their shares: where the data is thin or odd. */
export function ColumnQualityTable({ report }: { report: ColumnQualityReport }) {
  const { columns, hasMissing, hasOutliers } = report;
  if (columns.length === 0) return null;
  return (
    <table className="table compact column-quality">
      <caption title={report.outlierRule}>Missing values and outliers per column</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          {hasMissing ? (
            <>
              <th scope="col" className="num">NA</th>
              <th scope="col" className="num" title="NaN, +∞ and −∞: values present but not numbers">
                NaN / ∞
              </th>
              <th scope="col" className="num" title={report.rows === undefined ? undefined : `of the ${report.rows.toLocaleString()} rows read`}>
                Missing share
              </th>
            </>
          ) : null}
          {hasOutliers ? (
            <>
              <th scope="col" className="num">Outliers</th>
              <th scope="col" className="num" title="of the column's readings">
                Outlier share
              </th>
              <th scope="col">Kept between</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.column}>
            <td className="mono">{c.column}</td>
            {hasMissing ? (
              <>
                <Count value={c.na} />
                <Count value={c.notFinite} />
                <td className="num">{percent(c.missingShare)}</td>
              </>
            ) : null}
            {hasOutliers ? (
              <>
                <Count value={c.outliers} />
                <td className="num">{percent(c.outlierShare)}</td>
                <td className="small" title={c.median === undefined ? undefined : `median ${reading(c.median)}`}>
                  {keptBetween(c)}
                </td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A count, marked when it is not zero so the columns that need a look stand out. */
function Count({ value }: { value: number | undefined }) {
  return <td className={value ? 'num warn strong' : 'num'}>{value?.toLocaleString() ?? '—'}</td>;
}

function keptBetween(c: ColumnQuality): string {
  if (c.low !== undefined && c.high !== undefined) return `${reading(c.low)} … ${reading(c.high)}`;
  if (c.outliers === undefined) return '—';
  // The step writes no bounds when every reading is the same, or when there are none.
  return c.median === undefined ? 'no readings' : 'every reading the same';
}
