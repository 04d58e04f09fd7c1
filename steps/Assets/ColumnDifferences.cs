using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Assets;

/// <summary>How a run's columns differ from an asset's, one line per column, for the refusal's message.</summary>
internal static class ColumnDifferences
{
    public static IReadOnlyList<string> Between(IReadOnlyList<ColumnSchema> asset, IReadOnlyList<ColumnSchema> run)
    {
        var theirs = run.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var ours = asset.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var column in asset)
        {
            if (!theirs.TryGetValue(column.Name, out var other))
            {
                differences.Add($"'{column.Name}' ({column.Type}) is in the asset but not in the input");
            }
            else if (other.Type != column.Type || other.Nullable != column.Nullable)
            {
                differences.Add($"'{column.Name}' is {Describe(column)} in the asset but {Describe(other)} in the input");
            }
        }

        differences.AddRange(run.Where(c => !ours.ContainsKey(c.Name)).Select(c => $"'{c.Name}' ({c.Type}) is in the input but not in the asset"));
        return differences;
    }

    private static string Describe(ColumnSchema column) => column.Nullable ? $"{column.Type} (nullable)" : column.Type;
}
