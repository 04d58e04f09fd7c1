using System.Buffers;
using System.Globalization;

namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// Control characters (U+0000 to U+001F and U+007F) in what callers send. No id, name, filter or cursor has one, and
/// NUL fits nowhere at all: PostgreSQL text cannot hold it (a query with one failed as if the database were down, a
/// 503), and neither can a process argument or an environment variable. Free text (a description, a script in
/// <c>args</c>, an input's value) may hold the others, such as newlines and tabs.
/// </summary>
public static class ControlCharacters
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    public const string NulProblem = "holds a NUL character (U+0000), which no step argument, environment variable or database text can hold";

    /// <summary>Why <paramref name="text"/> cannot be an id, name or filter (naming its first control character), or null.</summary>
    public static string? Problem(string? text)
    {
        var at = text is null ? -1 : text.AsSpan().IndexOfAny(Controls);
        return at < 0 ? null : string.Create(CultureInfo.InvariantCulture, $"holds a control character (U+{(int)text![at]:X4}); no id, name or filter has one");
    }

    /// <summary>Whether <paramref name="text"/> holds a NUL, which even free text may not.</summary>
    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
