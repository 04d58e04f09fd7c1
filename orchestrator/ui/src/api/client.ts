import { ApiError } from './ApiError';
import type { DefinitionProblem, SessionInfo } from './types';

// The one place that talks HTTP: every failed response becomes an ApiError carrying the server's message. It also
// keeps the session's CSRF token (sent on every mutating request) and tells the session when the server no longer
// knows who is asking (401), so the app can ask the user to sign in.

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * A value sent as JSON, a string sent as is (a definition typed by hand keeps its formatting), or a form sent as
   * multipart/form-data (the browser writes the boundary into the Content-Type).
   */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * A 401 is this request's own answer (a wrong password at sign-in), not a sign that the session has ended: the
   * session is not told.
   */
  unauthorizedIsAnswer?: boolean;
}

export type SessionEvent =
  /** A request was answered 401: nobody is signed in any more. */
  | { type: 'signed-out' }
  /** The client read the session again (a fresh CSRF token). */
  | { type: 'session'; session: SessionInfo };

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The server's title for a refused CSRF token; a 403 with any other title is about the role. */
export const CSRF_REFUSED_TITLE = 'CSRF token missing or invalid';

let csrfToken: string | null = null;
const listeners = new Set<(event: SessionEvent) => void>();

/** The token sent as `X-CSRF-Token`: set at sign-in and whenever the session is read; null when signed out. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Listens to what requests learn about the session; returns the function that stops listening. */
export function onSessionEvent(listener: (event: SessionEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: SessionEvent) {
  for (const listener of [...listeners]) listener(event);
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Sends a request with the session cookie (and the CSRF token when it changes something). A mutating request
 * refused for its CSRF token reads the session once for a fresh token and is sent once more.
 */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  let response = await fetchOnce(path, options);
  if (MUTATING.has(method) && response.status === 403 && (await isCsrfRefusal(response))) {
    const me = await fetchOnce('/api/auth/me', { signal: options.signal });
    if (me.ok) {
      const session = (await me.json()) as SessionInfo;
      setCsrfToken(session.csrfToken);
      emit({ type: 'session', session });
      response = await fetchOnce(path, options);
    } else if (me.status === 401) {
      response = me;
    }
  }
  if (response.status === 401 && !options.unauthorizedIsAnswer) {
    setCsrfToken(null);
    emit({ type: 'signed-out' });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

async function fetchOnce(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  if (MUTATING.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError({ status: 0, message: 'The server did not answer; check that it is running and reachable.' });
  }
}

async function isCsrfRefusal(response: Response): Promise<boolean> {
  try {
    const problem: unknown = await response.clone().json();
    const title = problem && typeof problem === 'object' ? (problem as { title?: unknown }).title : undefined;
    return typeof title === 'string' && title.toLowerCase() === CSRF_REFUSED_TITLE.toLowerCase();
  } catch {
    return false;
  }
}

/** Sends a request and reads a JSON reply (null for 204 or an empty body). */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** Problem details members every problem may have; the rest are the problem's own (`existingId` of a 409). */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors', 'problems', 'traceId']);

/** The reply's JSON object (problem details, usually), or null when it is not one. */
function parseProblem(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const problem = parseProblem(text);
  const title = typeof problem?.title === 'string' ? problem.title : undefined;
  const detail = typeof problem?.detail === 'string' ? problem.detail : undefined;
  const problems = Array.isArray(problem?.problems) ? (problem.problems as DefinitionProblem[]) : undefined;
  const errors = isErrorMap(problem?.errors) ? problem.errors : undefined;
  const firstError = errors ? Object.values(errors).flat()[0] : undefined;
  const fallback = text && !problem && text.length < 300 ? text : `${response.status} ${response.statusText}`.trim();
  const message = detail ?? firstError ?? title ?? fallback;
  const retryAfterSeconds = retryAfter(response.headers.get('Retry-After'));
  const extensions = problem ? Object.fromEntries(Object.entries(problem).filter(([key]) => !STANDARD_MEMBERS.has(key))) : undefined;
  return new ApiError({ status: response.status, message, title, detail, problems, errors, retryAfterSeconds, extensions });
}

function isErrorMap(value: unknown): value is Record<string, string[]> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(Array.isArray);
}

/** `Retry-After` as seconds: a number of seconds, or an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
