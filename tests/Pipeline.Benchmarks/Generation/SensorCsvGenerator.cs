using System.Globalization;

namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// Writes <c>sensor_id,timestamp,&lt;value columns&gt;</c> rows in the order <see cref="GenerateOptions.Shape"/> says
/// (<see cref="DataShape"/>). Values follow a daily and a seasonal cycle plus a per-sensor offset and Gaussian noise
/// (<see cref="ValueColumn"/>); about <see cref="GenerateOptions.MissingRate"/> of the values are missing and a few
/// are <c>NaN</c>. The default options give the same bytes as ever.
/// </summary>
internal static class SensorCsvGenerator
{
    private const int FirstSensorId = 10001;

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
                [.. options.Columns.Select(c => random.NextGaussian() * c.OffsetSd)]))
            .ToArray();

        var writer = new RowWriter(new Utf8CsvBuffer(stream), random, options);
        writer.Header();
        switch (options.Shape)
        {
            case DataShape.Grouped:
                WriteGrouped(writer, sensors, options, cancellationToken);
                break;
            case DataShape.Irregular:
                WriteIrregular(writer, sensors, options, random, cancellationToken);
                break;
            default:
                WriteByInstant(writer, sensors, options, random, cancellationToken);
                break;
        }

        return writer.Finish();
    }

    /// <summary>Every sensor at each instant, then the next instant; shuffled anew at every instant when the shape says so.</summary>
    private static void WriteByInstant(RowWriter writer, SensorProfile[] sensors, GenerateOptions options, Xoshiro256 random, CancellationToken cancellationToken)
    {
        var order = sensors.ToArray();
        var row = 0L;
        for (var step = 0L; row < options.Rows; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.Shape == DataShape.Shuffled)
            {
                Shuffle(order, random);
            }

            var time = options.Start + (options.Interval * step);
            for (var s = 0; s < order.Length && row < options.Rows; s++, row++)
            {
                writer.Row(order[s], time);
            }
        }
    }

    /// <summary>Each sensor's whole history, then the next sensor's; the rows are shared out evenly.</summary>
    private static void WriteGrouped(RowWriter writer, SensorProfile[] sensors, GenerateOptions options, CancellationToken cancellationToken)
    {
        for (var s = 0; s < sensors.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var readings = (options.Rows / sensors.Length) + (s < options.Rows % sensors.Length ? 1 : 0);
            for (var step = 0L; step < readings; step++)
            {
                writer.Row(sensors[s], options.Start + (options.Interval * step));
            }
        }
    }

    /// <summary>
    /// Each sensor on its own clock, its readings 0.8 to 1.2 intervals apart (whole seconds) from a random first one,
    /// merged in time order as a network's feed interleaves them.
    /// </summary>
    private static void WriteIrregular(RowWriter writer, SensorProfile[] sensors, GenerateOptions options, Xoshiro256 random, CancellationToken cancellationToken)
    {
        var seconds = options.Interval.TotalSeconds;
        var next = new PriorityQueue<int, long>(sensors.Length);
        for (var s = 0; s < sensors.Length; s++)
        {
            next.Enqueue(s, (long)(random.NextDouble() * seconds));
        }

        for (var row = 0L; row < options.Rows; row++)
        {
            if ((row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            next.TryDequeue(out var s, out var at);
            writer.Row(sensors[s], options.Start.AddSeconds(at));
            next.Enqueue(s, at + (long)(seconds * (0.8 + (0.4 * random.NextDouble()))));
        }
    }

    private static void Shuffle(SensorProfile[] order, Xoshiro256 random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
