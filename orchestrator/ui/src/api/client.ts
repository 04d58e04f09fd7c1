import { ApiError } from './ApiError';
import type { DefinitionProblem } from './types';

// The one place that talks HTTP: every failed response becomes an ApiError carrying the server's message.

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A value sent as JSON, or a string sent as is (a definition typed by hand keeps its formatting). */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
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

export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError({ status: 0, message: 'The server did not answer; check that it is running and reachable.' });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

/** Sends a request and reads a JSON reply (null for 204 or an empty body). */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let problem: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    problem = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    problem = null;
  }
  const title = typeof problem?.title === 'string' ? problem.title : undefined;
  const detail = typeof problem?.detail === 'string' ? problem.detail : undefined;
  const problems = Array.isArray(problem?.problems) ? (problem.problems as DefinitionProblem[]) : undefined;
  const errors = isErrorMap(problem?.errors) ? problem.errors : undefined;
  const firstError = errors ? Object.values(errors).flat()[0] : undefined;
  const fallback = text && !problem && text.length < 300 ? text : `${response.status} ${response.statusText}`.trim();
  const message = detail ?? firstError ?? title ?? fallback;
  return new ApiError({ status: response.status, message, title, detail, problems, errors });
}

function isErrorMap(value: unknown): value is Record<string, string[]> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(Array.isArray);
}
