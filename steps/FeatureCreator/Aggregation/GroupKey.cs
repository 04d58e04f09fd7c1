namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>A sensor-day: the sensor and the local calendar day the Chunker assigned to the reading.</summary>
internal readonly record struct GroupKey(string SensorId, DateOnly Day) : IComparable<GroupKey>
{
    /// <summary>Output order: sensor id (ordinal), then day.</summary>
    public int CompareTo(GroupKey other)
    {
        var bySensor = string.CompareOrdinal(SensorId, other.SensorId);
        return bySensor != 0 ? bySensor : Day.CompareTo(other.Day);
    }
}
