import { memo } from 'react';
import { formatClock, formatUtc } from '../../common/time';
import { LEVEL_LABELS, type LogLine } from './logLine';

interface Props {
  line: LogLine;
  zone: string;
  search: string;
  expanded: boolean;
  current: boolean;
  onToggle: (id: string) => void;
}

/** The message with each case-insensitive match of the search marked. */
function Highlighted({ text, search }: { text: string; search: string }) {
  if (!search) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The structured fields of a JSON line, shown when the line is expanded. */
function Fields({ line }: { line: LogLine }) {
  return (
    <dl className="log-fields">
      {line.category ? (
        <>
          <dt>Category</dt>
          <dd>{line.category}</dd>
        </>
      ) : null}
      {line.eventId !== undefined ? (
        <>
          <dt>EventId</dt>
          <dd>{String(line.eventId)}</dd>
        </>
      ) : null}
      {line.time ? (
        <>
          <dt>Timestamp</dt>
          <dd>{line.time}</dd>
        </>
      ) : null}
      {line.exception ? (
        <>
          <dt>Exception</dt>
          <dd>
            <pre>{line.exception}</pre>
          </dd>
        </>
      ) : null}
      {line.state !== undefined ? (
        <>
          <dt>State</dt>
          <dd>
            <pre>{json(line.state)}</pre>
          </dd>
        </>
      ) : null}
      {line.scopes?.length ? (
        <>
          <dt>Scopes</dt>
          <dd>
            <pre>{json(line.scopes)}</pre>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One line as a person reads it: time (with its zone), a level badge, the message; its fields a click away. */
export const LogLineRow = memo(function LogLineRow({ line, zone, search, expanded, current, onToggle }: Props) {
  const date = line.time ? new Date(line.time) : undefined;
  const valid = date && !Number.isNaN(date.getTime());
  const level = line.level?.toLowerCase() ?? 'none';
  return (
    <div className={`log-line level-${level}${current ? ' current' : ''}`} data-testid="log-line" data-level={line.level ?? ''} aria-current={current || undefined}>
      {line.structured ? (
        <button type="button" className="log-toggle" aria-expanded={expanded} aria-label={expanded ? 'Hide fields' : 'Show fields'} onClick={() => onToggle(line.id)}>
          {expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="log-toggle" />
      )}
      {valid ? (
        <time className="log-time" dateTime={line.time} title={formatUtc(date)}>
          {formatClock(date, zone)}
        </time>
      ) : (
        <span className="log-time" />
      )}
      {line.level ? (
        <span className={`log-level log-level-${level}`} title={line.level}>
          {LEVEL_LABELS[line.level]}
        </span>
      ) : (
        <span className="log-level" />
      )}
      <span className="log-message">
        <Highlighted text={line.message} search={search} />
        {line.clipped ? <span className="log-clipped"> … {line.clipped.toLocaleString()} more characters (download the log to see them)</span> : null}
      </span>
      {expanded ? <Fields line={line} /> : null}
    </div>
  );
});
