import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DisplayZonePicker } from './DisplayZonePicker';
import { displayZone, formatClock, formatTime, formatUtc, setDisplayZone } from './time';
import { Time } from './Time';

const instant = '2026-03-05T13:02:31Z';

describe('times with their zone', () => {
  it('names the zone on every formatted time, in the zone asked for', () => {
    expect(formatTime(instant, 'UTC')).toMatch(/(13|01):02:31( PM)? UTC/);
    expect(formatTime(instant, 'Asia/Shanghai')).toMatch(/09:02:31 PM GMT\+8|21:02:31 GMT\+8/);
    expect(formatClock(new Date(instant), 'UTC')).toMatch(/(13|01):02:31( PM)? UTC/);
    expect(formatUtc(instant)).toBe('2026-03-05 13:02:31 UTC');
  });

  it('shows times in the chosen zone, remembered in the browser, the browser zone by default', () => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(displayZone()).toBe(browser);
    setDisplayZone('Asia/Shanghai');
    expect(displayZone()).toBe('Asia/Shanghai');
    expect(localStorage.getItem('pipeline.displayZone')).toBe('Asia/Shanghai');
    expect(formatTime(instant)).toContain('GMT+8');
    setDisplayZone('');
    expect(displayZone()).toBe(browser);
    expect(() => setDisplayZone('Mars/Olympus')).toThrow(RangeError);
  });

  it('renders a time with a UTC tooltip, and again in the zone picked in the header', async () => {
    const user = userEvent.setup();
    render(
      <>
        <DisplayZonePicker />
        <Time iso={instant} />
      </>,
    );
    const time = screen.getByText((_, el) => el?.tagName === 'TIME');
    expect(time).toHaveAttribute('title', '2026-03-05 13:02:31 UTC');
    expect(time).toHaveAttribute('dateTime', instant);

    await user.selectOptions(screen.getByLabelText('Show times in'), 'UTC');
    expect(time).toHaveTextContent(/(13|01):02:31( PM)? UTC/);
    await user.selectOptions(screen.getByLabelText('Show times in'), 'Asia/Shanghai');
    expect(time).toHaveTextContent('GMT+8');
    act(() => setDisplayZone(''));
    expect(screen.getByLabelText('Show times in')).toHaveValue('');
  });
});
