using System.Globalization;
using System.Text;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Hive-style folder names (<c>day=2023-02-15/sensor=25572</c>) that DuckDB, Spark and pandas read as partition
/// columns. Values are escaped the way Hive escapes them, so any sensor id makes a safe folder name.
/// </summary>
internal static class PartitionPaths
{
    public const string FileName = "part-0.parquet";

    public static string DayFolder(int firstDay, int daysPerChunk)
    {
        var date = DateOnly.FromDayNumber(firstDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return daysPerChunk == 1 ? $"day={date}" : $"day_from={date}";
    }

    /// <summary>The sensor level under the day folder; empty when all sensors share one file.</summary>
    public static string SensorFolder(int sensorsPerChunk, string firstSensor, int group) => sensorsPerChunk switch
    {
        0 => "",
        1 => "sensor=" + Escape(firstSensor),
        _ => string.Create(CultureInfo.InvariantCulture, $"sensor_group={group:D4}"),
    };

    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{}[]^".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length == 0 ? "__HIVE_DEFAULT_PARTITION__" : builder.ToString();
    }
}
