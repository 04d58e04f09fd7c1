import { useState, type FormEvent } from 'react';

/**
 * A form's submit: busy while its request runs, the error kept for the form's field problems and banner until the
 * next try. After a success the form stays busy (it is about to close or be replaced) unless `staysOpen`, for a form
 * that is cleared to be used again.
 */
export function useFormSubmit(work: () => Promise<void>, { staysOpen = false }: { staysOpen?: boolean } = {}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
      if (staysOpen) setBusy(false);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
