using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>Summarizes each feature column over the output table, for the manifest and the drift baseline.</summary>
internal static class FeatureStatistics
{
    public static Dictionary<string, FeatureStat> Compute(FeatureTable table)
    {
        var result = new Dictionary<string, FeatureStat>(StringComparer.Ordinal);
        var values = new List<double>(table.RowCount);
        foreach (var column in table.Columns)
        {
            values.Clear();
            foreach (var value in table.Values(column).Span)
            {
                if (value is { } v && double.IsFinite(v))
                {
                    values.Add(v);
                }
            }

            result[column.Name] = Summarize(values);
        }

        return result;
    }

    /// <summary>Two passes (mean, then squared deviations): the values are in memory, and this is exact enough.</summary>
    public static FeatureStat Summarize(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new FeatureStat(null, null, 0);
        }

        var mean = values.Sum() / values.Count;
        if (values.Count < 2)
        {
            return new FeatureStat(mean, null, values.Count);
        }

        var squares = values.Sum(v => (v - mean) * (v - mean));
        return new FeatureStat(mean, Math.Sqrt(squares / (values.Count - 1)), values.Count);
    }
}
