using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>
/// How secrets are named in <c>${{ secrets.NAME }}</c>: letters, digits and '_' only, so a name is also a file name
/// (<c>Secrets:Directory/NAME</c>) and part of an environment variable name (<c>PIPELINE_SECRET_NAME</c>) as written.
/// </summary>
public static partial class SecretNames
{
    public const string Rule = "1 to 128 letters, digits or '_'";

    public static bool IsValid(string name) => name is { Length: > 0 and <= 128 } && Name().IsMatch(name);

    /// <summary>Whether <paramref name="text"/> refers to a secret anywhere (a <c>${{ secrets.</c> expression, even a broken one).</summary>
    public static bool AreReferredToIn(string? text) => text is not null && Reference().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9_]+\\z")]
    private static partial Regex Name();

    // "$${{" is a literal, not an expression.
    [GeneratedRegex("(?<!\\$)\\$\\{\\{\\s*secrets\\.")]
    private static partial Regex Reference();
}
