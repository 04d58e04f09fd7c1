namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// What a step process takes from the server's own environment: only what any program needs to run (<c>PATH</c>,
/// <c>HOME</c>, the time zone, the locale and the temporary folder) and what <c>Runner:Process:PassEnvironment</c>
/// names. Never the rest: the server's environment holds its own settings and credentials (<c>Auth__*</c>,
/// <c>Storage__*</c>, <c>ConnectionStrings__*</c>, <c>ASPNETCORE_*</c>, <c>DOTNET_*</c>), which a step that prints its
/// environment would show, unmasked, in a log its workflow's readers can read.
/// </summary>
public static class InheritedEnvironment
{
    public static readonly IReadOnlyList<string> Always = ["PATH", "HOME", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR"];

    /// <summary>The variables of the server's environment (<paramref name="server"/>) a step gets, those set only.</summary>
    public static IEnumerable<KeyValuePair<string, string>> From(IEnumerable<string> passed, Func<string, string?> server)
    {
        ArgumentNullException.ThrowIfNull(passed);
        ArgumentNullException.ThrowIfNull(server);
        foreach (var name in Always.Concat(passed).Distinct(StringComparer.Ordinal))
        {
            if (server(name) is { } value)
            {
                yield return KeyValuePair.Create(name, value);
            }
        }
    }
}
