import cronstrue from 'cronstrue';

/**
 * A cron expression in words ("At 02:00 AM"), or why it cannot be read. The server (Cronos) has the last word;
 * this is a preview while typing. Five fields, or six with seconds first, as the server reads them.
 */
export function describeCron(schedule: string): { text?: string; error?: string } {
  const trimmed = schedule.trim();
  if (!trimmed) return { error: 'no schedule' };
  try {
    return { text: cronstrue.toString(trimmed, { use24HourTimeFormat: true, throwExceptionOnParseError: true, verbose: false }) };
  } catch (e) {
    return { error: typeof e === 'string' ? e : e instanceof Error ? e.message : String(e) };
  }
}
