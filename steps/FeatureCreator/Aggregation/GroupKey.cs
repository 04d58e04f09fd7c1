namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>A sensor-day: the sensor and the local calendar day the Chunker assigned to the reading.</summary>
internal readonly record struct GroupKey(string SensorId, DateOnly Day);
