import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/ApiError';
import { getLogPage } from '../../api/logs';
import type { LogStream } from '../../api/runs';
import { appended, emptyWindow, fromTail, PAGE_BYTES, prepended, type LogWindow } from './logWindow';

/** How often a live log is asked for what is new. */
export const POLL_MS = 1000;

export type LogStatus = 'loading' | 'live' | 'ended' | 'missing' | 'failed';

const statusOf = (w: LogWindow): LogStatus => (w.writing ? 'live' : 'ended');

interface State {
  /** The attempt, stream and retry this window was read from: another one starts from nothing. */
  source: string;
  window: LogWindow;
  status: LogStatus;
  error?: unknown;
  /** A page being read at the start or the end (one at a time). */
  busy?: 'earlier' | 'later';
  /** Counts the live reads, so an empty one still schedules the next. */
  polls: number;
}

/**
 * An attempt's log read by byte range: its tail first, earlier and later pages on request, and what is new every
 * second while the attempt writes and the window holds the log's end. Never the whole file.
 */
export function useLogPages(runId: string, stepId: string, attempt: number, stream: LogStream) {
  const [restart, setRestart] = useState(0);
  const source = `${runId}/${stepId}/${attempt}/${stream}/${restart}`;
  const fresh = useCallback((): State => ({ source, window: emptyWindow, status: 'loading', polls: 0 }), [source]);
  const [state, setState] = useState<State>(fresh);
  const shown = state.source === source ? state : fresh();
  // What the buttons' handlers read: the state last rendered.
  const current = useRef(shown);
  useEffect(() => {
    current.current = shown;
  });

  const update = useCallback(
    (change: (s: State) => Partial<State>) =>
      setState((s) => {
        const base = s.source === source ? s : fresh();
        return { ...base, ...change(base) };
      }),
    [source, fresh],
  );
  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      update((s) => (e instanceof ApiError && e.status === 404 && s.status === 'loading' ? { status: 'missing', busy: undefined } : { error: e, status: 'failed', busy: undefined }));
    },
    [update],
  );

  // The tail, when the attempt, stream or a retry changes.
  const aborts = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    aborts.current = controller;
    getLogPage(runId, stepId, attempt, stream, { limit: PAGE_BYTES }, controller.signal)
      .then((page) => update(() => ({ window: fromTail(page), status: page.writing ? 'live' : 'ended' })))
      .catch(fail);
    return () => controller.abort();
  }, [source, runId, stepId, attempt, stream, update, fail]);

  // Following: while the attempt writes and the window reaches the end, ask from the end for what is new.
  const { window: w, status, polls } = shown;
  const following = status === 'live' && w.atEnd && !shown.busy;
  useEffect(() => {
    if (!following) return;
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        getLogPage(runId, stepId, attempt, stream, { offset: w.end, limit: PAGE_BYTES }, controller.signal)
          .then((page) => update((s) => {
            const next = appended(s.window, page, PAGE_BYTES);
            return { window: next, status: statusOf(next), polls: s.polls + 1 };
          }))
          .catch(fail),
      // Behind the end (a burst of output): catch up at once.
      w.end < w.size - PAGE_BYTES ? 0 : POLL_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [following, polls, w.end, w.size, runId, stepId, attempt, stream, update, fail]);

  const loadEarlier = useCallback(() => {
    const s = current.current;
    if (s.busy || s.window.start === 0) return;
    update(() => ({ busy: 'earlier' }));
    getLogPage(runId, stepId, attempt, stream, { before: s.window.start, limit: PAGE_BYTES }, aborts.current?.signal)
      .then((page) => update((now) => ({ window: prepended(now.window, page), busy: undefined })))
      .catch(fail);
  }, [runId, stepId, attempt, stream, update, fail]);

  const loadLater = useCallback(() => {
    const s = current.current;
    if (s.busy) return;
    update(() => ({ busy: 'later' }));
    getLogPage(runId, stepId, attempt, stream, { offset: s.window.end, limit: PAGE_BYTES }, aborts.current?.signal)
      .then((page) => update((now) => {
        const next = appended(now.window, page, PAGE_BYTES);
        return { window: next, status: statusOf(next), busy: undefined };
      }))
      .catch(fail);
  }, [runId, stepId, attempt, stream, update, fail]);

  return { ...shown, loadEarlier, loadLater, retry: () => setRestart((n) => n + 1) };
}
