import type { LogPage } from '../../api/logs';
import { parseLogText, type LogLine } from './logLine';

// The part of a log the page holds: consecutive pages by byte range, never more than a cap, so a 100 MB log keeps
// the browser (and its DOM) as small as a few pages. Pages are dropped whole from the far end when the cap is passed.

/** Bytes asked for at a time: about 250 lines of a step's JSON log. */
export const PAGE_BYTES = 256 * 1024;
/** At most this much of the log is kept... */
export const MAX_KEPT_BYTES = 2 * 1024 * 1024;
/** ...and at most this many lines (short lines would otherwise make many rows). */
export const MAX_KEPT_LINES = 5000;

export interface LoadedPage {
  offset: number;
  next: number;
  lines: LogLine[];
}

export interface LogWindow {
  pages: LoadedPage[];
  /** The bytes held: from `start` to `end` (also when no page holds a line yet). */
  start: number;
  end: number;
  /** The log's size and whether it grows, as the last answer said. */
  size: number;
  writing: boolean;
  /** Whether the last page held reaches the end of the log (so a live log is followed from it). */
  atEnd: boolean;
}

export const emptyWindow: LogWindow = { pages: [], start: 0, end: 0, size: 0, writing: false, atEnd: true };

export const windowLines = (w: LogWindow) => w.pages.flatMap((p) => p.lines);

const loaded = (page: LogPage): LoadedPage => ({ offset: page.offset, next: page.next, lines: parseLogText(page.text, page.offset) });

const keptBytes = (pages: LoadedPage[]) => pages.reduce((sum, p) => sum + (p.next - p.offset), 0);
const keptLines = (pages: LoadedPage[]) => pages.reduce((sum, p) => sum + p.lines.length, 0);
const overCap = (pages: LoadedPage[]) => pages.length > 1 && (keptBytes(pages) > MAX_KEPT_BYTES || keptLines(pages) > MAX_KEPT_LINES);

/** The tail of the log, read first. */
export function fromTail(page: LogPage): LogWindow {
  const pages = page.next > page.offset ? [loaded(page)] : [];
  return { pages, start: page.offset, end: page.next, size: page.size, writing: page.writing, atEnd: true };
}

/**
 * A page read from the window's end on (`offset` = its end), with `limit` bytes asked: kept at the end; pages at the
 * start are dropped over the cap. It reached the log's end when the bytes asked covered all there was.
 */
export function appended(w: LogWindow, page: LogPage, limit: number): LogWindow {
  const pages = page.next > page.offset ? [...w.pages, loaded(page)] : [...w.pages];
  while (overCap(pages)) pages.shift();
  const start = pages[0]?.offset ?? w.start;
  return { pages, start, end: page.next, size: page.size, writing: page.writing, atEnd: page.offset + limit >= page.size };
}

/** A page read before the window's start: kept at the start; pages at the end are dropped over the cap. */
export function prepended(w: LogWindow, page: LogPage): LogWindow {
  const pages = page.next > page.offset ? [loaded(page), ...w.pages] : [...w.pages];
  let atEnd = w.atEnd;
  while (overCap(pages)) {
    pages.pop();
    atEnd = false;
  }
  const start = page.next > page.offset ? page.offset : w.start;
  const end = pages.at(-1)?.next ?? w.end;
  return { pages, start, end, size: Math.max(w.size, page.size), writing: page.writing, atEnd };
}
