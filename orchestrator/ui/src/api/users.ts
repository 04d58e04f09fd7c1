import { requestJson } from './client';
import type { Role, User } from './types';

// Users (admin only). The server refuses (409) to remove, disable or demote yourself or the last admin.

const base = '/api/users';
const id = encodeURIComponent;

export const listUsers = (signal?: AbortSignal) => requestJson<User[]>(base, { signal });

export const createUser = (name: string, role: Role, password: string) =>
  requestJson<User>(base, { method: 'POST', body: { name, role, password } });

export interface UserChange {
  role?: Role;
  password?: string;
  disabled?: boolean;
}

export const updateUser = (name: string, change: UserChange) => requestJson<User>(`${base}/${id(name)}`, { method: 'PATCH', body: change });

export const deleteUser = (name: string) => requestJson<null>(`${base}/${id(name)}`, { method: 'DELETE' });
