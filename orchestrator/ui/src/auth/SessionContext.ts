import { createContext, useContext } from 'react';
import type { Role, SessionInfo } from '../api/types';

export type SessionStatus =
  | { status: 'loading' }
  /**
   * Nobody is signed in: nobody was ('not-signed-in'), a request found the session gone ('expired'), or the user
   * signed out ('signed-out').
   */
  | { status: 'signed-out'; reason: 'not-signed-in' | 'expired' | 'signed-out'; lastSession: SessionInfo | null }
  | { status: 'signed-in'; session: SessionInfo }
  /** The server did not answer the start-up question of who is signed in. */
  | { status: 'unreachable'; error: unknown };

export interface Session {
  state: SessionStatus;
  /**
   * Who is signed in. While a session that ended in use waits for the user to sign in again, the last user and role,
   * so the page behind the sign-in dialog stays as it was (it cannot be used meanwhile).
   */
  user: string | null;
  role: Role | null;
  csrfToken: string | null;
  /** Whether the signed-in user's role includes `role` (viewer < operator < editor < admin). */
  hasRole: (role: Role) => boolean;
  /** Signs in; throws the server's refusal (ApiError: 401 wrong password, 429 with retryAfterSeconds). */
  signIn: (user: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in (after "unreachable"). */
  reload: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user, their role and the session's actions; only inside a SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside a SessionProvider');
  return session;
}
