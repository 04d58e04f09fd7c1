/**
 * "1 run", "2 runs", "1,204 sensors": a count with its noun in the number it needs. English plurals that are not
 * the noun plus "s" are given (`plural(n, 'day', 'days')` is the default; `plural(n, 'entry', 'entries')`).
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
