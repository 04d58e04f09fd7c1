import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { followLog, logUrl, type LogStream } from '../api/runs';
import { ErrorBanner } from '../common/ErrorBanner';

interface Props {
  runId: string;
  stepId: string;
  attempt: number;
}

/** Only the end of a very long log is kept in the page; the whole of it is a link away. */
const MAX_CHARS = 1_000_000;

type Status = 'loading' | 'live' | 'ended' | 'missing' | 'failed';

interface LogState {
  /** The attempt, stream and retry this text was read from. */
  source: string;
  text: string;
  status: Status;
  error?: unknown;
}

/**
 * An attempt's stdout or stderr, streamed while it grows (the server keeps the response open until the attempt
 * ends). Scrolls with new text unless the reader scrolled up.
 */
export function StepLog({ runId, stepId, attempt }: Props) {
  const [stream, setStream] = useState<LogStream>('stdout');
  const [restart, setRestart] = useState(0);
  // What has been read of the log being followed; another attempt, stream or a retry starts from nothing.
  const source = `${runId}/${stepId}/${attempt}/${stream}/${restart}`;
  const [log, setLog] = useState<LogState>({ source, text: '', status: 'loading' });
  const shown: LogState = log.source === source ? log : { source, text: '', status: 'loading' };
  const { text, status, error } = shown;
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const controller = new AbortController();
    const update = (change: (current: LogState) => Partial<LogState>) =>
      setLog((s) => {
        const current: LogState = s.source === source ? s : { source, text: '', status: 'loading' };
        return { ...current, ...change(current) };
      });
    pinned.current = true;
    let received = false;
    followLog(
      runId,
      stepId,
      attempt,
      stream,
      (chunk) => {
        received = true;
        update(({ text: t }) => {
          const next = t + chunk;
          return { status: 'live', text: next.length > MAX_CHARS ? next.slice(next.length - MAX_CHARS) : next };
        });
      },
      controller.signal,
    )
      .then(() => !controller.signal.aborted && update(() => ({ status: 'ended' })))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 404 && !received) update(() => ({ status: 'missing' }));
        else update(() => ({ status: 'failed', error: e }));
      });
    return () => controller.abort();
  }, [source, runId, stepId, attempt, stream]);

  useEffect(() => {
    if (pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);

  return (
    <section className="step-log" aria-label={`Log of ${stepId} attempt ${attempt}`}>
      <div className="row">
        <div className="tabs" role="tablist" aria-label="Log stream">
          {(['stdout', 'stderr'] as const).map((s) => (
            <button key={s} type="button" role="tab" aria-selected={stream === s} className={stream === s ? 'tab active' : 'tab'} onClick={() => setStream(s)}>
              {s}
            </button>
          ))}
        </div>
        <span className={`log-status ${status}`} aria-live="polite">
          {status === 'live' ? '● following' : status === 'ended' ? 'complete' : status === 'loading' ? 'connecting…' : ''}
        </span>
        <a className="small" href={logUrl(runId, stepId, attempt, stream, false)} target="_blank" rel="noreferrer">
          Raw
        </a>
      </div>
      {error ? <ErrorBanner error={error} action="Reading the log" onRetry={() => setRestart((n) => n + 1)} /> : null}
      {status === 'missing' ? <p className="hint">No log for this attempt.</p> : null}
      <pre
        ref={box}
        className="log mono"
        tabIndex={0}
        aria-label={`${stream} of ${stepId}`}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text || (status === 'ended' ? '(empty)' : '')}
      </pre>
    </section>
  );
}
