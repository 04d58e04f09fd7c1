import { CELL, DAYS_PER_ROW, LABEL_WIDTH, dayAt, monthLabel, rowMonth, type Month } from './calendarLayout';
import { NONE, type PartitionDays } from './partitionDays';

/** A partition state's colour in the calendar and its legend. Unknown states get OTHER. */
export const STATE_COLOURS: Record<string, string> = {
  materialized: '#2e8b57',
  stale: '#d68a00',
  failed: '#c0392b',
  missing: '#6b5b95',
  running: '#2d6fc0',
};
export const OTHER_COLOUR = '#7f8c8d';
/** A day without a partition, or one whose state is filtered out. */
export const EMPTY_COLOUR = '#eceff3';
export const SELECTED_COLOUR = '#111827';

export const colourOf = (state: string) => STATE_COLOURS[state] ?? OTHER_COLOUR;

export interface PaintOptions {
  first: Month;
  rows: number;
  /** The first row to draw (the scroll position, in rows) and how many fit. */
  fromRow: number;
  visibleRows: number;
  /** States shown; the others are drawn as empty days. */
  shown: ReadonlySet<string>;
  selected: ReadonlySet<number>;
}

/**
 * Draws the visible rows only: the cost of a paint is the screen's size, not the asset's history, so 100,000 days
 * paint as fast as 100. The canvas stays the viewport's size and is redrawn on scroll.
 */
export function paintCalendar(ctx: CanvasRenderingContext2D, days: PartitionDays, options: PaintOptions) {
  const { first, rows, fromRow, visibleRows, shown, selected } = options;
  const colours = days.states.map((state) => (shown.has(state) ? colourOf(state) : EMPTY_COLOUR));
  ctx.clearRect(0, 0, LABEL_WIDTH + DAYS_PER_ROW * CELL, visibleRows * CELL);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const last = Math.min(rows, fromRow + visibleRows);
  for (let row = fromRow; row < last; row++) {
    const y = (row - fromRow) * CELL;
    ctx.fillStyle = '#4b5563';
    ctx.fillText(monthLabel(rowMonth(first, row)), 2, y + CELL / 2);
    for (let date = 1; date <= DAYS_PER_ROW; date++) {
      const day = dayAt(first, row, date);
      if (day === null) break;
      const code = days.codes[day - days.firstDay] ?? NONE;
      const x = LABEL_WIDTH + (date - 1) * CELL;
      ctx.fillStyle = code === NONE ? EMPTY_COLOUR : (colours[code] ?? OTHER_COLOUR);
      ctx.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
      if (selected.has(day)) {
        ctx.strokeStyle = SELECTED_COLOUR;
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, y + 1, CELL - 2, CELL - 2);
      }
    }
  }
}
