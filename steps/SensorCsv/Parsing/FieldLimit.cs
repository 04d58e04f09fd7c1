using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// The most fields one record may have, and the check that keeps wider records away from Sylvan. Sylvan grows its
/// table of a record's fields 16 entries at a time, so reading one record costs it time quadratic in the record's
/// fields: a single 1 MiB line of <c>1,1,1,...</c> held a core for over a minute (in schema detection, in the
/// parser, and in the server's upload profile, which uses both). Sensor CSV has tens of columns; a record with more
/// than <see cref="MaxFields"/> fails its input with its line, whichever path would have read it.
/// </summary>
internal static class FieldLimit
{
    public const int MaxFields = 10_000;

    /// <summary>The failure for the record at <paramref name="line"/>; without <paramref name="file"/>, the caller that knows it fills it in.</summary>
    public static StepException TooMany(long line, string file = "") =>
        StepException.BadData(
            $"a record has more than {MaxFields:N0} fields, the most one may have (not sensor CSV, or the wrong --delimiter)",
            new SourceLocation(file, line));

    /// <summary>
    /// The first record of <paramref name="text"/> with more than <see cref="MaxFields"/> fields as Sylvan would split
    /// it (a quote opens a quoted field only at the start of a field, a doubled quote inside one is a quote, a record
    /// ends at a carriage return or newline outside quotes): where it starts and how many newlines come before it.
    /// Null when there is none; text with fewer delimiters than the limit is not scanned at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WideRecord? Find(ReadOnlySpan<char> text, char delimiter, char quote)
    {
        if (text.Count(delimiter) < MaxFields)
        {
            return null;
        }

        var scan = new Scan(delimiter, quote);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var delimiters = Vector256.Create((ushort)delimiter);
            var quotes = Vector256.Create((ushort)quote);
            var newlines = Vector256.Create((ushort)'\n');
            var returns = Vector256.Create((ushort)'\r');
            for (; i <= text.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var chars = Vector256.LoadUnsafe(ref first, (nuint)i);
                var matches = (Vector256.Equals(chars, delimiters) | Vector256.Equals(chars, quotes)
                    | Vector256.Equals(chars, newlines) | Vector256.Equals(chars, returns)).ExtractMostSignificantBits();
                while (matches != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(matches);
                    matches &= matches - 1;
                    if (scan.TooWideAt(text, at))
                    {
                        return At(text, scan.RecordStart);
                    }
                }
            }
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == delimiter || c == quote || c == '\n' || c == '\r') && scan.TooWideAt(text, i))
            {
                return At(text, scan.RecordStart);
            }
        }

        return null;
    }

    private static WideRecord At(ReadOnlySpan<char> text, int start) => new(start, text[..start].Count('\n'));

    /// <summary>Sylvan's reading of the special characters, one at a time, counting the current record's fields.</summary>
    private struct Scan(char delimiter, char quote)
    {
        private int _fields = 1;
        private int _fieldStart;
        private int _skipTo;
        private bool _inQuotes;

        public int RecordStart { get; private set; }

        public bool TooWideAt(ReadOnlySpan<char> text, int at)
        {
            if (at < _skipTo)
            {
                return false; // the second quote of a doubled one
            }

            var c = text[at];
            if (_inQuotes)
            {
                if (c == quote)
                {
                    var doubled = at + 1 < text.Length && text[at + 1] == quote;
                    _skipTo = doubled ? at + 2 : _skipTo;
                    _inQuotes = doubled;
                }

                return false;
            }

            if (c == delimiter)
            {
                _fields++;
                _fieldStart = at + 1;
                return _fields > MaxFields;
            }

            if (c == quote)
            {
                _inQuotes = at == _fieldStart;
                return false;
            }

            _fields = 1;
            _fieldStart = at + 1;
            RecordStart = at + 1;
            return false;
        }
    }
}
