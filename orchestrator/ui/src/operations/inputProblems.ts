import { ApiError, errorMessage } from '../api/ApiError';
import { parsePath } from '../designer/problemPaths';

/**
 * Splits a refused run's problems into those of an input (path `$.inputs.<name>`), shown at its field, and the
 * rest, shown above the form.
 */
export function inputProblems(error: unknown): { byInput: Record<string, string[]>; other: string[] } {
  const byInput: Record<string, string[]> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError) || error.problems.length === 0) return { byInput, other: [errorMessage(error)] };
  for (const p of error.problems) {
    const [first, name] = parsePath(p.path);
    if (first === 'inputs' && typeof name === 'string') (byInput[name] ??= []).push(p.message);
    else other.push(`${p.path}: ${p.message}`);
  }
  if (other.length === 0 && Object.keys(byInput).length === 0) other.push(errorMessage(error));
  return { byInput, other };
}
