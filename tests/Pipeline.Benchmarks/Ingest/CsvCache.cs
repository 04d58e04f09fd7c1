using System.Diagnostics;
using System.Globalization;
using Pipeline.Benchmarks.Generation;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// The input CSV of an ingest run, generated with the default options once per row count. The generator writes
/// through a temporary name, so a file with the final name is always complete.
/// </summary>
internal static class CsvCache
{
    public static string PathFor(string workDirectory, long rows) =>
        Path.GetFullPath(Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"sensors-{rows}.csv")));

    public static string Ensure(string workDirectory, long rows, TextWriter log, CancellationToken cancellationToken)
    {
        var path = PathFor(workDirectory, rows);
        if (File.Exists(path))
        {
            log.WriteLine($"using cached {path}");
            return path;
        }

        log.Write($"generating {path} ... ");
        var started = Stopwatch.GetTimestamp();
        var bytes = SensorCsvGenerator.WriteFile(new GenerateOptions { Rows = rows }, path, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{bytes / 1048576.0:F1} MiB in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        return path;
    }
}
