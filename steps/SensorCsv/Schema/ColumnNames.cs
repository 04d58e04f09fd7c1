namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>Column names that say what a column is, for detection when the options do not.</summary>
internal static class ColumnNames
{
    private static readonly string[] SensorNames =
        ["sensor_id", "sensorid", "sensor", "station_id", "station", "device_id", "deviceid", "device", "node_id", "node",
         "site_id", "site", "meter_id", "meter", "location_id", "location", "id"];

    private static readonly string[] TimestampNames = ["timestamp", "datetime", "date_time", "time", "ts", "date", "time_stamp"];

    private static readonly string[][] PartNames =
        [["year", "yr"], ["month", "mon"], ["day", "dom"], ["hour", "hr"], ["minute", "min"], ["second", "sec"]];

    public static int FindSensor(IReadOnlyList<string> header, Func<int, bool> eligible) =>
        FindByNames(header, SensorNames, eligible);

    public static int FindTimestamp(IReadOnlyList<string> header, Func<int, bool> eligible) =>
        FindByNames(header, TimestampNames, eligible);

    /// <summary>Indexes of year, month, day and whichever of hour, minute, second follow; empty when there is no date.</summary>
    public static List<int> FindParts(IReadOnlyList<string> header)
    {
        var parts = new List<int>();
        foreach (var names in PartNames)
        {
            var index = FindByNames(header, names, _ => true);
            if (index < 0)
            {
                break;
            }

            parts.Add(index);
        }

        return parts.Count >= 3 ? parts : [];
    }

    private static int FindByNames(IReadOnlyList<string> header, string[] names, Func<int, bool> eligible)
    {
        foreach (var name in names)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (eligible(i) && string.Equals(Normalize(header[i]), name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static string Normalize(string name) =>
        name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}
