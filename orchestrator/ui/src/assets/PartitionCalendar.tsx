import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { CALENDAR_WIDTH, CELL, dayAtPoint, monthRows } from './calendarLayout';
import { paintCalendar } from './paintCalendar';
import { dayKey, stateOf, type PartitionDays } from './partitionDays';

/** The mark set once the first calendar with data is on screen: the benchmark reads it (scripts/measure-assets-paint.ts). */
export const PAINTED_MARK = 'assets-grid-painted';
const MAX_HEIGHT = 420;

export interface DayClick {
  day: number;
  /** Shift: select the range from the last clicked day. */
  range: boolean;
  /** Ctrl or Cmd: add or remove this day. */
  toggle: boolean;
}

interface Props {
  days: PartitionDays;
  shown: ReadonlySet<string>;
  selected: ReadonlySet<number>;
  onDayClick: (click: DayClick) => void;
}

/**
 * The asset's days on a canvas, one row per month, virtualised: a tall scroller gives the history's height and a
 * viewport-sized canvas stuck to its top draws only the rows in view.
 */
export function PartitionCalendar({ days, shown, selected, onDayClick }: Props) {
  const { first, rows } = useMemo(() => monthRows(days), [days]);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [scrollRow, setScrollRow] = useState(0);
  const marked = useRef(false);
  const height = Math.min(MAX_HEIGHT, Math.max(rows, 1) * CELL);
  const visibleRows = Math.min(Math.max(rows, 1), Math.ceil(height / CELL) + 1);

  useLayoutEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = CALENDAR_WIDTH * ratio;
    element.height = visibleRows * CELL * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    paintCalendar(ctx, days, { first, rows, fromRow: scrollRow, visibleRows, shown, selected });
    if (!marked.current && days.total > 0) {
      marked.current = true;
      // The next frame is the first with these pixels on screen.
      requestAnimationFrame(() => performance.mark(PAINTED_MARK, { detail: { partitions: days.total } }));
    }
  }, [days, first, rows, scrollRow, visibleRows, shown, selected]);

  const click = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const day = dayAtPoint(first, rows, event.clientX - rect.left, event.clientY - rect.top + scrollRow * CELL);
    if (day !== null) onDayClick({ day, range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  };

  const hover = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const day = dayAtPoint(first, rows, event.clientX - rect.left, event.clientY - rect.top + scrollRow * CELL);
    event.currentTarget.title = day === null ? '' : `${dayKey(day)}: ${stateOf(days, day) ?? 'no partition'}`;
  };

  return (
    <div
      ref={scroller}
      className="partition-calendar"
      style={{ height, width: CALENDAR_WIDTH + 16 }}
      onScroll={(e) => setScrollRow(Math.floor(e.currentTarget.scrollTop / CELL))}
    >
      {/* Two rows to spare, so the sticky canvas is never pushed up at the bottom. */}
      <div style={{ height: (rows + 2) * CELL, position: 'relative' }}>
        <canvas
          ref={canvas}
          data-testid="partition-calendar"
          data-first-month={rows > 0 ? `${first.year}-${String(first.month + 1).padStart(2, '0')}` : ''}
          role="img"
          aria-label={`Calendar of ${days.total.toLocaleString()} partitions, one row per month; click a day to open it, shift-click to select a range`}
          style={{ position: 'sticky', top: 0, width: CALENDAR_WIDTH, height: visibleRows * CELL, cursor: 'pointer' }}
          onClick={click}
          onMouseMove={hover}
        />
      </div>
    </div>
  );
}
