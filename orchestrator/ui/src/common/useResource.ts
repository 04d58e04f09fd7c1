import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
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
  // The last answer and which fetch (key, tick) it answers: a fetch for anything newer is under way while they
  // differ, so `loading` is derived rather than set when a fetch starts.
  const [state, setState] = useState<{ key: string; tick: number; data?: T; error?: unknown; updatedAt?: Date } | null>(null);
  const [tick, setTick] = useState(0);
  const visible = usePageVisible();
  // The latest `load` (callers pass a new closure each render); only the key and reloads start a fetch.
  const fetchData = useEffectEvent((signal: AbortSignal) => load(signal));

  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    fetchData(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ key, tick, data, updatedAt: new Date() });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed reload keeps the key's last good data; another key's data is not this one's.
        setState((s) => (s?.key === key ? { ...s, tick, error } : { key, tick, error }));
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

  const current = state?.key === key ? state : { tick: -1, data: undefined, error: undefined, updatedAt: undefined };
  return {
    data: current.data,
    error: current.error,
    loading: current.tick !== tick,
    updatedAt: current.updatedAt,
    stale: current.data !== undefined && current.error !== undefined,
    reload,
  };
}
