import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { logDownloadUrl } from '../api/logs';
import type { LogStream } from '../api/runs';
import { ErrorBanner } from '../common/ErrorBanner';
import { formatBytes } from '../common/time';
import { useDisplayZone } from '../common/useDisplayZone';
import { LogLineRow } from './logs/LogLineRow';
import { LogToolbar } from './logs/LogToolbar';
import { atLeast, isError, matchesSearch, type LogLevel } from './logs/logLine';
import { windowLines } from './logs/logWindow';
import { useLogPages } from './logs/useLogPages';
import './logs/logView.css';

interface Props {
  runId: string;
  stepId: string;
  attempt: number;
}

/**
 * An attempt's stdout or stderr as a person reads it: a line per log entry with its time, level and message (the
 * structured fields a click away), searchable and filtered by level. Read by byte range from the tail (earlier and
 * later pages on request, new lines while the step writes), so a 100 MB log costs a few pages; Download has it all.
 */
export function StepLog({ runId, stepId, attempt }: Props) {
  const [stream, setStream] = useState<LogStream>('stdout');
  const log = useLogPages(runId, stepId, attempt, stream);
  const { window: w, status, error, busy } = log;
  const zone = useDisplayZone();
  const [search, setSearch] = useState('');
  const [onlyMatching, setOnlyMatching] = useState(true);
  const [minLevel, setMinLevel] = useState<LogLevel | ''>('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const lines = useMemo(() => windowLines(w), [w]);
  const shown = useMemo(
    () => lines.filter((l) => atLeast(l, minLevel) && (!onlyMatching || matchesSearch(l, search))),
    [lines, minLevel, onlyMatching, search],
  );
  const matches = useMemo(() => (search ? lines.filter((l) => matchesSearch(l, search)).length : 0), [lines, search]);
  const errors = useMemo(() => lines.filter(isError), [lines]);

  const toggle = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const heightBefore = useRef<{ start: number; height: number } | null>(null);

  // Scrolls with new lines unless the reader scrolled up; stays on the same lines when earlier ones come in above.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const before = heightBefore.current;
    if (before && w.start < before.start) el.scrollTop += el.scrollHeight - before.height;
    else if (pinned.current) el.scrollTop = el.scrollHeight;
    heightBefore.current = { start: w.start, height: el.scrollHeight };
  }, [w, shown]);

  useEffect(() => {
    if (!currentId) return;
    box.current?.querySelector('[aria-current="true"]')?.scrollIntoView?.({ block: 'center' });
  }, [currentId]);

  const jumpToFirstError = () => {
    const first = errors[0];
    if (!first) {
      setNote(w.start > 0 ? 'No error in the loaded lines; load earlier ones to look further back.' : 'No error in this log.');
      return;
    }
    setNote('');
    pinned.current = false;
    if (onlyMatching && !matchesSearch(first, search)) setSearch('');
    setCurrentId(first.id);
  };

  return (
    <section className="step-log" aria-label={`Log of ${stepId} attempt ${attempt}`}>
      <LogToolbar
        stream={stream}
        onStream={(s) => {
          setStream(s);
          setExpanded(new Set());
          setCurrentId(null);
          setNote('');
        }}
        search={search}
        onSearch={setSearch}
        onlyMatching={onlyMatching}
        onOnlyMatching={setOnlyMatching}
        matches={search ? matches : undefined}
        minLevel={minLevel}
        onMinLevel={setMinLevel}
        errorCount={errors.length}
        onFirstError={jumpToFirstError}
        downloadUrl={logDownloadUrl(runId, stepId, attempt, stream)}
        status={status}
      />
      {note ? (
        <p className="hint" role="status">
          {note}
        </p>
      ) : null}
      {error ? <ErrorBanner error={error} action="Reading the log" onRetry={log.retry} /> : null}
      {status === 'missing' ? <p className="hint">No log for this attempt.</p> : null}
      <div
        ref={box}
        className="log-view mono"
        role="log"
        tabIndex={0}
        aria-label={`${stream} of ${stepId}`}
        onScroll={(e) => {
          const el = e.currentTarget;
          const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
          pinned.current = fromBottom < 24;
          // Scrolling to an edge reads the page beyond it, as the buttons there do.
          if (el.scrollTop < 8 && w.start > 0) log.loadEarlier();
          else if (fromBottom < 8 && !w.atEnd) log.loadLater();
        }}
      >
        {w.start > 0 ? (
          <button type="button" className="log-more" disabled={busy === 'earlier'} onClick={log.loadEarlier}>
            {busy === 'earlier' ? 'Loading…' : `Load earlier (${formatBytes(w.start)} before)`}
          </button>
        ) : null}
        {shown.map((line) => (
          <LogLineRow key={line.id} line={line} zone={zone} search={search} expanded={expanded.has(line.id)} current={line.id === currentId} onToggle={toggle} />
        ))}
        {lines.length === 0 && status === 'ended' ? <p className="log-empty">(empty)</p> : null}
        {lines.length > 0 && shown.length === 0 ? <p className="log-empty">No line of the {lines.length} loaded matches.</p> : null}
        {!w.atEnd || (status === 'ended' && w.end < w.size) ? (
          <button type="button" className="log-more" disabled={busy === 'later'} onClick={log.loadLater}>
            {busy === 'later' ? 'Loading…' : `Load more (${formatBytes(w.size - w.end)} after)`}
          </button>
        ) : null}
      </div>
      <p className="small muted log-extent">
        {lines.length.toLocaleString()} lines loaded ({formatBytes(w.end - w.start)} of {formatBytes(w.size)})
        {shown.length !== lines.length ? `, ${shown.length.toLocaleString()} shown` : ''}
      </p>
    </section>
  );
}
