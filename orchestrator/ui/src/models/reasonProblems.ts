import { ApiError } from '../api/ApiError';

/** The server's complaints about one field of a refused request (400 with `errors`), to show on that field. */
export function fieldErrorsOf(error: unknown, field: string): string[] {
  return error instanceof ApiError ? error.fieldErrors(field) : [];
}
