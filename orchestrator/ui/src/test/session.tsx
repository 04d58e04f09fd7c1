import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { roleIncludes } from '../auth/roles';
import { SessionContext, type Session } from '../auth/SessionContext';

/** A signed-in session with a role, for pages under test (no request to /api/auth/me). */
export function testSession(role: Role, user = `${role}-user`): Session {
  return {
    state: { status: 'signed-in', session: { user, role, via: 'session', csrfToken: 'test-csrf' } },
    user,
    role,
    csrfToken: 'test-csrf',
    hasRole: (needed) => roleIncludes(role, needed),
    signIn: async () => {},
    signOut: async () => {},
    reload: () => {},
  };
}

export function SignedInAs({ role, user, children }: { role: Role; user?: string; children: ReactNode }) {
  return <SessionContext.Provider value={testSession(role, user)}>{children}</SessionContext.Provider>;
}
