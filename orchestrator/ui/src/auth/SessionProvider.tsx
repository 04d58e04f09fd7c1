import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/ApiError';
import { getMe, login, logout } from '../api/auth';
import { onSessionEvent } from '../api/client';
import { roleIncludes } from './roles';
import { SessionContext, type Session, type SessionStatus } from './SessionContext';

/**
 * Knows who is signed in: asks `GET /api/auth/me` on start-up, and follows what the client learns from every
 * request (a 401 signs out; a CSRF refresh brings a new token).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionStatus>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(
    () =>
      onSessionEvent((event) => {
        if (event.type === 'session') setState({ status: 'signed-in', session: event.session });
        else setState((s) => (s.status === 'signed-out' ? s : signedOut(s, 'expired')));
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal)
      .then((session) => setState({ status: 'signed-in', session }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out', reason: 'not-signed-in', lastSession: null });
        else setState({ status: 'unreachable', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const signIn = useCallback(async (user: string, password: string) => {
    const session = await login(user, password);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setState((s) => signedOut(s, 'signed-out'));
    }
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => a + 1);
  }, []);

  const value = useMemo<Session>(() => {
    const session = state.status === 'signed-in' ? state.session : null;
    const shown = session ?? (state.status === 'signed-out' && state.reason === 'expired' ? state.lastSession : null);
    return {
      state,
      user: shown?.user ?? null,
      role: shown?.role ?? null,
      csrfToken: session?.csrfToken ?? null,
      hasRole: (role) => roleIncludes(shown?.role, role),
      signIn,
      signOut,
      reload,
    };
  }, [state, signIn, signOut, reload]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function signedOut(previous: SessionStatus, reason: 'expired' | 'signed-out'): SessionStatus {
  const lastSession = previous.status === 'signed-in' ? previous.session : previous.status === 'signed-out' ? previous.lastSession : null;
  // Only a session that was in use can expire; a 401 before anyone signed in is just "not signed in".
  return { status: 'signed-out', reason: reason === 'expired' && previous.status !== 'signed-in' ? 'not-signed-in' : reason, lastSession };
}
