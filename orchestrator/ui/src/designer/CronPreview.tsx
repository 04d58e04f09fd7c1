import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/ApiError';
import { previewCron } from '../api/catalog';
import { formatTime } from '../common/time';
import { describeCron } from './cronText';

interface Props {
  schedule: string;
  timeZone: string;
  count?: number;
  delayMs?: number;
}

type Next = { times: string[] } | { error: string } | { unavailable: true } | { loading: true };

/** The schedule in words (cronstrue, in the browser) and its next fire times (the server's own cron reader). */
export function CronPreview({ schedule, timeZone, count = 5, delayMs = 400 }: Props) {
  const words = describeCron(schedule);
  // The server's answer and the request it answers: while they differ a newer request is waiting or under way.
  const request = `${schedule}\n${timeZone}\n${count}`;
  const [answer, setAnswer] = useState<{ request: string; next: Next } | null>(null);
  const next: Next = !schedule.trim() ? { times: [] } : answer?.request === request ? answer.next : { loading: true };
  useEffect(() => {
    if (!schedule.trim()) return undefined;
    const controller = new AbortController();
    const setNext = (value: Next) => setAnswer({ request, next: value });
    const timer = setTimeout(() => {
      previewCron(schedule, timeZone || 'UTC', count, controller.signal)
        .then((r) => !controller.signal.aborted && setNext({ times: r.nextTimes ?? [] }))
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          if (e instanceof ApiError && e.status === 404 && !e.detail) setNext({ unavailable: true });
          else if (e instanceof ApiError && e.problems.length) setNext({ error: e.problems.map((p) => p.message).join(' ') });
          else setNext({ error: errorMessage(e) });
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [request, schedule, timeZone, count, delayMs]);

  return (
    <div className="cron-preview" aria-live="polite">
      {words.text ? <p className="cron-words">{words.text}{timeZone ? ` (${timeZone})` : ' (UTC)'}</p> : null}
      {words.error && schedule.trim() ? <p className="hint warn">Cannot describe: {words.error}</p> : null}
      {'times' in next && next.times.length > 0 ? (
        <>
          <p className="hint">Next fire times (shown in your time zone):</p>
          <ol className="cron-times">
            {next.times.map((t) => (
              <li key={t}>
                <time dateTime={t}>{formatTime(t)}</time>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {'error' in next ? <p className="hint warn">Server: {next.error}</p> : null}
      {'unavailable' in next ? <p className="hint">Next fire times: not available from this server.</p> : null}
      {'loading' in next && schedule.trim() ? <p className="hint">Computing next fire times…</p> : null}
    </div>
  );
}
