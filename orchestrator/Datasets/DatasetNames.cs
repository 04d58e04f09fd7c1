using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// A dataset's name is its file name in the data root and what dataset triggers match, so it is kept to characters
/// that are safe in both: letters, digits, '.', '_' and '-', not starting with '.'.
/// </summary>
public static partial class DatasetNames
{
    public const string Rule = "1 to 200 letters, digits, '.', '_' or '-', not starting with '.'";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    /// <summary>The name a client's file name (or a URL's last segment) suggests, or null when nothing usable is left.</summary>
    public static string? Suggest(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var last = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var cleaned = Unsafe().Replace(last, "_").TrimStart('.', '_');
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, 200)];
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
