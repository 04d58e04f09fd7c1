import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LogPage } from '../api/logs';
import { setDisplayZone } from '../common/time';
import { stubFetch } from '../test/fetchStub';
import { StepLog } from './StepLog';
import { PAGE_BYTES } from './logs/logWindow';

const entry = (level: string, message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Timestamp: '2026-03-05T13:02:31.123Z',
    EventId: 0,
    LogLevel: level,
    Category: 'Pipeline.Steps.Chunker',
    Message: message,
    State: { Message: message, '{OriginalFormat}': message },
    Scopes: [{ Message: 'SpanId:1, TraceId:abc', TraceId: 'abc' }],
    ...extra,
  });

const LOG = [
  entry('Information', 'Reading sensors.csv'),
  entry('Warning', 'Skipped 3 rows without a timestamp', { EventId: 12, State: { Message: 'Skipped 3 rows', rows: 3 } }),
  entry('Error', 'Could not write day 2024-01-15'),
  'Unhandled exception. System.IO.IOException: disk full',
  entry('Error', 'Giving up'),
  entry('Information', 'Done'),
].join('\n') + '\n';

/**
 * The server's paging over `content` (ASCII, so a character is a byte): whole lines from `offset`, ending at `before`,
 * or the tail. Every request is recorded, so a test sees which byte ranges were asked for.
 */
function serveLog(content: () => string, writing: () => boolean = () => false) {
  return stubFetch([
    {
      path: '/api/runs/r1/steps/chunk/attempts/1/logs',
      reply: (url) => {
        const q = url.searchParams;
        const text = content();
        const limit = Number(q.get('limit'));
        let page: LogPage;
        if (q.has('offset')) {
          const from = Number(q.get('offset'));
          const window = text.slice(from, from + limit);
          const cut = window.lastIndexOf('\n') + 1;
          page = { offset: from, next: from + cut, size: text.length, writing: writing(), text: window.slice(0, cut) };
        } else {
          const end = q.has('before') ? Number(q.get('before')) : text.length;
          const start = Math.max(0, end - limit);
          const window = text.slice(start, end);
          const skip = start === 0 ? 0 : window.indexOf('\n') + 1;
          page = { offset: start + skip, next: end, size: text.length, writing: writing(), text: window.slice(skip) };
        }
        return { body: page };
      },
    },
  ]);
}

const logBox = () => screen.getByRole('log', { name: 'stdout of chunk' });

describe('StepLog', () => {
  it('shows each line as time with its zone, a level badge and the message; a plain line as it is', async () => {
    setDisplayZone('Asia/Tokyo');
    serveLog(() => LOG);
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);

    const warning = (await screen.findByText('Skipped 3 rows without a timestamp')).closest('[data-testid="log-line"]') as HTMLElement;
    expect(within(warning).getByText('WARN')).toHaveAttribute('title', 'Warning');
    const time = within(warning).getByText(/(22|10):02:31/);
    expect(time.textContent).toMatch(/GMT\+9|JST/);
    expect(time).toHaveAttribute('title', '2026-03-05 13:02:31 UTC');
    const plain = screen.getByText('Unhandled exception. System.IO.IOException: disk full').closest('[data-testid="log-line"]') as HTMLElement;
    expect(plain).toHaveAttribute('data-level', '');
    expect(within(logBox()).getAllByText('ERROR')).toHaveLength(2);
    // The raw JSON is not what the reader sees.
    expect(logBox().textContent).not.toContain('"LogLevel"');
    expect(await screen.findByText('complete')).toBeInTheDocument();
  });

  it('filters by level, keeping the lines that have none', async () => {
    serveLog(() => LOG);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    await screen.findByText('Reading sensors.csv');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Level' }), 'Warning and above');

    const levels = within(logBox()).getAllByTestId('log-line').map((l) => l.getAttribute('data-level'));
    expect(levels).toEqual(['Warning', 'Error', '', 'Error']);
    expect(screen.queryByText('Reading sensors.csv')).not.toBeInTheDocument();
  });

  it('searches: only matching lines, with the match marked', async () => {
    serveLog(() => LOG);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    await screen.findByText('Reading sensors.csv');

    await user.type(screen.getByRole('searchbox', { name: 'Search the log' }), 'day 2024');

    expect(within(logBox()).getAllByTestId('log-line')).toHaveLength(1);
    expect(within(logBox()).getByText('day 2024', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText('1 matching')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /matching lines only/ }));
    expect(within(logBox()).getAllByTestId('log-line')).toHaveLength(6);
  });

  it('jumps to the first error', async () => {
    serveLog(() => LOG);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    await screen.findByText('Reading sensors.csv');

    await user.click(screen.getByRole('button', { name: 'Jump to first error (2 loaded)' }));

    const current = logBox().querySelector('[aria-current="true"]');
    expect(current).toHaveTextContent('Could not write day 2024-01-15');
  });

  it('shows a line’s structured fields one click away', async () => {
    serveLog(() => LOG);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    const warning = (await screen.findByText('Skipped 3 rows without a timestamp')).closest('[data-testid="log-line"]') as HTMLElement;
    expect(within(warning).queryByText('Scopes')).not.toBeInTheDocument();

    await user.click(within(warning).getByRole('button', { name: 'Show fields' }));

    expect(within(warning).getByText('Category').nextSibling).toHaveTextContent('Pipeline.Steps.Chunker');
    expect(within(warning).getByText('EventId').nextSibling).toHaveTextContent('12');
    expect(within(warning).getByText('State').nextSibling).toHaveTextContent('"rows": 3');
    expect(within(warning).getByText('Scopes').nextSibling).toHaveTextContent('"TraceId": "abc"');
    expect(within(warning).getByRole('button', { name: 'Hide fields' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('reads a long log by byte range: the tail first, then the page before it on request', async () => {
    const long = Array.from({ length: 600 }, (_, i) => entry('Information', `line ${i} ${'x'.repeat(900)}`)).join('\n') + '\n';
    const { calls } = serveLog(() => long);
    const user = userEvent.setup();
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    expect(await screen.findByText(/^line 599 /)).toBeInTheDocument();
    expect(screen.queryByText(/^line 0 /)).not.toBeInTheDocument();

    const tail = calls[0]!.url.searchParams;
    expect(tail.get('limit')).toBe(String(PAGE_BYTES));
    expect(tail.has('offset') || tail.has('before')).toBe(false);
    const firstShown = Number(/line (\d+)/.exec(within(logBox()).getAllByTestId('log-line')[0]!.textContent!)![1]);

    await user.click(screen.getByRole('button', { name: /Load earlier/ }));

    expect(await screen.findByText(new RegExp(`^line ${firstShown - 1} `))).toBeInTheDocument();
    const earlier = calls[1]!.url.searchParams;
    // Ends where the first line held starts.
    expect(Number(earlier.get('before'))).toBe(long.lastIndexOf('\n', long.indexOf(`line ${firstShown} `)) + 1);
    expect(earlier.get('limit')).toBe(String(PAGE_BYTES));
    // Never the whole file: every request names a page size.
    expect(calls.every((c) => Number(c.url.searchParams.get('limit')) === PAGE_BYTES)).toBe(true);
  });

  it('follows a live log from where it read, until the step stops writing', async () => {
    let text = `${entry('Information', 'starting')}\n`;
    let writing = true;
    const { calls } = serveLog(
      () => text,
      () => writing,
    );
    render(<StepLog runId="r1" stepId="chunk" attempt={1} />);
    expect(await screen.findByText('starting')).toBeInTheDocument();
    expect(screen.getByText('● following')).toBeInTheDocument();

    const before = text.length;
    text += `${entry('Error', 'failed late')}\n`;
    writing = false;

    expect(await screen.findByText('failed late')).toBeInTheDocument();
    expect(await screen.findByText('complete')).toBeInTheDocument();
    expect(calls.at(-1)!.url.searchParams.get('offset')).toBe(String(before));
  });
});
