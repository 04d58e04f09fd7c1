import type { Role } from '../api/types';

/** From least to most: each role may do everything the ones before it may. */
export const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'admin'];

/** Whether `role` includes `needed`; a role the UI does not know includes nothing. */
export function roleIncludes(role: string | null | undefined, needed: Role): boolean {
  const have = ROLES.indexOf(role as Role);
  return have >= 0 && have >= ROLES.indexOf(needed);
}

/** The roles up to and including `role`: what a user may give an API key or see in a picker. */
export const rolesUpTo = (role: Role): Role[] => ROLES.filter((r) => roleIncludes(role, r));

/** The tooltip or note for something a role may not do: "Needs the operator role". */
export const needsRole = (needed: Role) => `Needs the ${needed} role`;

/** "a viewer", "an operator". */
export const withArticle = (role: string) => `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`;
