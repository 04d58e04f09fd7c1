import { isObject, num, type JsonObject } from './values';

// Per value column, what was missing and what was far outside the rest (steps/FeatureCreator/README.md):
// metrics.nonFinite.{c} = {na, nan, positiveInfinity, negativeInfinity} counted over the rows read, and
// metrics.outliers.{c} = {readings, count, share, median, mad, low, high} over the column's finite readings.
// Either may be missing: older manifests have outliers only, an outlier rule of 0 writes none.

export interface ColumnQuality {
  column: string;
  na?: number;
  /** NaN and infinities: values present but not numbers. */
  notFinite?: number;
  /** (na + notFinite) over the rows read. */
  missingShare?: number;
  outliers?: number;
  /** Outliers over the column's finite readings. */
  outlierShare?: number;
  median?: number;
  /** The range readings are kept in; missing when every reading is the same (nothing is far from the rest). */
  low?: number;
  high?: number;
}

export interface ColumnQualityReport {
  columns: ColumnQuality[];
  /** Rows read, the base of the missing share. */
  rows?: number;
  /** The outlier rule in words (metrics.outlierRule). */
  outlierRule?: string;
  /** Whether the manifest had the counts: tables leave out what was never measured rather than show zeros. */
  hasMissing: boolean;
  hasOutliers: boolean;
}


const objectOfObjects = (v: unknown): v is Record<string, JsonObject> => isObject(v) && Object.values(v).every(isObject);

/** The per-column quality of a manifest's metrics, or undefined when it reports neither missing values nor outliers. */
export function readColumnQuality(metrics: JsonObject): ColumnQualityReport | undefined {
  const nonFinite = objectOfObjects(metrics.nonFinite) ? metrics.nonFinite : undefined;
  const outliers = objectOfObjects(metrics.outliers) ? metrics.outliers : undefined;
  if (!nonFinite && !outliers) return undefined;
  const rows = num(metrics.rowsRead);
  // Columns in the order the step lists them: the missing counts' order, then any only in the outliers.
  const names = [...new Set([...Object.keys(nonFinite ?? {}), ...Object.keys(outliers ?? {})])];
  const columns = names.map((column) => {
    const missing = nonFinite?.[column];
    const outlier = outliers?.[column];
    const na = missing ? num(missing.na) : undefined;
    const notFinite = missing ? sum([missing.nan, missing.positiveInfinity, missing.negativeInfinity]) : undefined;
    const absent = na === undefined && notFinite === undefined ? undefined : (na ?? 0) + (notFinite ?? 0);
    // The rows read are the base; without them, the finite readings plus the missing ones are the same rows.
    const base = rows ?? (outlier && num(outlier.readings) !== undefined && absent !== undefined ? num(outlier.readings)! + absent : undefined);
    return {
      column,
      na,
      notFinite,
      missingShare: absent !== undefined && base ? absent / base : absent === 0 ? 0 : undefined,
      outliers: outlier ? num(outlier.count) : undefined,
      outlierShare: outlier ? num(outlier.share) : undefined,
      median: outlier ? num(outlier.median) : undefined,
      low: outlier ? num(outlier.low) : undefined,
      high: outlier ? num(outlier.high) : undefined,
    };
  });
  const rule = metrics.outlierRule;
  return {
    columns,
    rows,
    outlierRule: typeof rule === 'string' ? rule : undefined,
    hasMissing: !!nonFinite,
    hasOutliers: !!outliers,
  };
}

function sum(values: unknown[]): number | undefined {
  const numbers = values.map(num).filter((n) => n !== undefined);
  return numbers.length === 0 ? undefined : numbers.reduce((a, b) => a + b, 0);
}
