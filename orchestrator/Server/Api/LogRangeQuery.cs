using System.Globalization;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// The byte range a logs request asks for: <c>offset</c> (the page from there on), <c>before</c> (the page ending
/// there) or neither (the tail), with <c>limit</c> bytes at most. Parsed here rather than bound by ASP.NET so that a
/// refusal names the parameter and says what is wrong with its value.
/// </summary>
internal sealed record LogRangeQuery(long? Offset, long? Before, int Limit)
{
    public const int DefaultLimit = 256 * 1024;
    public const int MaxLimit = 4 * 1024 * 1024;

    /// <summary>Whether the request asks for a page at all (any of the three parameters), not the whole log.</summary>
    public static bool Asked(string? offset, string? before, string? limit) => offset is not null || before is not null || limit is not null;

    /// <summary>The range, or the parameter and what is wrong with it.</summary>
    public static (LogRangeQuery? Range, string? Field, string? Problem) Parse(string? offset, string? before, string? limit)
    {
        if (offset is not null && before is not null)
        {
            return (null, "before", "give offset (the page from there on) or before (the page ending there), not both");
        }

        if (!TryBytes(offset, out var from))
        {
            return (null, "offset", $"'{offset}' is not a byte offset (a whole number from 0)");
        }

        if (!TryBytes(before, out var until))
        {
            return (null, "before", $"'{before}' is not a byte offset (a whole number from 0)");
        }

        if (!TryBytes(limit, out var most) || most is < 1 or > MaxLimit)
        {
            return (null, "limit", $"'{limit}' is not a page size: give 1 to {MaxLimit} bytes");
        }

        return (new LogRangeQuery(from, until, (int)(most ?? DefaultLimit)), null, null);
    }

    /// <summary>Null when the offset lies within a log of <paramref name="size"/> bytes, else the parameter and the problem.</summary>
    public (string Field, string Problem)? Outside(long size)
    {
        var (field, value) = Offset is { } o ? ("offset", o) : ("before", Before ?? 0);
        return value <= size ? null : (field, $"{value} is past the end of the log, which is {size} bytes long");
    }

    private static bool TryBytes(string? text, out long? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
