import { requestJson, setCsrfToken } from './client';
import type { SessionInfo } from './types';

// Signing in and out. Each call that learns the session's CSRF token hands it to the client, so the next
// mutating request carries the latest one.

/** Signs in with a user name and password; a wrong pair is a 401 answer (the server's message), 429 when rate limited. */
export async function login(user: string, password: string): Promise<SessionInfo> {
  const session = await requestJson<SessionInfo>('/api/auth/login', { method: 'POST', body: { user, password }, unauthorizedIsAnswer: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Who is signed in; a 401 ApiError when nobody is. */
export async function getMe(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await requestJson<SessionInfo>('/api/auth/me', { signal, unauthorizedIsAnswer: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await requestJson<null>('/api/auth/logout', { method: 'POST', unauthorizedIsAnswer: true });
  } finally {
    setCsrfToken(null);
  }
}

/**
 * A wrong current password is a 422 naming the field `current`; a 401 here means the session is gone, as anywhere.
 * The server gives this session a new cookie (the password change ends every other one).
 */
export const changePassword = (current: string, next: string) =>
  requestJson<null>('/api/auth/password', { method: 'POST', body: { current, new: next } });
