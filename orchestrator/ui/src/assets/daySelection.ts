import type { DayClick } from './PartitionCalendar';

/** Selected days (day numbers) and the day a shift-click ranges from. */
export interface DaySelection {
  days: ReadonlySet<number>;
  anchor: number | null;
}

export const NO_SELECTION: DaySelection = { days: new Set(), anchor: null };

/** The most days one click may select: a shift-click across centuries is a slip, not a request. */
export const MAX_SELECTED = 5000;

/**
 * A click on a day: alone it selects just that day; with shift, every day from the anchor to it (the anchor stays,
 * as in a file list); with ctrl or cmd, it adds or removes that day.
 */
export function selectDay(selection: DaySelection, click: DayClick): DaySelection {
  if (click.range && selection.anchor !== null) {
    const from = Math.min(selection.anchor, click.day);
    const to = Math.min(Math.max(selection.anchor, click.day), from + MAX_SELECTED - 1);
    const days = new Set<number>();
    for (let day = from; day <= to; day++) days.add(day);
    return { days, anchor: selection.anchor };
  }
  if (click.toggle) {
    const days = new Set(selection.days);
    if (days.has(click.day)) days.delete(click.day);
    else days.add(click.day);
    return { days, anchor: click.day };
  }
  return { days: new Set([click.day]), anchor: click.day };
}

/** Every day from `from` to `to` (day numbers, inclusive), at most MAX_SELECTED. */
export function selectRange(from: number, to: number): DaySelection {
  return selectDay({ days: new Set(), anchor: Math.min(from, to) }, { day: Math.max(from, to), range: true, toggle: false });
}
