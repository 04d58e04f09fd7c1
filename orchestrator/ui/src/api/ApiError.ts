import type { DefinitionProblem } from './types';

/**
 * A failed API call with the server's own words: RFC 7807 `title` and `detail`, a definition's `problems`
 * (422), or ASP.NET's validation `errors` (400). Status 0 means the server did not answer at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly problems: DefinitionProblem[];
  readonly errors: Record<string, string[]>;
  /** From `Retry-After` on a 429: how many seconds to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;
  /** The problem's members beyond the standard ones (a duplicate dataset's `existingId`). */
  readonly extensions: Record<string, unknown>;

  constructor(init: {
    status: number;
    message: string;
    title?: string | undefined;
    detail?: string | undefined;
    problems?: DefinitionProblem[] | undefined;
    errors?: Record<string, string[]> | undefined;
    retryAfterSeconds?: number | undefined;
    extensions?: Record<string, unknown> | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.problems = init.problems ?? [];
    this.errors = init.errors ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The messages the server gave for one field of a form (`errors` keys compared without case). */
  fieldErrors(field: string): string[] {
    const key = Object.keys(this.errors).find((k) => k.toLowerCase() === field.toLowerCase());
    return key ? (this.errors[key] ?? []) : [];
  }
}

/** The message to show for any thrown value, preferring the server's detail. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/**
 * What a form shows in its banner: nothing when each of the server's complaints (422 `errors`) is shown on one of the
 * form's fields, else the error itself.
 */
export function bannerError(error: unknown, fields: readonly string[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const keys = Object.keys(error.errors);
  const placed = keys.length > 0 && keys.every((k) => fields.some((f) => f.toLowerCase() === k.toLowerCase()));
  return placed ? undefined : error;
}
