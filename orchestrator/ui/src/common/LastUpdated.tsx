import { formatClock } from './time';

interface Props {
  updatedAt: Date | undefined;
  stale: boolean;
  paused?: boolean;
}

/** "Updated 14:02:31", or a warning that what is shown is no longer current. */
export function LastUpdated({ updatedAt, stale, paused }: Props) {
  if (!updatedAt) return null;
  return (
    <span className={stale ? 'last-updated stale' : 'last-updated'} aria-live="polite">
      {stale ? 'Stale — last updated ' : 'Updated '}
      {formatClock(updatedAt)}
      {paused ? ' · paused while the tab is hidden' : ''}
    </span>
  );
}
