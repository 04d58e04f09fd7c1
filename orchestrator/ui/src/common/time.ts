// Times are shown in the display zone the user chose (the browser's zone unless they chose another), always with
// the zone's name, so "14:02" is never ambiguous; the server sends ISO instants with offsets.

const ZONE_KEY = 'pipeline.displayZone';
const zoneListeners = new Set<() => void>();

/** The browser's own IANA zone ("Europe/Berlin"); UTC where the runtime does not say. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether the runtime knows the zone: "UTC" or an IANA name such as "Asia/Shanghai". */
export function isKnownZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the user chose: '' for the browser's zone, else "UTC" or an IANA zone. Read on every call: it is per browser. */
export function displayZoneChoice(): string {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(ZONE_KEY) ?? null;
  } catch {
    // Storage refused (privacy settings): the browser's zone.
  }
  return stored && isKnownZone(stored) ? stored : '';
}

/** The zone times are shown in. */
export function displayZone(): string {
  return displayZoneChoice() || browserZone();
}

/** Remembers the display zone in this browser ('' goes back to the browser's zone) and tells every subscriber. */
export function setDisplayZone(choice: string): void {
  if (choice && !isKnownZone(choice)) throw new RangeError(`unknown time zone '${choice}'`);
  try {
    if (choice) globalThis.localStorage?.setItem(ZONE_KEY, choice);
    else globalThis.localStorage?.removeItem(ZONE_KEY);
  } catch {
    // Not remembered, but nothing else to do: the next read falls back to the browser's zone.
  }
  for (const listener of zoneListeners) listener();
}

/** Calls `listener` when the display zone changes, here or in another tab; returns the unsubscribe. */
export function subscribeDisplayZone(listener: () => void): () => void {
  zoneListeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === ZONE_KEY || e.key === null) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    zoneListeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

// Building a DateTimeFormat is far slower than using one; lists format hundreds of times per render.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(kind: 'date-time' | 'clock', zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    const clock = { hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    format = new Intl.DateTimeFormat(undefined, {
      ...(kind === 'date-time' ? { year: 'numeric', month: 'short', day: '2-digit' } : {}),
      ...clock,
      timeZone: zone,
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format;
}

/** "Mar 05, 2026, 14:02:31 GMT+1": the instant in the display zone (or `zone`), with the zone's name. */
export function formatTime(iso: string | null | undefined, zone = displayZone()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatFor('date-time', zone).format(date);
}

/** "14:02:31 GMT+1": a time of day in the display zone, with the zone's name. */
export function formatClock(date: Date, zone = displayZone()): string {
  return formatFor('clock', zone).format(date);
}

/** "2026-03-05 13:02:31 UTC": the same instant in UTC, for the tooltip of every shown time. */
export function formatUtc(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatDuration(startIso: string | null | undefined, endIso?: string | null, now = Date.now()): string {
  if (!startIso) return '—';
  const start = new Date(startIso).getTime();
  const end = endIso ? new Date(endIso).getTime() : now;
  const ms = Math.max(0, end - start);
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

/** "in 5 min", "3 h ago": for next and last times in lists. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const [size, unit] = units.find(([size]) => abs >= size) ?? [1000, 's'];
  const count = Math.round(abs / size);
  return diff >= 0 ? `in ${count} ${unit}` : `${count} ${unit} ago`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
