import type { LogStream } from '../../api/runs';
import { LOG_LEVELS, type LogLevel } from './logLine';
import type { LogStatus } from './useLogPages';

interface Props {
  stream: LogStream;
  onStream: (stream: LogStream) => void;
  search: string;
  onSearch: (search: string) => void;
  onlyMatching: boolean;
  onOnlyMatching: (only: boolean) => void;
  /** How many loaded lines match the search; undefined without one. */
  matches?: number;
  minLevel: LogLevel | '';
  onMinLevel: (level: LogLevel | '') => void;
  errorCount: number;
  onFirstError: () => void;
  downloadUrl: string;
  status: LogStatus;
}

const STATUS_TEXT: Partial<Record<LogStatus, string>> = { live: '● following', ended: 'complete', loading: 'connecting…' };

/** Stream tabs, search, level filter, "Jump to first error" and Download above a step's log. */
export function LogToolbar(props: Props) {
  const { stream, search, onlyMatching, matches, minLevel, errorCount, status } = props;
  return (
    <div className="log-toolbar">
      <div className="tabs" role="tablist" aria-label="Log stream">
        {(['stdout', 'stderr'] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={stream === s} className={stream === s ? 'tab active' : 'tab'} onClick={() => props.onStream(s)}>
            {s}
          </button>
        ))}
      </div>
      <input type="search" className="log-search" aria-label="Search the log" placeholder="Search…" value={search} onChange={(e) => props.onSearch(e.target.value)} />
      {matches !== undefined ? <span className="small muted">{matches.toLocaleString()} matching</span> : null}
      <label className="small">
        <input type="checkbox" checked={onlyMatching} onChange={(e) => props.onOnlyMatching(e.target.checked)} /> matching lines only
      </label>
      <select
        aria-label="Level"
        title="Lines that are not JSON have no level and are always shown"
        value={minLevel}
        onChange={(e) => props.onMinLevel(e.target.value as LogLevel | '')}
      >
        <option value="">All levels</option>
        {LOG_LEVELS.slice(1, 5).map((l) => (
          <option key={l} value={l}>
            {l} and above
          </option>
        ))}
      </select>
      <button type="button" onClick={props.onFirstError}>
        Jump to first error{errorCount ? ` (${errorCount} loaded)` : ''}
      </button>
      <span className={`log-status ${status}`} aria-live="polite">
        {STATUS_TEXT[status] ?? ''}
      </span>
      <a className="small log-download" href={props.downloadUrl} download>
        Download
      </a>
    </div>
  );
}
