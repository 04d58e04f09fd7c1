using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Steps.SensorCsv.Parsing;

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
    /// <paramref name="mayHaveCarriageReturn"/> false (the block's <see cref="BlockSurvey"/> found none) skips the search for one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse<TParser>(ReadOnlySpan<char> text, long firstLine, char delimiter, int[] starts, ref TParser parser, bool mayHaveCarriageReturn = true)
        where TParser : struct, IPlainRecordSink
    {
        if (!(mayHaveCarriageReturn && text.Contains('\r')) && Vector256.IsHardwareAccelerated)
        {
            ScanBlock(text, firstLine, delimiter, starts, ref parser);
            return true;
        }

        var line = firstLine;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            var record = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            record = record.EndsWith('\r') ? record[..^1] : record;
            if (record.Contains('\r'))
            {
                return false;
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

    /// <summary>
    /// The same split as <see cref="Split"/> record by record, in one pass over a block without carriage returns:
    /// each 16 characters are compared with the newline and the delimiter at once and the matches walked as bits.
    /// A search call per field (four per row of sensor CSV) cost more than the search itself on such short fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanBlock<TParser>(ReadOnlySpan<char> text, long firstLine, char delimiter, int[] starts, ref TParser parser)
        where TParser : struct, IPlainRecordSink
    {
        var scan = new RecordScan(firstLine, starts);
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var newlines = Vector256.Create((ushort)'\n');
        var delimiters = Vector256.Create((ushort)delimiter);
        var i = 0;
        for (; i <= text.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
        {
            var chars = Vector256.LoadUnsafe(ref first, (nuint)i);
            var matches = (Vector256.Equals(chars, newlines) | Vector256.Equals(chars, delimiters)).ExtractMostSignificantBits();
            while (matches != 0)
            {
                var at = i + BitOperations.TrailingZeroCount(matches);
                matches &= matches - 1;
                scan.Separator(text, at, delimiter, ref parser);
            }
        }

        for (; i < text.Length; i++)
        {
            if (text[i] == '\n' || text[i] == delimiter)
            {
                scan.Separator(text, i, delimiter, ref parser);
            }
        }

        scan.End(text, ref parser);
    }

    /// <summary>The record being split: where it starts in the block, its line and the fields found so far.</summary>
    private ref struct RecordScan(long line, int[] starts)
    {
        private int _recordStart;
        private int _count = 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Separator<TParser>(ReadOnlySpan<char> text, int at, char delimiter, ref TParser parser)
            where TParser : struct, IPlainRecordSink
        {
            if (text[at] == delimiter)
            {
                if (_count < starts.Length)
                {
                    starts[_count] = at + 1 - _recordStart;
                }

                _count++;
                return;
            }

            Emit(text[_recordStart..at], ref parser);
            _recordStart = at + 1;
        }

        /// <summary>Emits the text after the last newline, if any, as the block's last record.</summary>
        public void End<TParser>(ReadOnlySpan<char> text, ref TParser parser)
            where TParser : struct, IPlainRecordSink
        {
            if (_recordStart < text.Length)
            {
                Emit(text[_recordStart..], ref parser);
            }
        }

        private void Emit<TParser>(ReadOnlySpan<char> record, ref TParser parser)
            where TParser : struct, IPlainRecordSink
        {
            starts[0] = 0;
            if (_count < starts.Length)
            {
                starts[_count] = record.Length + 1;
            }

            parser.Record(new SplitFields(record, starts), _count, record, line);
            line++;
            _count = 1;
        }
    }
}
