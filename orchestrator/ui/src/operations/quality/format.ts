/** 0.0054 → "0.54%": shares of rows, small ones still distinguishable from zero. */
export function percent(share: number | undefined, digits = 2): string {
  return share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** A z-score with its sign, so a drop reads differently from a rise: "+5.45", "−0.05". */
export function signed(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value < 0 ? `−${text}` : `+${text}`;
}

/** Feature and reading values, whose scale differs from column to column. */
export function reading(value: number | undefined): string {
  return value === undefined ? '—' : value.toPrecision(4);
}
