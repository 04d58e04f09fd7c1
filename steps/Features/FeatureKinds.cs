
namespace Pipeline.Steps.Features;

/// <summary>The option and column-suffix spellings of <see cref="FeatureKind"/>.</summary>
public static class FeatureKinds
{
    private static readonly (FeatureKind Kind, string Name)[] All =
    [
        (FeatureKind.Count, "count"),
        (FeatureKind.Mean, "mean"),
        (FeatureKind.Std, "std"),
        (FeatureKind.Min, "min"),
        (FeatureKind.Max, "max"),
        (FeatureKind.MissingShare, "missing_share"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    public static string Name(FeatureKind kind) => All[(int)kind].Name;

    public static bool TryParse(string name, out FeatureKind kind)
    {
        foreach (var (candidate, spelling) in All)
        {
            if (string.Equals(spelling, name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The chosen kinds in output order, duplicates removed; null means all.</summary>
    public static IReadOnlyList<FeatureKind> Select(IEnumerable<string>? names) =>
        names is null
            ? [.. All.Select(k => k.Kind)]
            : [.. names.Select(n => TryParse(n, out var k) ? k : throw new ArgumentException($"unknown statistic {n}", nameof(names)))
                .Distinct().Order()];
}
