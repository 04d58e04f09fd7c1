using System.Diagnostics;
using System.Globalization;
using Pipeline.Benchmarks.Cli;

namespace Pipeline.Benchmarks.Generation;

/// <summary><c>generate --rows N --out file.csv [--shape] [--sensors] [--interval-seconds] [--seed] [--start]</c>.</summary>
internal static class GenerateCommand
{
    public static int Run(CommandArguments arguments, TextWriter log, CancellationToken cancellationToken)
    {
        var output = arguments.RequiredString("out");
        var options = ReadOptions(arguments);
        arguments.EnsureAllUsed();

        var started = Stopwatch.GetTimestamp();
        var bytes = SensorCsvGenerator.WriteFile(options, output, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {options.Rows:N0} rows ({bytes / 1048576.0:F1} MiB) to {output} in {elapsed.TotalSeconds:F2} s ({options.Rows / elapsed.TotalSeconds:N0} rows/s)"));
        return ExitCodes.Success;
    }

    /// <summary>Reads the generator's options; <c>--rows</c> is required.</summary>
    public static GenerateOptions ReadOptions(CommandArguments arguments)
    {
        var rows = arguments.Int64("rows", 1) ?? throw new UsageException("--rows is required");
        var shape = ReadShape(arguments.String("shape") ?? "regular");
        var defaults = DataShapes.Options(shape, rows);
        return defaults with
        {
            Sensors = arguments.Int32("sensors", 1) ?? defaults.Sensors,
            Interval = arguments.Int64("interval-seconds", 1) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Interval,
            Seed = arguments.Int64("seed", 0) is { } seed ? (ulong)seed : defaults.Seed,
            Start = arguments.Date("start") ?? defaults.Start,
        };
    }

    public static DataShape ReadShape(string name) => DataShapes.Parse(name)
        ?? throw new UsageException($"--shape must be one of {string.Join(", ", DataShapes.All.Select(DataShapes.Name))}, not '{name}'");
}
