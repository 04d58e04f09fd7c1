namespace Pipeline.Steps.Contract;

/// <summary>IANA time zone ids as the steps and the server take them, with one wording for an unknown one.</summary>
public static class TimeZoneIds
{
    /// <summary>Null when <paramref name="id"/> names a zone this machine knows; else what is wrong, naming it.</summary>
    public static string? Problem(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? null : $"'{id}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)";
}
