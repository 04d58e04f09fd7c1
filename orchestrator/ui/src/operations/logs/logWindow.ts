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
  /** Each line's length in bytes, its newline included: where the page starts or ends when lines are dropped. */
  sizes: number[];
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

const encoder = new TextEncoder();

function loaded(page: LogPage): LoadedPage {
  const lines = parseLogText(page.text, page.offset);
  const parts = page.text.split('\n');
  const sizes = lines.map((_, i) => encoder.encode(parts[i]!).length + (i < parts.length - 1 ? 1 : 0));
  return { offset: page.offset, next: page.next, lines, sizes };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The page with only its first (`from: 'end'` drops the last) lines over the cap dropped. */
function trimmed(page: LoadedPage, from: 'start' | 'end'): LoadedPage {
  const drop = page.lines.length - MAX_KEPT_LINES;
  if (drop <= 0) return page;
  return from === 'start'
    ? { offset: page.offset + sum(page.sizes.slice(0, drop)), next: page.next, lines: page.lines.slice(drop), sizes: page.sizes.slice(drop) }
    : { offset: page.offset, next: page.next - sum(page.sizes.slice(-drop)), lines: page.lines.slice(0, -drop), sizes: page.sizes.slice(0, -drop) };
}

const keptBytes = (pages: LoadedPage[]) => pages.reduce((sum, p) => sum + (p.next - p.offset), 0);
const keptLines = (pages: LoadedPage[]) => pages.reduce((sum, p) => sum + p.lines.length, 0);
const overCap = (pages: LoadedPage[]) => pages.length > 1 && (keptBytes(pages) > MAX_KEPT_BYTES || keptLines(pages) > MAX_KEPT_LINES);

/** One page of very short lines can hold more than the cap: its lines at the far end are dropped too. */
function capped(pages: LoadedPage[], dropFrom: 'start' | 'end'): LoadedPage[] {
  while (overCap(pages)) {
    if (dropFrom === 'start') pages.shift();
    else pages.pop();
  }
  if (pages.length === 1) pages[0] = trimmed(pages[0]!, dropFrom);
  return pages;
}

/** The tail of the log, read first. */
export function fromTail(page: LogPage): LogWindow {
  const pages = capped(page.next > page.offset ? [loaded(page)] : [], 'start');
  return { pages, start: pages[0]?.offset ?? page.offset, end: page.next, size: page.size, writing: page.writing, atEnd: true };
}

/**
 * A page read from the window's end on (`offset` = its end), with `limit` bytes asked: kept at the end; pages at the
 * start are dropped over the cap. It reached the log's end when the bytes asked covered all there was.
 */
export function appended(w: LogWindow, page: LogPage, limit: number): LogWindow {
  const pages = capped(page.next > page.offset ? [...w.pages, loaded(page)] : [...w.pages], 'start');
  const start = pages[0]?.offset ?? w.start;
  return { pages, start, end: page.next, size: page.size, writing: page.writing, atEnd: page.offset + limit >= page.size };
}

/** A page read before the window's start: kept at the start; pages at the end are dropped over the cap. */
export function prepended(w: LogWindow, page: LogPage): LogWindow {
  const before = page.next > page.offset ? [loaded(page), ...w.pages] : [...w.pages];
  const end = before.at(-1)?.next ?? w.end;
  const pages = capped(before, 'end');
  const atEnd = w.atEnd && (pages.at(-1)?.next ?? w.end) === end;
  const start = page.next > page.offset ? page.offset : w.start;
  return { pages, start, end: pages.at(-1)?.next ?? w.end, size: Math.max(w.size, page.size), writing: page.writing, atEnd };
}
