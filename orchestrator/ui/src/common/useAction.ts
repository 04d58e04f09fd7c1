import { useCallback, useState } from 'react';

/** A button's request: busy while it runs, and its error kept for a banner until the next try. */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ action: string; error: unknown } | null>(null);
  const run = useCallback(async <T,>(action: string, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(action);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError({ action, error: e });
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, clearError: () => setError(null), run };
}
