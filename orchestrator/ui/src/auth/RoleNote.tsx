import type { Role } from '../api/types';
import { withArticle } from './roles';
import { useSession } from './SessionContext';

/** Says why actions are missing: "Starting runs needs the operator role; you are a viewer." Nothing when allowed. */
export function RoleNote({ role, what }: { role: Role; what: string }) {
  const session = useSession();
  if (session.hasRole(role) || !session.role) return null;
  return (
    <p className="hint role-note">
      {what} needs the {role} role; you are {withArticle(session.role)}.
    </p>
  );
}
