import { describe, expect, it } from 'vitest';
import type { PartitionGrid } from '../api/types';
import { stubCanvas } from '../test/canvasStub';
import { CELL, LABEL_WIDTH, cellOf, dayAtPoint, monthRows } from './calendarLayout';
import { selectDay, selectRange } from './daySelection';
import { EMPTY_COLOUR, SELECTED_COLOUR, STATE_COLOURS, paintCalendar } from './paintCalendar';
import { dayKey, dayNumber, expandGrid, stateOf } from './partitionDays';

const STATES = ['materialized', 'stale', 'failed', 'missing', 'running'];

/** 2013-03-01..05 materialized, 06 failed, 07 none, 08..09 running, 10 stale. */
const grid: PartitionGrid = {
  asset: 'readings',
  from: null,
  to: null,
  states: STATES,
  counts: { materialized: 5, stale: 1, failed: 1, missing: 0, running: 2 },
  total: 9,
  starts: ['2013-03-01', '2013-03-06', '2013-03-08', '2013-03-10'],
  lengths: [5, 1, 2, 1],
  codes: [0, 2, 4, 1],
};

describe('the partition calendar', () => {
  it('expands the grid runs into one state per day, with no partition where no run is', () => {
    const days = expandGrid(grid);

    expect(dayKey(days.firstDay)).toBe('2013-03-01');
    expect(days.codes).toHaveLength(10);
    expect(['2013-03-01', '2013-03-05', '2013-03-06', '2013-03-07', '2013-03-08', '2013-03-10'].map((d) => stateOf(days, dayNumber(d)))).toEqual([
      'materialized',
      'materialized',
      'failed',
      null,
      'running',
      'stale',
    ]);
    expect(days.total).toBe(9);
  });

  it('paints each day in its state colour, hidden states and days without a partition as empty, selected days outlined', () => {
    const { painted, context } = stubCanvas();
    const days = expandGrid(grid);
    const { first, rows } = monthRows(days);
    const shown = new Set(STATES.filter((s) => s !== 'failed'));

    paintCalendar(context, days, { first, rows, fromRow: 0, visibleRows: 2, shown, selected: new Set([dayNumber('2013-03-02')]) });

    const colourOfDate = (date: number) => painted.cells.find((c) => c.x === LABEL_WIDTH + (date - 1) * CELL + 1)?.colour;
    expect(rows).toBe(1);
    expect(painted.cells).toHaveLength(31);
    expect(colourOfDate(1)).toBe(STATE_COLOURS.materialized);
    expect(colourOfDate(6)).toBe(EMPTY_COLOUR);
    expect(colourOfDate(7)).toBe(EMPTY_COLOUR);
    expect(colourOfDate(8)).toBe(STATE_COLOURS.running);
    expect(colourOfDate(10)).toBe(STATE_COLOURS.stale);
    expect(painted.outlined).toEqual([{ x: LABEL_WIDTH + CELL + 1, y: 1, colour: SELECTED_COLOUR }]);
  });

  it('finds the day under a point, one row per month, and nothing over the labels or past a month end', () => {
    const days = expandGrid({ ...grid, starts: ['2013-01-30'], lengths: [40], codes: [0], total: 40 });
    const { first, rows } = monthRows(days);

    expect(rows).toBe(3);
    expect(dayKey(dayAtPoint(first, rows, LABEL_WIDTH + 2, 2)!)).toBe('2013-01-01');
    expect(dayKey(dayAtPoint(first, rows, LABEL_WIDTH + 27 * CELL + 2, CELL + 2)!)).toBe('2013-02-28');
    expect(dayAtPoint(first, rows, LABEL_WIDTH + 28 * CELL + 2, CELL + 2)).toBeNull();
    expect(dayAtPoint(first, rows, 10, 2)).toBeNull();
    expect(cellOf(first, dayNumber('2013-03-10'))).toEqual({ row: 2, column: 9 });
  });

  it('paints only the rows in view, however long the history (100,000 days)', () => {
    const { painted, context } = stubCanvas();
    const days = expandGrid({ ...grid, starts: ['1800-01-01'], lengths: [100_000], codes: [0], total: 100_000 });
    const { first, rows } = monthRows(days);

    paintCalendar(context, days, { first, rows, fromRow: rows - 10, visibleRows: 31, shown: new Set(STATES), selected: new Set() });

    expect(rows).toBeGreaterThan(3000);
    expect(painted.cells.length).toBeLessThanOrEqual(10 * 31);
  });
});

describe('selecting days', () => {
  const d = (key: string) => dayNumber(key);

  it('selects one day on a click, the range from it on shift-click, and toggles a day with ctrl', () => {
    let selection = selectDay({ days: new Set(), anchor: null }, { day: d('2013-03-05'), range: false, toggle: false });
    selection = selectDay(selection, { day: d('2013-03-02'), range: true, toggle: false });
    expect([...selection.days].map(dayKey).sort()).toEqual(['2013-03-02', '2013-03-03', '2013-03-04', '2013-03-05']);

    selection = selectDay(selection, { day: d('2013-03-03'), range: false, toggle: true });
    expect([...selection.days].map(dayKey).sort()).toEqual(['2013-03-02', '2013-03-04', '2013-03-05']);

    selection = selectDay(selection, { day: d('2013-03-09'), range: false, toggle: false });
    expect([...selection.days].map(dayKey)).toEqual(['2013-03-09']);
  });

  it('caps a range at 5000 days', () => {
    expect(selectRange(d('1800-01-01'), d('2000-01-01')).days.size).toBe(5000);
  });
});
