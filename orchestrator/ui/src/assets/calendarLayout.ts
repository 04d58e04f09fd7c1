import { dayKey, type PartitionDays } from './partitionDays';

// The calendar: one row per month (oldest at the top), one column per day of the month, a label column at the
// left. Rows rather than one long strip, so a day is found by its month and date at a glance.

export const CELL = 14;
export const LABEL_WIDTH = 64;
export const DAYS_PER_ROW = 31;
export const CALENDAR_WIDTH = LABEL_WIDTH + DAYS_PER_ROW * CELL;

export interface Month {
  year: number;
  /** 0 to 11. */
  month: number;
}

/** The month of the first day drawn (row 0) and how many rows there are. */
export function monthRows(days: PartitionDays): { first: Month; rows: number } {
  if (days.codes.length === 0) return { first: { year: 1970, month: 0 }, rows: 0 };
  const first = toMonth(days.firstDay);
  const last = toMonth(days.firstDay + days.codes.length - 1);
  return { first, rows: (last.year - first.year) * 12 + last.month - first.month + 1 };
}

export function rowMonth(first: Month, row: number): Month {
  const index = first.year * 12 + first.month + row;
  return { year: Math.floor(index / 12), month: index % 12 };
}

/** Day number of the given date of a row's month, or null past the month's end. */
export function dayAt(first: Month, row: number, date: number): number | null {
  const { year, month } = rowMonth(first, row);
  if (date < 1 || date > daysInMonth(year, month)) return null;
  return Math.round(Date.UTC(year, month, date) / 86_400_000);
}

/** The day under a point of the calendar (x, y from its top-left), or null over a label or past a month's end. */
export function dayAtPoint(first: Month, rows: number, x: number, y: number): number | null {
  const row = Math.floor(y / CELL);
  const column = Math.floor((x - LABEL_WIDTH) / CELL);
  if (x < LABEL_WIDTH || row < 0 || row >= rows || column < 0 || column >= DAYS_PER_ROW) return null;
  return dayAt(first, row, column + 1);
}

/** Where a day is drawn: its row and column. */
export function cellOf(first: Month, day: number): { row: number; column: number } {
  const key = dayKey(day);
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7)) - 1;
  return { row: (year - first.year) * 12 + month - first.month, column: Number(key.slice(8, 10)) - 1 };
}

export function monthLabel({ year, month }: Month): string {
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
}

function toMonth(day: number): Month {
  const key = dayKey(day);
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)) - 1 };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
