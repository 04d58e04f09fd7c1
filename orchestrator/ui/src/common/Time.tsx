import { formatRelative, formatTime, formatUtc } from './time';
import { useDisplayZone } from './useDisplayZone';

interface Props {
  iso: string | null | undefined;
  /** Adds "(in 5 min)" or "(3 h ago)" after the time. */
  relative?: boolean;
  className?: string;
}

/** An instant in the display zone with the zone's name, the same instant in UTC as its tooltip; a dash when there is none. */
export function Time({ iso, relative = false, className }: Props) {
  const zone = useDisplayZone();
  if (!iso) return <span className="muted">—</span>;
  const utc = formatUtc(iso);
  return (
    <time className={className} dateTime={iso} title={utc || undefined}>
      {formatTime(iso, zone)}
      {relative && utc ? <span className="small muted"> ({formatRelative(iso)})</span> : null}
    </time>
  );
}
