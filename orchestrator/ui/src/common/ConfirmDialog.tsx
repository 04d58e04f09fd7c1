import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorBanner';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Does the thing; a thrown error (the server's refusal) is shown in the dialog, which then stays open. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /** The confirm button's look: `danger` (the default) for what cannot be undone, `primary` for a plain go-ahead. */
  tone?: 'danger' | 'primary';
}

/** "Are you sure?" for what cannot be undone (revoking a key, deleting a user). */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, tone = 'danger' }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      {error ? <ErrorBanner error={error} action={confirmLabel} /> : null}
      <div className="dialog-text">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={tone} disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
