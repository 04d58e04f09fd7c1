using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Cuts a text stream into blocks of whole records so several workers can parse one file at once. A record ends
/// at a newline outside quotes; quote parity is enough to know that, because an escaped quote ("") toggles twice.
/// </summary>
internal sealed class RecordBlockSplitter(TextReader reader, int fileIndex, char quote, int blockChars, int maxRecordChars, string file)
{
    private char[] _buffer = ParsingPools.Chars.Rent(blockChars);
    private int _filled;
    private long _nextLine = 1;
    private bool _eof;

    /// <summary>Reads up to one buffer of text without consuming it: the sample schema detection looks at.</summary>
    public string Peek()
    {
        Fill();
        return new string(_buffer, 0, _filled);
    }

    /// <summary>Drops the first record (the header) and counts its lines.</summary>
    public void SkipHeader()
    {
        Fill();
        var end = FindRecordEnd(_buffer.AsSpan(0, _filled), firstOnly: true);
        end = end < 0 ? _filled : end;
        _nextLine += _buffer.AsSpan(0, end).Count('\n');
        Consume(end);
    }

    /// <summary>The next block of whole records, or null at the end of the input.</summary>
    public RecordBlock? Next()
    {
        while (true)
        {
            Fill();
            if (_filled == 0)
            {
                return null;
            }

            var end = _eof ? _filled : FindRecordEnd(_buffer.AsSpan(0, _filled), firstOnly: false);
            if (end > 0)
            {
                // The buffer itself becomes the block; only the partial record after it moves, to a fresh buffer.
                // Copying each block out of one reused buffer moved every character of the input once more.
                var next = ParsingPools.Chars.Rent(_buffer.Length);
                _buffer.AsSpan(end, _filled - end).CopyTo(next);
                var result = new RecordBlock(fileIndex, _nextLine, _buffer, end, quote);
                _nextLine += result.Survey.LineBreaks;
                _buffer = next;
                _filled -= end;
                return result;
            }

            // No record ends inside the buffer: one record is longer than a block. Grow, within the limit.
            if (_buffer.Length >= maxRecordChars)
            {
                throw StepException.BadData($"a record is longer than {maxRecordChars / (1024 * 1024)} Mi characters (an unclosed quote, or not line-based CSV); raise --max-record-mb if it is real", new SourceLocation(file, _nextLine));
            }

            var bigger = ParsingPools.Chars.Rent(Math.Min(_buffer.Length * 2, maxRecordChars));
            _buffer.AsSpan(0, _filled).CopyTo(bigger);
            ParsingPools.Chars.Return(_buffer);
            _buffer = bigger;
        }
    }

    public void Release() => ParsingPools.Chars.Return(_buffer);

    private void Fill()
    {
        while (!_eof && _filled < _buffer.Length)
        {
            var read = reader.Read(_buffer, _filled, _buffer.Length - _filled);
            if (read == 0)
            {
                _eof = true;
            }

            _filled += read;
        }
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _filled - count).CopyTo(_buffer);
        _filled -= count;
    }

    /// <summary>Index just after the last (or first) newline outside quotes; -1 when there is none.</summary>
    private int FindRecordEnd(ReadOnlySpan<char> text, bool firstOnly)
    {
        if (!firstOnly && !text.Contains(quote))
        {
            var newline = text.LastIndexOf('\n');
            return newline < 0 ? -1 : newline + 1;
        }

        var inQuotes = false;
        var lastEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(quote, '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (text[i] == quote)
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                lastEnd = i + 1;
                if (firstOnly)
                {
                    return lastEnd;
                }
            }

            i++;
        }

        return lastEnd;
    }
}
