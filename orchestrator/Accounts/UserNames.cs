using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>User names: lower case, so <c>Alice</c> and <c>alice</c> are one user; safe in URLs and logs.</summary>
public static partial class UserNames
{
    public const string Rule = "1 to 64 lower-case letters, digits, '.', '_', '-' or '@', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The name as stored: trimmed and lower case.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}\\z")]
    private static partial Regex Pattern();
}
