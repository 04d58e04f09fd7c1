using System.Runtime.CompilerServices;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Parses the plain decimals sensors write ("21.25", "-3.5", "+7") to exactly the double
/// <see cref="double.Parse(ReadOnlySpan{char}, IFormatProvider)"/> gives, several times faster. With at most 15 digits
/// the digits are an exact integer below 2^53 and 10^fraction-digits an exact double, so one IEEE division rounds
/// correctly, as the framework does. Anything else (exponents, NaN, Infinity, spaces, longer numbers) is refused,
/// and the caller falls back to <see cref="double.TryParse(ReadOnlySpan{char}, System.Globalization.NumberStyles, IFormatProvider, out double)"/>.
/// </summary>
internal static class DecimalParser
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOf10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var mantissa = 0L;
        var digits = 0;
        var point = -1; // digits before the decimal point, once it is seen
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit; // wraps past 18 digits, but then more than MaxDigits are refused
                digits++;
            }
            else if (text[i] == '.' && point < 0)
            {
                point = digits;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > MaxDigits)
        {
            return false;
        }

        var fractionDigits = point < 0 ? 0 : digits - point;
        var magnitude = (double)mantissa / PowersOf10[fractionDigits];
        value = text[0] == '-' ? -magnitude : magnitude;
        return true;
    }
}
