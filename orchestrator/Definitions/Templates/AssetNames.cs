using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>
/// How assets are named, in <c>${{ assets.NAME }}</c> and in the manifests that report their partitions: lower-case
/// letters, digits, '-' and '_', starting with a letter or digit, so a name is always one safe folder name under
/// <c>{DataRoot}/assets</c> (no '..', no separator, no hidden or metadata folder).
/// </summary>
public static partial class AssetNames
{
    public const string Rule = "1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is { Length: > 0 and <= 64 } && Name().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*\\z")]
    private static partial Regex Name();
}
