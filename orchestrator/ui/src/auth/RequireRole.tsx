import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { EmptyState } from '../common/EmptyState';
import { useSession } from './SessionContext';

/** A page only a role may use: others are told which role it needs instead. */
export function RequireRole({ role, what, children }: { role: Role; what: string; children: ReactNode }) {
  const session = useSession();
  if (session.hasRole(role)) return <>{children}</>;
  return (
    <div className="page">
      <EmptyState title={`${what} needs the ${role} role`}>
        You are signed in as {session.user ?? 'nobody'}
        {session.role ? ` (${session.role})` : ''}; an admin can change your role.
      </EmptyState>
    </div>
  );
}
