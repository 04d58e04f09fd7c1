namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// The commands test workflows run. A server allows no <c>command</c> step by default, so every test server is
/// configured with these in <c>Runner:Process:AllowedCommands</c>, as an operator would list theirs.
/// </summary>
public static class TestCommands
{
    public static readonly IReadOnlyList<string> Allowed = ["/bin/sh", "/bin/true", "/bin/echo", "/bin/false"];

    /// <summary>As configuration keys (<c>Runner:Process:AllowedCommands:0</c> ...).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(string separator = ":") =>
        Allowed.Select((command, i) => KeyValuePair.Create($"Runner{separator}Process{separator}AllowedCommands{separator}{i}", command));
}
