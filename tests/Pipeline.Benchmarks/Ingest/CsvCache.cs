using System.Diagnostics;
using System.Globalization;
using Pipeline.Benchmarks.Generation;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// The input CSV of an ingest run, generated once per shape and row count (<c>sensors-N.csv</c> for the regular
/// shape, <c>sensors-SHAPE-N.csv</c> for the others). The generator writes through a temporary name, so a file with
/// the final name is always complete.
/// </summary>
internal static class CsvCache
{
    public static string PathFor(string workDirectory, GenerateOptions options) =>
        Path.GetFullPath(Path.Combine(workDirectory, options.Shape == DataShape.Regular
            ? string.Create(CultureInfo.InvariantCulture, $"sensors-{options.Rows}.csv")
            : string.Create(CultureInfo.InvariantCulture, $"sensors-{DataShapes.Name(options.Shape)}-{options.Rows}.csv")));

    public static string Ensure(string workDirectory, long rows, TextWriter log, CancellationToken cancellationToken) =>
        Ensure(workDirectory, new GenerateOptions { Rows = rows }, log, cancellationToken);

    public static string Ensure(string workDirectory, GenerateOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var path = PathFor(workDirectory, options);
        if (File.Exists(path))
        {
            log.WriteLine($"using cached {path}");
            return path;
        }

        log.Write($"generating {path} ... ");
        var started = Stopwatch.GetTimestamp();
        var bytes = SensorCsvGenerator.WriteFile(options, path, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{bytes / 1048576.0:F1} MiB in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        return path;
    }
}
