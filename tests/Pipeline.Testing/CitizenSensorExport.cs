using System.Globalization;
using System.Text;

namespace Pipeline.Testing;

/// <summary>
/// Writes a sensor export shaped like a citizen air-quality network's archive (the sensor.community CSV files), which
/// is not in this repository: semicolon-separated; columns <c>sensor_id;sensor_type;location;lat;lon;timestamp</c>
/// then the type's measurements; ISO timestamps without an offset every 2 to 3 minutes (jittered); location id and
/// coordinates constant per sensor; measurement columns the firmware leaves empty from the first row to the last
/// (<c>durP1</c>, <c>ratioP1</c>...). Sensors behave in a few distinct ways (clean, dusty, spiky) so clustering
/// has something to find. Rows are written sensor by sensor, as such archives are.
/// </summary>
public static class CitizenSensorExport
{
    /// <summary>A sensor type: its name and measurement columns; the empty ones are always blank.</summary>
    public sealed record SensorType(string Name, IReadOnlyList<string> Measurements, IReadOnlyList<string> Empty);

    /// <summary>A particulate-matter sensor: PM10 (<c>P1</c>) and PM2.5 (<c>P2</c>), with four columns always empty.</summary>
    public static readonly SensorType Sds011 = new("SDS011", ["P1", "P2"], ["durP1", "ratioP1", "durP2", "ratioP2"]);

    /// <summary>A temperature and humidity sensor.</summary>
    public static readonly SensorType Dht22 = new("DHT22", ["temperature", "humidity"], []);

    /// <summary>
    /// Writes <paramref name="sensors"/> sensors of <paramref name="type"/> over <paramref name="days"/> days from
    /// 2024-03-01; returns the number of data rows.
    /// </summary>
    public static long Write(string path, SensorType type, int sensors, int days, int seed) => Write(path, [(type, sensors)], days, seed);

    /// <summary>
    /// Writes sensors of several types into one file (as a network's combined export): the columns are every type's,
    /// and a sensor leaves the other types' measurements empty.
    /// </summary>
    public static long Write(string path, IReadOnlyList<(SensorType Type, int Sensors)> groups, int days, int seed)
    {
        var random = new Random(seed);
        var columns = groups.SelectMany(g => g.Type.Measurements.Concat(g.Type.Empty)).Distinct(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write("sensor_id;sensor_type;location;lat;lon;timestamp;");
        writer.Write(string.Join(';', columns));
        writer.Write('\n');
        var rows = 0L;
        var sensorId = 1000;
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        foreach (var (type, sensors) in groups)
        {
            for (var s = 0; s < sensors; s++, sensorId++)
            {
                var behaviour = s % 3;
                var (lat, lon) = (48.1 + (random.NextDouble() * 0.5), 11.3 + (random.NextDouble() * 0.5));
                var location = 5000 + (sensorId * 7);
                for (var at = start.AddSeconds(random.Next(0, 150)); at < start.AddDays(days); at = at.AddSeconds(random.Next(120, 181)))
                {
                    var line = new StringBuilder();
                    line.Append(CultureInfo.InvariantCulture, $"{sensorId};{type.Name};{location};{lat:0.000};{lon:0.000};{at:yyyy-MM-ddTHH:mm:ss}");
                    foreach (var column in columns)
                    {
                        line.Append(';');
                        if (type.Measurements.Contains(column))
                        {
                            line.Append(Value(column, behaviour, at, random).ToString("0.##", CultureInfo.InvariantCulture));
                        }
                    }

                    writer.Write(line.Append('\n'));
                    rows++;
                }
            }
        }

        return rows;
    }

    /// <summary>A reading: each behaviour has its own level and noise; spiky sensors jump now and then.</summary>
    private static double Value(string measurement, int behaviour, DateTime at, Random random)
    {
        var daily = Math.Sin(at.TimeOfDay.TotalHours / 24 * 2 * Math.PI);
        var noise = random.NextDouble() - 0.5;
        return measurement switch
        {
            "P1" => behaviour switch { 0 => 8 + (2 * daily) + noise, 1 => 35 + (6 * daily) + (4 * noise), _ => random.Next(20) == 0 ? 150 + (40 * noise) : 12 + (3 * noise) },
            "P2" => behaviour switch { 0 => 5 + daily + (0.5 * noise), 1 => 22 + (4 * daily) + (2 * noise), _ => random.Next(20) == 0 ? 90 + (20 * noise) : 7 + (2 * noise) },
            "temperature" => (behaviour * 6) + 8 + (5 * daily) + noise,
            "humidity" => 40 + (behaviour * 15) - (10 * daily) + (3 * noise),
            _ => noise,
        };
    }
}
