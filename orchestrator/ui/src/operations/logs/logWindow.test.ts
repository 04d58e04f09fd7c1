import { describe, expect, it } from 'vitest';
import type { LogPage } from '../../api/logs';
import { appended, fromTail, MAX_KEPT_BYTES, MAX_KEPT_LINES, PAGE_BYTES, prepended, windowLines } from './logWindow';

/** A page of `lines` lines of `width` bytes each (newline included) starting at `offset`. */
function page(offset: number, lines: number, width: number, size: number, writing = false): LogPage {
  const text = Array.from({ length: lines }, (_, i) => `${offset + i * width}`.padEnd(width - 1, '.') + '\n').join('');
  return { offset, next: offset + text.length, size, writing, text };
}

describe('the log window', () => {
  it('keeps at most its cap of bytes, dropping whole pages from the far end', () => {
    const size = 100 * PAGE_BYTES;
    let w = fromTail(page(size - PAGE_BYTES, PAGE_BYTES / 1024, 1024, size));
    while (w.start > 0) w = prepended(w, page(w.start - PAGE_BYTES, PAGE_BYTES / 1024, 1024, size));

    expect(w.start).toBe(0);
    expect(w.end - w.start).toBeLessThanOrEqual(MAX_KEPT_BYTES);
    expect(w.atEnd).toBe(false);
    expect(windowLines(w)).toHaveLength(MAX_KEPT_BYTES / 1024);

    // Reading on from the end drops pages at the start again.
    while (!w.atEnd) w = appended(w, page(w.end, PAGE_BYTES / 1024, 1024, size), PAGE_BYTES);
    expect(w.end).toBe(size);
    expect(w.start).toBe(size - MAX_KEPT_BYTES);
  });

  it('keeps at most its cap of lines when they are short', () => {
    const size = 10 * PAGE_BYTES;
    let w = fromTail(page(0, PAGE_BYTES / 16, 16, size, true));
    for (let i = 1; i < 10; i++) w = appended(w, page(i * PAGE_BYTES, PAGE_BYTES / 16, 16, size, true), PAGE_BYTES);
    expect(windowLines(w)).toHaveLength(MAX_KEPT_LINES);
    expect(w.end).toBe(size);
    // The window starts where its first kept line does: "Load earlier" asks for the bytes just before it.
    expect(w.start).toBe(size - MAX_KEPT_LINES * 16);
    expect(windowLines(w)[0]!.raw.startsWith(String(w.start))).toBe(true);
  });

  it('holds its place in a live log when a page brings nothing new', () => {
    const w = fromTail({ offset: 0, next: 6, size: 13, writing: true, text: 'first\n' });
    const same = appended(w, { offset: 6, next: 6, size: 13, writing: true, text: '' }, PAGE_BYTES);
    expect([same.start, same.end, same.atEnd, same.writing]).toEqual([0, 6, true, true]);
    expect(windowLines(same).map((l) => l.raw)).toEqual(['first']);
  });
});
