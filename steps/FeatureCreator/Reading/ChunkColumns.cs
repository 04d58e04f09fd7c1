namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>The key column names every chunk file carries.</summary>
internal static class ChunkColumns
{
    public const string SensorId = "sensor_id";
    public const string Timestamp = "timestamp";
    public const string Date = "date";

    public static bool IsKey(string name) => name is SensorId or Timestamp or Date;
}
