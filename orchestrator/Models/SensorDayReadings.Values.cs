using System.Text.Json;

namespace Pipeline.Orchestrator.Models;

/// <summary>One reading's values: numbers, null for NA, and the names JSON uses for what it cannot write as a number.</summary>
public static partial class SensorDayReadings
{
    private static Dictionary<string, double?> ReadValues(JsonElement reading, string path, Dictionary<string, string[]> problems)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var property in reading.EnumerateObject())
        {
            if (property.Name == TimestampName)
            {
                continue;
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                values[property.Name] = number;
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                values[property.Name] = null;
            }
            else if (value.ValueKind == JsonValueKind.String && value.GetString() is { } named && NonFinite(named) is { } special)
            {
                values[property.Name] = special;
            }
            else
            {
                Add(problems, $"{path}.{property.Name}", "must be a number, null (missing), or \"NaN\", \"Infinity\", \"-Infinity\"");
            }
        }

        return values;
    }

    private static double? NonFinite(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };
}
