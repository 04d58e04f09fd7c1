
namespace Pipeline.Steps.Features;

/// <summary>
/// The features of one sensor-day, defined once for the FeatureCreator and for online prediction from raw readings:
/// each value column's readings go into a <see cref="ColumnAccumulator"/> (NA, NaN and ±Infinity count as missing),
/// and every statistic is read from it here, so the two cannot drift apart.
/// </summary>
public static class SensorDayFeatures
{
    /// <summary>The FeatureCreator's default: sensor-days with fewer readings are flagged <c>low_readings</c> (and kept).</summary>
    public const int DefaultMinReadings = 12;

    /// <summary>A feature's column name: the value column, an underscore, the statistic (<c>TEMP_mean</c>).</summary>
    public static string Name(string valueColumn, FeatureKind kind) => $"{valueColumn}_{FeatureKinds.Name(kind)}";

    /// <summary>Splits a feature name into its value column and statistic; false when no statistic's suffix ends it.</summary>
    public static bool TryParse(string feature, out string valueColumn, out FeatureKind kind)
    {
        ArgumentNullException.ThrowIfNull(feature);
        foreach (var name in FeatureKinds.Names)
        {
            var suffix = "_" + name;
            if (feature.Length > suffix.Length && feature.EndsWith(suffix, StringComparison.Ordinal) && FeatureKinds.TryParse(name, out kind))
            {
                valueColumn = feature[..^suffix.Length];
                return true;
            }
        }

        valueColumn = "";
        kind = default;
        return false;
    }

    /// <summary>A statistic of one value column of a sensor-day with <paramref name="readings"/> rows; null where it is
    /// undefined (no finite value; fewer than two for std).</summary>
    public static double? Value(FeatureKind kind, in ColumnAccumulator column, long readings)
    {
        var any = column.Count > 0;
        return kind switch
        {
            FeatureKind.Count => column.Count,
            FeatureKind.Mean => any ? column.Mean : null,
            FeatureKind.Std => column.StandardDeviation,
            FeatureKind.Min => any ? column.Min : null,
            FeatureKind.Max => any ? column.Max : null,
            FeatureKind.MissingShare => (double)(readings - column.Count) / readings,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown statistic"),
        };
    }

    /// <summary>
    /// One value column over a whole sensor-day, its readings in time order, null for NA: added as the FeatureCreator
    /// adds a run of a chunk (the non-null values packed, the nulls counted).
    /// </summary>
    public static ColumnAccumulator Accumulate(IReadOnlyList<double?> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var present = new List<double>(readings.Count);
        foreach (var reading in readings)
        {
            if (reading is { } value)
            {
                present.Add(value);
            }
        }

        var column = default(ColumnAccumulator);
        column.AddSegment(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(present), readings.Count - present.Count);
        return column;
    }
}
