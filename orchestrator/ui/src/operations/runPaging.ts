import { useCallback, useState } from 'react';

/**
 * Keyset paging over runs, newest first: the server's `next` of one page is the `before` of the following one.
 * Going back pops the cursor stack, so every page is asked for the same way and polling a page stays cheap.
 */
export function useRunPaging(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({ key: resetKey, cursors: [] });
  const cursors = cursorsFor(state, resetKey);
  // Updaters read the cursors they change, so the callbacks stay the same while the page changes.
  const older = useCallback((next: string) => setState((s) => ({ key: resetKey, cursors: [...cursorsFor(s, resetKey), next] })), [resetKey]);
  const newer = useCallback(() => setState((s) => ({ key: resetKey, cursors: cursorsFor(s, resetKey).slice(0, -1) })), [resetKey]);
  const first = useCallback(() => setState({ key: resetKey, cursors: [] }), [resetKey]);
  return { before: cursors[cursors.length - 1], page: cursors.length + 1, older, newer, first };
}

/** The cursor stack, empty when the filters (the key) changed since it was built. */
function cursorsFor(state: { key: string; cursors: string[] }, resetKey: string): string[] {
  return state.key === resetKey ? state.cursors : [];
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
