using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// What one pass over a block tells its parser: how many line breaks it holds (the splitter numbers lines with it,
/// the parser sizes its batch with it), and whether a quote or a carriage return stands anywhere in it (either
/// sends the block off the in-place fast path). These were four separate searches over every block.
/// </summary>
internal readonly record struct BlockSurvey(int LineBreaks, char Quote, bool HasQuote, bool HasCarriageReturn)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BlockSurvey Of(ReadOnlySpan<char> text, char quote)
    {
        var lineBreaks = 0;
        var quotes = Vector256<ushort>.Zero;
        var returns = Vector256<ushort>.Zero;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var newline = Vector256.Create((ushort)'\n');
            var carriageReturn = Vector256.Create((ushort)'\r');
            var quoteChar = Vector256.Create((ushort)quote);
            for (; i <= text.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var chars = Vector256.LoadUnsafe(ref first, (nuint)i);
                lineBreaks += BitOperations.PopCount(Vector256.Equals(chars, newline).ExtractMostSignificantBits());
                quotes |= Vector256.Equals(chars, quoteChar);
                returns |= Vector256.Equals(chars, carriageReturn);
            }
        }

        var hasQuote = quotes != Vector256<ushort>.Zero;
        var hasReturn = returns != Vector256<ushort>.Zero;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            lineBreaks += c == '\n' ? 1 : 0;
            hasQuote |= c == quote;
            hasReturn |= c == '\r';
        }

        return new BlockSurvey(lineBreaks, quote, hasQuote, hasReturn);
    }
}
