import { useCallback, useEffect, useRef, useState } from 'react';
import { usePageVisible } from './usePageVisible';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** When the data shown was last fetched successfully. */
  updatedAt: Date | undefined;
  /** Data is shown but the latest fetch failed: the page must say so instead of looking current. */
  stale: boolean;
  reload: () => void;
}

export interface ResourceOptions {
  /** Fetch again every this many milliseconds while the tab is visible. */
  pollMs?: number;
}

/**
 * Loads data and keeps it with its freshness: a failed reload keeps the last good data but marks it stale and
 * keeps the error, so no failure leaves the page silently out of date. `key` changes start over.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string, options: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; loading: boolean; updatedAt?: Date }>({
    key,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const visible = usePageVisible();
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, loading: true }));
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false, updatedAt: new Date() });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, key, error, loading: false }));
      });
    return () => controller.abort();
  }, [key, tick]);

  const { pollMs } = options;
  useEffect(() => {
    if (!pollMs || !visible) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs, visible]);

  // Coming back to a hidden tab: refresh at once rather than waiting a whole interval.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current && pollMs) reload();
    wasVisible.current = visible;
  }, [visible, pollMs, reload]);

  const current = state.key === key ? state : { loading: true as const, data: undefined, error: undefined, updatedAt: undefined };
  return {
    data: current.data,
    error: current.error,
    loading: current.loading,
    updatedAt: current.updatedAt,
    stale: current.data !== undefined && current.error !== undefined,
    reload,
  };
}
