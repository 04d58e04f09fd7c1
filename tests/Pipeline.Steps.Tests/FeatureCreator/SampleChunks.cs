namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// Two sensors over four local days (UTC+2, so each day's first readings carry the previous UTC date), with NA,
/// NaN and infinities, a short day, a day without any finite temperature, a sensor-day split over two files, a
/// file of several row groups and a file holding both sensors.
/// </summary>
public static class SampleChunks
{
    public static readonly DateOnly FirstDay = new(2024, 3, 1);

    public static async Task<IReadOnlyList<ChunkRow>> WriteAsync(string folder)
    {
        var random = new Random(42);
        var all = new List<ChunkRow>();
        for (var d = 0; d < 4; d++)
        {
            var day = FirstDay.AddDays(d);
            var both = new List<ChunkRow>();
            foreach (var sensor in new[] { "s-01", "s-02" })
            {
                var count = (sensor, d) == ("s-02", 2) ? 5 : 144;
                var rows = Enumerable.Range(0, count).Select(k => Row(random, sensor, day, k)).ToList();
                if ((sensor, d) == ("s-01", 3))
                {
                    rows = [.. rows.Select(r => r with { Temperature = null })];
                }

                if ((sensor, d) == ("s-02", 1))
                {
                    rows = [.. rows.Select((r, i) => r with { Temperature = i == 7 ? 21.5 : double.NaN })];
                }

                all.AddRange(rows);
                var path = Path.Combine(folder, $"day={day:yyyy-MM-dd}", $"sensor={sensor}", "part-0.parquet");
                if (d == 3)
                {
                    both.AddRange(rows);
                }
                else if ((sensor, d) == ("s-01", 1))
                {
                    await ChunkFiles.WriteAsync(path, rows[..70]);
                    await ChunkFiles.WriteAsync(path.Replace("part-0", "part-1"), rows[70..]);
                }
                else
                {
                    await ChunkFiles.WriteAsync(path, rows, rowGroupSize: (sensor, d) == ("s-02", 0) ? 50 : int.MaxValue);
                }
            }

            if (both.Count > 0)
            {
                await ChunkFiles.WriteAsync(Path.Combine(folder, $"day={day:yyyy-MM-dd}", "part-0.parquet"), both, rowGroupSize: 200);
            }
        }

        return all;
    }

    private static ChunkRow Row(Random random, string sensor, DateOnly day, int k)
    {
        var utc = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-2).AddMinutes(10 * k);
        return new ChunkRow(sensor, utc, day, Value(random, 15, 10), Value(random, 1000, 0.5), k % 3 == 0 ? null : "ok");
    }

    private static double? Value(Random random, double offset, double scale) => random.NextDouble() switch
    {
        < 0.03 => null,
        < 0.04 => double.NaN,
        < 0.045 => double.PositiveInfinity,
        < 0.05 => double.NegativeInfinity,
        _ => offset + (scale * random.NextDouble()),
    };
}
