import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { TextField } from '../common/TextField';
import { useSession } from './SessionContext';

interface Props {
  /** The user name to start with (signing in again after the session ended). */
  initialUser?: string | undefined;
}

/** User name and password; Enter submits; the server's refusal is shown as it said it. */
export function SignInForm({ initialUser }: Props) {
  const session = useSession();
  const [user, setUser] = useState(initialUser ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!user.trim() || !password) {
      setError('Enter your user name and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(user.trim(), password);
    } catch (e) {
      setError(signInMessage(e));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <form className="sign-in-form" onSubmit={submit} aria-label="Sign in">
      {error ? (
        <div className="banner banner-error" role="alert">
          <span className="banner-text">{error}</span>
        </div>
      ) : null}
      <TextField label="User name" value={user} onChange={setUser} autoComplete="username" autoFocus={!initialUser} />
      <TextField label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" autoFocus={!!initialUser} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** The server's words, with how long to wait when it is rate limiting. */
export function signInMessage(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds !== undefined && !/try again/i.test(message)) {
    return `${message.replace(/\.?$/, '.')} Try again in ${error.retryAfterSeconds} s.`;
  }
  return message;
}
