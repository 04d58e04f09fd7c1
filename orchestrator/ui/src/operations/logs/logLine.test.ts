import { describe, expect, it } from 'vitest';
import { atLeast, isError, matchesSearch, MAX_PARSED_CHARS, MAX_SHOWN_CHARS, parseLogLine, parseLogText } from './logLine';

// A line as Microsoft's console JSON formatter writes it for a step (StepHost: UTC timestamps, scopes included).
const jsonLine = JSON.stringify({
  Timestamp: '2026-03-05T13:02:31.123Z',
  EventId: 7,
  LogLevel: 'Warning',
  Category: 'Pipeline.Steps.Chunker',
  Message: 'Skipped 3 rows without a timestamp',
  State: { Message: 'Skipped 3 rows without a timestamp', rows: 3, '{OriginalFormat}': 'Skipped {rows} rows without a timestamp' },
  Scopes: [{ Message: 'SpanId:1, TraceId:abc', SpanId: '1', TraceId: 'abc' }],
});

describe('parseLogLine', () => {
  it('reads the time, level, message and structured fields of a JSON line', () => {
    const line = parseLogLine(jsonLine, '0:0');
    expect(line).toMatchObject({
      structured: true,
      time: '2026-03-05T13:02:31.123Z',
      level: 'Warning',
      category: 'Pipeline.Steps.Chunker',
      eventId: 7,
      message: 'Skipped 3 rows without a timestamp',
      clipped: 0,
    });
    expect(line.state).toMatchObject({ rows: 3 });
    expect(line.scopes).toEqual([{ Message: 'SpanId:1, TraceId:abc', SpanId: '1', TraceId: 'abc' }]);
  });

  it('shows a line that is not JSON as it is, with no level', () => {
    for (const raw of ['first attempt: failing on purpose', '   at Pipeline.Steps.Chunker.Run() in Program.cs:line 12', '{ not json', '[1,2]', '42', '']) {
      const line = parseLogLine(raw, 'x');
      expect(line).toMatchObject({ structured: false, message: raw });
      expect([line.level, line.time]).toEqual([undefined, undefined]);
    }
  });

  it('does without missing fields, and finds the message in State or the exception', () => {
    expect(parseLogLine('{}', 'a')).toMatchObject({ structured: true, message: '{}', level: undefined, time: undefined, scopes: undefined });
    expect(parseLogLine('{"LogLevel":"error","State":{"{OriginalFormat}":"disk full"}}', 'b')).toMatchObject({ level: 'Error', message: 'disk full' });
    expect(parseLogLine('{"LogLevel":5,"Exception":"System.IO.IOException: gone"}', 'c')).toMatchObject({
      level: 'Critical',
      message: 'System.IO.IOException: gone',
      exception: 'System.IO.IOException: gone',
    });
    expect(parseLogLine('{"LogLevel":"Loud","Message":"?","Timestamp":12}', 'd')).toMatchObject({ level: undefined, time: undefined, message: '?' });
  });

  it('drops a Windows line end', () => {
    expect(parseLogLine('plain\r', 'a').message).toBe('plain');
    expect(parseLogLine(`${jsonLine}\r`, 'a').level).toBe('Warning');
  });

  it('cuts a huge message for the page and does not parse a line too long to be worth it', () => {
    const long = JSON.stringify({ LogLevel: 'Information', Message: 'x'.repeat(MAX_SHOWN_CHARS + 5) });
    expect(parseLogLine(long, 'a')).toMatchObject({ structured: true, clipped: 5 });
    expect(parseLogLine(long, 'a').message).toHaveLength(MAX_SHOWN_CHARS);

    const huge = JSON.stringify({ LogLevel: 'Error', Message: 'y'.repeat(MAX_PARSED_CHARS) });
    const line = parseLogLine(huge, 'b');
    expect(line).toMatchObject({ structured: false, clipped: huge.length - MAX_SHOWN_CHARS });
    expect(line.level).toBeUndefined();
    expect(line.raw).toBe(huge);
  });
});

describe('parseLogText', () => {
  it('splits a page into lines with ids from its offset, keeping a last line cut without a newline', () => {
    const lines = parseLogText(`one\n${jsonLine}\ncut-off`, 4096);
    expect(lines.map((l) => l.id)).toEqual(['4096:0', '4096:1', '4096:2']);
    expect(lines.map((l) => l.message)).toEqual(['one', 'Skipped 3 rows without a timestamp', 'cut-off']);
    expect(parseLogText('a\n\nb\n', 0).map((l) => l.raw)).toEqual(['a', '', 'b']);
    expect(parseLogText('', 0)).toEqual([]);
  });
});

describe('filters', () => {
  const info = parseLogLine('{"LogLevel":"Information","Message":"ok"}', 'i');
  const error = parseLogLine('{"LogLevel":"Error","Message":"Trace abc failed"}', 'e');
  const plain = parseLogLine('Unhandled exception.', 'p');

  it('keeps a level and above, and lines without a level', () => {
    expect([info, error, plain].filter((l) => atLeast(l, 'Warning'))).toEqual([error, plain]);
    expect([info, error, plain].filter((l) => atLeast(l, ''))).toEqual([info, error, plain]);
    expect([info, error, plain].map(isError)).toEqual([false, true, false]);
  });

  it('searches the whole line, ignoring case', () => {
    expect(matchesSearch(error, 'TRACE ABC')).toBe(true);
    expect(matchesSearch(error, '"LogLevel":"Error"')).toBe(true);
    expect(matchesSearch(info, 'abc')).toBe(false);
    expect(matchesSearch(info, '')).toBe(true);
  });
});
