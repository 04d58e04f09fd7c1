import { useState, type ReactNode } from 'react';
import { fieldErrorsOf } from './reasonProblems';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { TextField } from '../common/TextField';

interface Props {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  /** Does the change with the reason given; a thrown error (the server's refusal) keeps the dialog open. */
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

/** A production change asks why, as a deploy would: the reason is required and goes into the promotion history. */
export function ReasonDialog({ title, confirmLabel, children, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const blank = reason.trim() === '';
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const serverSays = fieldErrorsOf(error, 'reason');
  return (
    <Dialog title={title} onClose={onClose}>
      {error && serverSays.length === 0 ? <ErrorBanner error={error} action={confirmLabel} /> : null}
      <div className="dialog-text">{children}</div>
      <TextField label="Reason (required)" value={reason} onChange={setReason} multiline required problems={serverSays} hint="Kept in the model's production history with your name and the time." />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy || blank} title={blank ? 'Say why first' : undefined} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
