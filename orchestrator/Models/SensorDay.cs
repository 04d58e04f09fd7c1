using Pipeline.Steps.Features;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The raw readings of one sensor-day from a prediction request, checked and in time order: per value column, one
/// value per reading (null: NA). Its features come from the FeatureCreator's own code (<see cref="SensorDayFeatures"/>).
/// </summary>
/// <param name="SensorId">The sensor, as the client named it (only echoed back: features do not depend on it).</param>
/// <param name="Day">The local calendar day every reading falls on.</param>
/// <param name="TimeZone">The zone whose calendar day that is.</param>
/// <param name="Readings">How many readings (rows) the day has.</param>
/// <param name="Columns">Each value column's readings in time order, in the order the columns first appear.</param>
public sealed record SensorDay(string? SensorId, DateOnly Day, string TimeZone, int Readings, IReadOnlyDictionary<string, double?[]> Columns)
{
    /// <summary>Every statistic of every value column, named as in <c>features.parquet</c> (<c>TEMP_mean</c>).</summary>
    public Dictionary<string, double?> Features()
    {
        var features = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (column, values) in Columns)
        {
            var accumulated = SensorDayFeatures.Accumulate(values);
            foreach (var kind in Enum.GetValues<FeatureKind>())
            {
                features[SensorDayFeatures.Name(column, kind)] = SensorDayFeatures.Value(kind, accumulated, Readings);
            }
        }

        return features;
    }

    /// <summary>Fewer readings than the FeatureCreator's default threshold (the day is still scored).</summary>
    public bool LowReadings => Readings < SensorDayFeatures.DefaultMinReadings;
}
