
namespace Pipeline.Steps.Features;

/// <summary>
/// The FeatureCreator's table, as the clustering steps use it: one row per (sensor, day) with the selected feature
/// columns. A null feature is <see cref="double.NaN"/>.
/// </summary>
public sealed class FeatureTable(string[] sensorIds, DateOnly[] days, IReadOnlyList<string> features, double[][] columns)
{
    public string[] SensorIds { get; } = sensorIds;

    public DateOnly[] Days { get; } = days;

    /// <summary>Names of the feature columns, in the order of <see cref="Columns"/>.</summary>
    public IReadOnlyList<string> Features { get; } = features;

    /// <summary>One array per feature, each <see cref="Rows"/> long.</summary>
    public double[][] Columns { get; } = columns;

    public int Rows => SensorIds.Length;

    /// <summary>The rows of several tables with the same feature columns, one after another.</summary>
    public static FeatureTable Concat(IReadOnlyList<FeatureTable> tables)
    {
        var features = tables[0].Features;
        if (tables.FirstOrDefault(t => !t.Features.SequenceEqual(features, StringComparer.Ordinal)) is { } other)
        {
            throw new ArgumentException($"feature columns differ: {string.Join(",", features)} and {string.Join(",", other.Features)}", nameof(tables));
        }

        return new FeatureTable(
            [.. tables.SelectMany(t => t.SensorIds)],
            [.. tables.SelectMany(t => t.Days)],
            features,
            [.. Enumerable.Range(0, features.Count).Select(c => tables.SelectMany(t => t.Columns[c]).ToArray())]);
    }

    /// <summary>The rows whose every feature is a finite number: the only ones KMeans can train on or place.</summary>
    public int[] CompleteRows() => [.. Enumerable.Range(0, Rows).Where(IsComplete)];

    /// <summary>The row's features as the single-precision vector ML.NET reads.</summary>
    public float[] Vector(int row) => [.. Columns.Select(column => (float)column[row])];

    /// <summary>Whether every feature of the row is a finite number.</summary>
    public bool IsComplete(int row)
    {
        foreach (var column in Columns)
        {
            if (!double.IsFinite(column[row]))
            {
                return false;
            }
        }

        return true;
    }
}
