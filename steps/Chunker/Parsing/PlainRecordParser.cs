using System.Runtime.CompilerServices;

namespace Pipeline.Steps.Chunker.Parsing;

/// <summary>
/// Splits the records of a block that holds no quote character at all (the usual sensor CSV) at newlines and
/// delimiters, with vectorised searches over the block in place. Sylvan needs a copy of the block (it reads through
/// a <see cref="TextReader"/>) and runs a general state machine; together that was a quarter of the Chunker's CPU.
/// A block with a quote goes to Sylvan, since only there can a field hold a delimiter or a newline.
/// </summary>
internal static class PlainRecordParser
{
    /// <summary>
    /// Calls <paramref name="parser"/> for each record with its physical line number; false as soon as a carriage
    /// return stands anywhere but before a newline (Sylvan ends a record there, so the block must go to it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse<TParser>(ReadOnlySpan<char> text, long firstLine, char delimiter, int[] starts, ref TParser parser)
        where TParser : struct, IPlainRecordSink
    {
        var hasCarriageReturn = text.Contains('\r');
        var line = firstLine;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            var record = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            if (hasCarriageReturn)
            {
                record = record.EndsWith('\r') ? record[..^1] : record;
                if (record.Contains('\r'))
                {
                    return false;
                }
            }

            var count = Split(record, delimiter, starts);
            parser.Record(new SplitFields(record, starts), count, record, line);
            line++;
        }

        return true;
    }

    /// <summary>
    /// Records where each field starts in <paramref name="starts"/> (as far as it has room, plus the line length + 1
    /// after the last field) and returns the number of fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(ReadOnlySpan<char> record, char delimiter, Span<int> starts)
    {
        var count = 1;
        var position = 0;
        starts[0] = 0;
        while (true)
        {
            var next = record[position..].IndexOf(delimiter);
            if (next < 0)
            {
                break;
            }

            position += next + 1;
            if (count < starts.Length)
            {
                starts[count] = position;
            }

            count++;
        }

        if (count < starts.Length)
        {
            starts[count] = record.Length + 1;
        }

        return count;
    }
}
