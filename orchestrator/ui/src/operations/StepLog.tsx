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

/**
 * An attempt's stdout or stderr, streamed while it grows (the server keeps the response open until the attempt
 * ends). Scrolls with new text unless the reader scrolled up.
 */
export function StepLog({ runId, stepId, attempt }: Props) {
  const [stream, setStream] = useState<LogStream>('stdout');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<unknown>();
  const [restart, setRestart] = useState(0);
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const controller = new AbortController();
    setText('');
    setStatus('loading');
    setError(undefined);
    pinned.current = true;
    let received = false;
    followLog(
      runId,
      stepId,
      attempt,
      stream,
      (chunk) => {
        received = true;
        setStatus('live');
        setText((t) => {
          const next = t + chunk;
          return next.length > MAX_CHARS ? next.slice(next.length - MAX_CHARS) : next;
        });
      },
      controller.signal,
    )
      .then(() => !controller.signal.aborted && setStatus('ended'))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 404 && !received) setStatus('missing');
        else {
          setError(e);
          setStatus('failed');
        }
      });
    return () => controller.abort();
  }, [runId, stepId, attempt, stream, restart]);

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
