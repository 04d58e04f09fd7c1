import type { PartitionGrid } from '../api/types';

// An asset's partitions as the calendar draws them: one code per calendar day from the first to the last, NONE
// where the catalog has no partition. Typed arrays, because an asset may span 100,000 days.

/** The code of a day without a partition. */
export const NONE = 255;

const MS_PER_DAY = 86_400_000;

export interface PartitionDays {
  /** Days since 1970-01-01 (UTC) of the first day drawn. */
  firstDay: number;
  /** One state code per day from firstDay on (an index into `states`), or NONE. */
  codes: Uint8Array;
  states: string[];
  counts: Record<string, number>;
  total: number;
}

/** Day number (days since 1970-01-01) of a `yyyy-MM-dd` key; NaN when it is not one. */
export function dayNumber(key: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return Number.NaN;
  const ms = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
  return Math.round(ms / MS_PER_DAY);
}

/** The `yyyy-MM-dd` key of a day number. */
export function dayKey(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Expands the grid API's runs into one code per day. */
export function expandGrid(grid: PartitionGrid): PartitionDays {
  const counts = Object.fromEntries(Object.entries(grid.counts).map(([state, n]) => [state, Number(n)]));
  const runs = grid.starts.map((start, i) => ({ first: dayNumber(start), length: grid.lengths[i] ?? 0, code: grid.codes[i] ?? NONE }));
  const days = runs.filter((r) => !Number.isNaN(r.first));
  if (days.length === 0) return { firstDay: 0, codes: new Uint8Array(0), states: grid.states, counts, total: Number(grid.total) };
  const firstDay = days[0]!.first;
  const last = days[days.length - 1]!;
  const codes = new Uint8Array(last.first + last.length - firstDay).fill(NONE);
  for (const run of days) codes.fill(run.code, run.first - firstDay, run.first - firstDay + run.length);
  return { firstDay, codes, states: grid.states, counts, total: Number(grid.total) };
}

/** The state of a day, or null when the asset has no partition that day. */
export function stateOf(days: PartitionDays, day: number): string | null {
  const code = days.codes[day - days.firstDay];
  return code === undefined || code === NONE ? null : (days.states[code] ?? null);
}
