using System.Globalization;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// The default feature set made fit for real exports: of every <c>*_mean</c> and <c>*_std</c> column, leave out those
/// that cannot describe how a sensor behaves, each with its rule and reason. In order: no finite value at all (a
/// measurement column empty from start to end); missing on more than the allowed share of rows (kept, it would drop
/// those rows from training); one value everywhere; one value within every sensor (an id, a coordinate: clusters would
/// encode where a sensor stands). A list the user names (<c>--features</c>) is not filtered: it stays strict.
/// </summary>
internal static class DefaultFeatureSelection
{
    /// <summary>
    /// Sensors seen on at least two rows must hold this share of the rows before "constant within every sensor" is
    /// judged: with one day per sensor every column is constant within each, which proves nothing.
    /// </summary>
    private const double AttributeEvidenceShare = 0.5;

    public static (FeatureTable Table, IReadOnlyList<ExcludedFeature> Excluded) Apply(FeatureTable table, double maxMissingShare, string file)
    {
        var kept = new List<int>();
        var excluded = new List<ExcludedFeature>();
        for (var f = 0; f < table.Features.Count; f++)
        {
            if (Exclusion(table, f, maxMissingShare) is { } reason)
            {
                excluded.Add(reason);
            }
            else
            {
                kept.Add(f);
            }
        }

        if (kept.Count == 0)
        {
            throw StepException.BadData(
                $"no feature is usable for clustering: {string.Join("; ", excluded.Select(e => $"{e.Feature} {e.Reason}"))}",
                new SourceLocation(file));
        }

        return (new FeatureTable(table.SensorIds, table.Days, [.. kept.Select(f => table.Features[f])], [.. kept.Select(f => table.Columns[f])]), excluded);
    }

    private static ExcludedFeature? Exclusion(FeatureTable table, int feature, double maxMissingShare)
    {
        var name = table.Features[feature];
        var column = table.Columns[feature];
        var finite = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in column)
        {
            if (double.IsFinite(value))
            {
                finite++;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        if (finite == 0)
        {
            return new(name, ExclusionRules.AllMissing, $"has no value in any of the {table.Rows} rows");
        }

        var missing = table.Rows - finite;
        if (missing > maxMissingShare * table.Rows)
        {
            return new(name, ExclusionRules.MostlyMissing, Invariant(
                $"is missing on {missing} of {table.Rows} rows ({100.0 * missing / table.Rows:0.#} %, more than the {100 * maxMissingShare:0.#} % allowed by --max-missing-share)"));
        }

        if (Same(min, max))
        {
            return new(name, ExclusionRules.Constant, Invariant($"has one value in every row ({min:G6})"));
        }

        return IsSensorAttribute(table, column)
            ? new(name, ExclusionRules.SensorAttribute, "never changes within a sensor (a sensor attribute such as an id or a coordinate): it tells where a sensor is, not how it behaves")
            : null;
    }

    /// <summary>True when every sensor with two or more values has one value, and such sensors hold enough of the rows.</summary>
    private static bool IsSensorAttribute(FeatureTable table, double[] column)
    {
        var bySensor = new Dictionary<string, (double Min, double Max, int Count)>(StringComparer.Ordinal);
        for (var row = 0; row < column.Length; row++)
        {
            if (double.IsFinite(column[row]))
            {
                var seen = bySensor.TryGetValue(table.SensorIds[row], out var s) ? s : (double.PositiveInfinity, double.NegativeInfinity, 0);
                bySensor[table.SensorIds[row]] = (Math.Min(seen.Item1, column[row]), Math.Max(seen.Item2, column[row]), seen.Item3 + 1);
            }
        }

        var evidence = 0;
        var rows = 0;
        foreach (var (min, max, count) in bySensor.Values)
        {
            rows += count;
            if (count < 2)
            {
                continue;
            }

            if (!Same(min, max))
            {
                return false;
            }

            evidence += count;
        }

        return evidence >= AttributeEvidenceShare * rows;
    }

    /// <summary>Equal up to float rounding of the stored statistics (a mean of one repeated value may differ in the last bits).</summary>
    private static bool Same(double min, double max) => max - min <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(min), Math.Abs(max)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
