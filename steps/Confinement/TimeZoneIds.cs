using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Steps.Confinement;

/// <summary>
/// IANA time zone ids as the steps and the server take them, with one wording for an unknown one. The one place a
/// zone id from outside is looked up: .NET reads the file of that name under the zoneinfo folder, and a folder
/// (<c>America</c>, <c>posix</c>) made <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> throw a
/// <see cref="System.Security.SecurityException"/> (a 500 from the server), so ids shaped like paths are refused
/// before any lookup and the lookup itself never throws.
/// </summary>
public static class TimeZoneIds
{
    // The longest IANA id has 32 characters; Windows ids (which .NET maps on Linux) are shorter than this too.
    private const int MaxLength = 64;

    /// <summary>The zone <paramref name="id"/> names, or false when it names none this machine knows.</summary>
    public static bool TryFind([NotNullWhen(true)] string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (!IsWellFormed(id))
        {
            return false;
        }

        try
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
        }
        catch (Exception e) when (e is System.Security.SecurityException or IOException or UnauthorizedAccessException or InvalidTimeZoneException)
        {
            zone = null;
            return false;
        }
    }

    /// <summary>Null when <paramref name="id"/> names a zone this machine knows; else what is wrong, naming it.</summary>
    public static string? Problem(string id) =>
        TryFind(id, out _) ? null : $"'{id}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)";

    /// <summary>
    /// Names joined by single slashes, as IANA ids are (<c>America/Argentina/Buenos_Aires</c>): no leading or
    /// trailing slash, no empty, <c>.</c> or <c>..</c> part, no backslash and no control character.
    /// </summary>
    private static bool IsWellFormed([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id.AsSpan().ContainsAnyInRange('\0', '\x1f') || id.Contains('\x7f', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in id.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == ".." || part != part.Trim())
            {
                return false;
            }
        }

        return true;
    }
}
