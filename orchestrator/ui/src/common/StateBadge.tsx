interface Props {
  state: string;
}

/** A run, step or attempt state as a coloured label; the colour classes live in styles.css. */
export function StateBadge({ state }: Props) {
  return <span className={`badge state-${state}`}>{state}</span>;
}
