import { useState } from 'react';
import { ApiError, bannerError } from '../api/ApiError';
import { updateUser } from '../api/users';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';

/** Sets a user's password (someone who forgot theirs); the server's password rules apply. */
export function ResetPasswordDialog({ user, onDone, onClose }: { user: string; onDone: () => void; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormSubmit(async () => {
    await updateUser(user, { password });
    onDone();
    onClose();
  });
  const problems = error instanceof ApiError ? error.fieldErrors('password') : [];
  const banner = bannerError(error, ['password']);
  return (
    <Dialog title={`Reset the password of ${user}`} onClose={onClose}>
      <form onSubmit={submit}>
        {banner ? <ErrorBanner error={banner} action="Resetting the password" /> : null}
        <TextField label="New password" type="password" value={password} onChange={setPassword} autoComplete="new-password" problems={problems} />
        <p className="hint">Tell {user} the new password another way; they can change it on their account page.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !password}>
            Set password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
