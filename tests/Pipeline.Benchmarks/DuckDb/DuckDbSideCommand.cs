using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Pipeline.Benchmarks.Cli;

namespace Pipeline.Benchmarks.DuckDb;

/// <summary>
/// Hidden command <c>duckdb-side --csv FILE --out DIR</c>: the DuckDB side, run by <c>ingest</c> in a child process so
/// that its peak memory is its own. Prints one JSON line (<see cref="DuckDbSideReport"/>) on stdout.
/// </summary>
internal static class DuckDbSideCommand
{
    public const string Name = "duckdb-side";

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var csv = Path.GetFullPath(arguments.RequiredString("csv"));
        var outDirectory = Path.GetFullPath(arguments.RequiredString("out"));
        arguments.EnsureAllUsed();
        var chunks = Path.Combine(outDirectory, "chunks");
        var features = Path.Combine(outDirectory, "features.parquet");
        Directory.CreateDirectory(outDirectory);

        var started = Stopwatch.GetTimestamp();
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        var openMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        started = Stopwatch.GetTimestamp();
        var chunkRows = await ExecuteAsync(connection, DuckDbIngestQueries.Chunk(csv, chunks), cancellationToken);
        var chunkMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        started = Stopwatch.GetTimestamp();
        var featureRows = await ExecuteAsync(connection, DuckDbIngestQueries.Features(chunks, features, DuckDbIngestQueries.ValueColumns(csv)), cancellationToken);
        var featureMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var report = new DuckDbSideReport
        {
            OpenMs = openMs,
            ChunkMs = chunkMs,
            FeatureMs = featureMs,
            PeakMemoryBytes = ProcessPeakMemory.ReadBytes(),
            ChunkRows = chunkRows,
            ChunkFiles = Directory.EnumerateFiles(chunks, "*.parquet", SearchOption.AllDirectories).Count(),
            FeatureRows = featureRows,
            Threads = Convert.ToInt32(await ScalarAsync(connection, "SELECT current_setting('threads')", cancellationToken), CultureInfo.InvariantCulture),
            DuckDbVersion = (await ScalarAsync(connection, "SELECT version()", cancellationToken))?.ToString(),
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(report, DuckDbSideJsonContext.Default.DuckDbSideReport));
        return ExitCodes.Success;
    }

    // COPY reports the rows it wrote as its affected-row count.
    private static async Task<long?> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        return rows >= 0 ? rows : null;
    }

    private static async Task<object?> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
