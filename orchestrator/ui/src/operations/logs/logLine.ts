// One line of a step's console as a person reads it. Steps write JSON lines (Microsoft's console JSON formatter:
// Timestamp, EventId, LogLevel, Category, Message, State, Scopes, Exception); anything else (a shell's echo, a crash's
// stack trace) is shown as it is, with no level.

export const LOG_LEVELS = ['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The badge's text: short, as Airflow and Dagster users read them. */
export const LEVEL_LABELS: Record<LogLevel, string> = {
  Trace: 'TRACE',
  Debug: 'DEBUG',
  Information: 'INFO',
  Warning: 'WARN',
  Error: 'ERROR',
  Critical: 'CRIT',
};

/** Longer lines are not parsed (a page may hold one): shown as text, cut. */
export const MAX_PARSED_CHARS = 200_000;
/** What is shown of a message; the rest is counted, and in the download. */
export const MAX_SHOWN_CHARS = 10_000;

export interface LogLine {
  /** Unique within the loaded log: the byte offset of its page and its place there. */
  id: string;
  raw: string;
  /** The message, cut to {@link MAX_SHOWN_CHARS}. */
  message: string;
  /** How many characters of the message are not shown. */
  clipped: number;
  /** Whether the line was a JSON object; only then are the fields below read. */
  structured: boolean;
  time?: string;
  level?: LogLevel;
  category?: string;
  eventId?: number | string;
  exception?: string;
  state?: unknown;
  scopes?: unknown[];
}

const levelsByName = new Map<string, LogLevel>(LOG_LEVELS.map((l) => [l.toLowerCase(), l]));

export function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

function readLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'string') return levelsByName.get(value.toLowerCase());
  // Microsoft's LogLevel enum as a number (0 Trace .. 5 Critical), as some formatters write it.
  if (typeof value === 'number' && Number.isInteger(value)) return LOG_LEVELS[value];
  return undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function clip(message: string): Pick<LogLine, 'message' | 'clipped'> {
  return message.length > MAX_SHOWN_CHARS
    ? { message: message.slice(0, MAX_SHOWN_CHARS), clipped: message.length - MAX_SHOWN_CHARS }
    : { message, clipped: 0 };
}

function plain(id: string, raw: string): LogLine {
  return { id, raw, structured: false, ...clip(raw) };
}

/** Reads one line (without its newline); never throws. */
export function parseLogLine(raw: string, id: string): LogLine {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.length > MAX_PARSED_CHARS || !line.trimStart().startsWith('{')) return plain(id, line);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return plain(id, line);
  }
  const json = asObject(parsed);
  if (!json) return plain(id, line);
  const state = json.State;
  const message =
    text(json.Message) ?? text(asObject(state)?.Message) ?? text(asObject(state)?.['{OriginalFormat}']) ?? text(json.Exception) ?? line;
  const eventId = json.EventId;
  return {
    id,
    raw: line,
    structured: true,
    ...clip(message),
    time: text(json.Timestamp),
    level: readLevel(json.LogLevel),
    category: text(json.Category),
    eventId: typeof eventId === 'number' || typeof eventId === 'string' ? eventId : undefined,
    exception: text(json.Exception),
    state,
    scopes: Array.isArray(json.Scopes) ? json.Scopes : undefined,
  };
}

/** The lines of a page's text; a page ends after a newline unless a line was longer than a page. */
export function parseLogText(pageText: string, pageOffset: number): LogLine[] {
  if (!pageText) return [];
  const parts = pageText.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((raw, i) => parseLogLine(raw, `${pageOffset}:${i}`));
}

/** Lines without a level (not JSON) pass every level filter: a crash's stack trace must not be filtered away. */
export function atLeast(line: LogLine, minimum: LogLevel | ''): boolean {
  return !minimum || !line.level || levelRank(line.level) >= levelRank(minimum);
}

export function isError(line: LogLine): boolean {
  return !!line.level && levelRank(line.level) >= levelRank('Error');
}

/** Case-insensitive, over the whole line: a search for a trace id or a field's value finds the line too. */
export function matchesSearch(line: LogLine, query: string): boolean {
  return !query || line.raw.toLowerCase().includes(query.toLowerCase());
}
