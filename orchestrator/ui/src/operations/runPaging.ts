import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The URL parameter holding the cursors of the pages before this one, oldest page last, joined by dots. */
export const PAGES_PARAM = 'pages';

/**
 * Keyset paging over runs, newest first, kept in the URL so a reload or the browser's back button returns to the
 * same page: the server's `next` of one page is the `before` of the following one, and the URL keeps every cursor
 * on the way (run ids, which have no dots), so "Newer" goes back without asking the server. Each step is a history
 * entry; changing the filters drops the cursors (the filters' own code builds params without them).
 */
export function useRunPaging() {
  const [params, setParams] = useSearchParams();
  const raw = params.get(PAGES_PARAM) ?? '';
  const cursors = raw ? raw.split('.').filter(Boolean) : [];
  const go = useCallback(
    (change: (cursors: string[]) => string[]) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        const now = (next.get(PAGES_PARAM) ?? '').split('.').filter(Boolean);
        const changed = change(now);
        if (changed.length > 0) next.set(PAGES_PARAM, changed.join('.'));
        else next.delete(PAGES_PARAM);
        return next;
      }),
    [setParams],
  );
  const older = useCallback((cursor: string) => go((c) => [...c, cursor]), [go]);
  const newer = useCallback(() => go((c) => c.slice(0, -1)), [go]);
  const first = useCallback(() => go(() => []), [go]);
  return { before: cursors[cursors.length - 1], page: cursors.length + 1, older, newer, first };
}

/** A date field's day as the instant it starts (from) or ends (to) in the browser's zone. */
export function dayStart(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function dayEnd(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
