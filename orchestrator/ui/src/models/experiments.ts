/**
 * The versions chosen for comparison after ticking or unticking one: at most two, so ticking a third lets go of the
 * one ticked earliest.
 */
export function toggleSelection(selected: readonly number[], version: number): number[] {
  if (selected.includes(version)) return selected.filter((v) => v !== version);
  return [...selected, version].slice(-2);
}

/** The two chosen versions as compare's a (older) and b (newer), or null until two are chosen. */
export function comparePair(selected: readonly number[]): { a: number; b: number } | null {
  if (selected.length !== 2) return null;
  const [first, second] = selected as [number, number];
  return { a: Math.min(first, second), b: Math.max(first, second) };
}
