using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions;

/// <summary>Builds the JSON paths of <see cref="DefinitionProblem"/>s the way System.Text.Json writes them.</summary>
internal static partial class JsonPaths
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        PlainName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    // Dashes are allowed so that step ids and input names read as written (`$.inputs.time-zone`).
    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_-]*\\z")]
    private static partial Regex PlainName();
}
