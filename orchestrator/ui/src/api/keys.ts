import { requestJson } from './client';
import type { ApiKey, CreatedApiKey, Role } from './types';

// API keys for programs (`Authorization: Bearer pk_...`). The secret is in the reply to creating a key, and
// nowhere else.

const base = '/api/keys';

/** The caller's own keys, or (`all`, admin only) everyone's. */
export const listKeys = (all: boolean, signal?: AbortSignal) => requestJson<ApiKey[]>(base, { query: { all: all || undefined }, signal });

export interface NewKey {
  name: string;
  /** At most the caller's own role; the server's default is the caller's role. */
  role?: Role | undefined;
  /** 1 to 365; the server's default is 90. */
  expiresInDays?: number | undefined;
}

export const createKey = (key: NewKey) => requestJson<CreatedApiKey>(base, { method: 'POST', body: key });

/** Revokes a key: the caller's own, or any key for an admin. */
export const revokeKey = (keyId: string) => requestJson<null>(`${base}/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
