using System.Globalization;

namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// Writes <c>sensor_id,timestamp,temperature,humidity</c> rows in time order (every sensor for one timestamp,
/// then the next timestamp). Values follow a daily and a seasonal cycle plus a per-sensor offset and Gaussian noise;
/// about <see cref="GenerateOptions.MissingRate"/> of the values are <c>NA</c> and a few are <c>NaN</c>.
/// </summary>
internal static class SensorCsvGenerator
{
    private const int FirstSensorId = 10001;
    private static readonly byte[] Header = "sensor_id,timestamp,temperature,humidity\n"u8.ToArray();

    /// <summary>Writes the file through a temporary name, so an interrupted run never leaves a file that looks complete.</summary>
    public static long WriteFile(GenerateOptions options, string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = fullPath + ".tmp";
        long bytes;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            bytes = Write(options, stream, cancellationToken);
        }

        File.Move(temporary, fullPath, overwrite: true);
        return bytes;
    }

    public static long Write(GenerateOptions options, Stream stream, CancellationToken cancellationToken)
    {
        var random = new Xoshiro256(options.Seed);
        var sensors = Enumerable.Range(0, options.Sensors)
            .Select(i => new SensorProfile(
                System.Text.Encoding.UTF8.GetBytes((FirstSensorId + i).ToString(CultureInfo.InvariantCulture)),
                TemperatureOffset: random.NextGaussian() * 3.0,
                HumidityOffset: random.NextGaussian() * 8.0))
            .ToArray();

        var output = new Utf8CsvBuffer(stream);
        output.Write(Header);
        Span<byte> timestamp = stackalloc byte[32];
        var row = 0L;
        for (var step = 0L; row < options.Rows; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var time = options.Start + (options.Interval * step);
            time.TryFormat(timestamp, out var timestampLength, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            var stamp = timestamp[..timestampLength];

            // Warmest at 15:00 and in late July; humidity moves the other way.
            var daily = Math.Cos(2.0 * Math.PI * (time.TimeOfDay.TotalDays - (15.0 / 24.0)));
            var seasonal = Math.Cos(2.0 * Math.PI * (time.DayOfYear - 205) / 365.25);
            var baseTemperature = 12.0 + (8.0 * seasonal) + (5.0 * daily);
            var baseHumidity = 62.0 - (6.0 * seasonal) - (12.0 * daily);

            for (var s = 0; s < sensors.Length && row < options.Rows; s++, row++)
            {
                var sensor = sensors[s];
                output.BeginRow();
                output.Write(sensor.Id);
                output.Write((byte)',');
                output.Write(stamp);
                output.Write((byte)',');
                WriteValue(output, random, options, baseTemperature + sensor.TemperatureOffset + (0.4 * random.NextGaussian()), 2);
                output.Write((byte)',');
                var humidity = Math.Clamp(baseHumidity + sensor.HumidityOffset + (2.0 * random.NextGaussian()), 0.0, 100.0);
                WriteValue(output, random, options, humidity, 1);
                output.Write((byte)'\n');
            }
        }

        output.Flush();
        return output.BytesWritten;
    }

    private static void WriteValue(Utf8CsvBuffer output, Xoshiro256 random, GenerateOptions options, double value, int decimals)
    {
        var draw = random.NextDouble();
        if (draw < options.MissingRate)
        {
            output.Write("NA"u8);
        }
        else if (draw < options.MissingRate + options.NaNRate)
        {
            output.Write("NaN"u8);
        }
        else
        {
            output.WriteFixed(value, decimals);
        }
    }
}
