import { useState, type FormEvent } from 'react';
import { ApiError, bannerError } from '../api/ApiError';
import { changePassword } from '../api/auth';
import { ErrorBanner } from '../common/ErrorBanner';
import { TextField } from '../common/TextField';

/** The current password and a new one (typed twice); the server's rules and refusals are shown on their fields. */
export function ChangePasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const mismatch = repeat !== '' && repeat !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!current || !next || next !== repeat) {
      setError(new Error(next !== repeat ? 'The new password and its repetition differ.' : 'Fill in the current and the new password.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (f: string) => (error instanceof ApiError ? error.fieldErrors(f) : []);
  const banner = bannerError(error, ['current', 'new']);

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={submit} aria-label="Change password">
        {banner ? <ErrorBanner error={banner} action="Changing the password" /> : null}
        {done ? (
          <p className="banner banner-info" role="status">
            Your password was changed.
          </p>
        ) : null}
        <TextField label="Current password" type="password" value={current} onChange={setCurrent} autoComplete="current-password" problems={field('current')} />
        <TextField label="New password" type="password" value={next} onChange={setNext} autoComplete="new-password" problems={field('new')} />
        <TextField
          label="Repeat the new password"
          type="password"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          problems={mismatch ? ['Does not match the new password.'] : []}
        />
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
