// Number formatting shared by the models screens: a missing or non-finite figure shows as a dash, never NaN.

export const fixed = (n: number | null | undefined, digits = 3) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');

/** A change with its sign, so "+0.120" (worse, for lower-is-better figures) cannot be read as a level. */
export const signed = (n: number | null | undefined, digits = 3) => {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const text = Math.abs(n).toFixed(digits);
  if (Number(text) === 0) return text;
  return n > 0 ? `+${text}` : `−${text}`;
};
