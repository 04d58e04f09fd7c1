import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, stubFetch } from '../test/fetchStub';
import { CronPreview } from './CronPreview';
import { describeCron } from './cronText';

describe('CronPreview', () => {
  it('describes the schedule in words and lists the next fire times from the server', async () => {
    const { calls } = stubFetch([
      {
        method: 'POST',
        path: '/api/cron/preview',
        reply: { body: { nextTimes: ['2026-11-24T02:00:00+00:00', '2026-11-25T02:00:00+00:00', '2026-11-26T02:00:00+00:00'] } },
      },
    ]);
    render(<CronPreview schedule="0 2 * * *" timeZone="UTC" delayMs={0} />);
    expect(screen.getByText(/At 02:00/)).toBeInTheDocument();
    const times = await screen.findAllByRole('listitem');
    expect(times).toHaveLength(3);
    expect(times[0]!.querySelector('time')).toHaveAttribute('dateTime', '2026-11-24T02:00:00+00:00');
    expect(calls[0]!.body).toEqual({ schedule: '0 2 * * *', timeZone: 'UTC', count: 5 });
  });

  it("shows the server's reason for a schedule it refuses", async () => {
    stubFetch([
      {
        method: 'POST',
        path: '/api/cron/preview',
        // As the server answers: 422 with each problem and its JSON path.
        reply: problem(422, 'Invalid', 'the schedule is not valid', {
          problems: [{ path: '$.schedule', message: "'61 * * * *' is not a valid cron expression: Minute must be between 0 and 59" }],
        }),
      },
    ]);
    render(<CronPreview schedule="61 * * * *" timeZone="UTC" delayMs={0} />);
    expect(await screen.findByText(/is not a valid cron expression/)).toBeInTheDocument();
  });

  it('says when the server has no preview endpoint', async () => {
    stubFetch([{ method: 'POST', path: '/api/cron/preview', reply: { status: 404, body: { title: 'Not Found', status: 404 } } }]);
    render(<CronPreview schedule="*/15 * * * *" timeZone="Europe/Berlin" delayMs={0} />);
    expect(await screen.findByText(/not available from this server/)).toBeInTheDocument();
    expect(screen.getByText(/Every 15 minutes/)).toBeInTheDocument();
  });
});

describe('describeCron', () => {
  it('reads six fields with seconds first and refuses nonsense', () => {
    expect(describeCron('30 0 2 * * *').text).toBe('At 02:00:30');
    expect(describeCron('not cron').error).toBeTruthy();
  });
});
