namespace Pipeline.Benchmarks.DuckDb;

/// <summary>
/// The DuckDB side's SQL: the same two phases as the pipeline (CSV to day-partitioned Parquet, then per (sensor, day)
/// features), written the way a DuckDB user would write them.
/// </summary>
internal static class DuckDbIngestQueries
{
    /// <summary>The value columns of the CSV: every column of its header after <c>sensor_id,timestamp</c>.</summary>
    public static IReadOnlyList<string> ValueColumns(string csvPath) =>
        [.. File.ReadLines(csvPath).First().Split(',', StringSplitOptions.TrimEntries).Skip(2)];

    // The key types are sniffed, as the Chunker detects its schema. Missing values must be named (NA, or an empty
    // field), and the value columns typed: a column empty in the sniffed sample would be VARCHAR. NaN parses as a DOUBLE.
    public static string Chunk(string csvPath, string chunksDirectory)
    {
        var types = string.Join(", ", ValueColumns(csvPath).Select(c => $"'{Quote(c)}': 'DOUBLE'"));
        return $$"""
            COPY (
                SELECT *, CAST("timestamp" AS DATE) AS day
                FROM read_csv('{{Quote(csvPath)}}', nullstr = ['NA', ''], types = { {{types}} })
            ) TO '{{Quote(chunksDirectory)}}' (FORMAT PARQUET, PARTITION_BY (day))
            """;
    }

    // Every aggregate skips NULL and non-finite values, so one NaN does not poison a day's mean.
    public static string Features(string chunksDirectory, string featuresFile, IReadOnlyList<string> valueColumns)
    {
        var aggregates = valueColumns.SelectMany(c => new[]
        {
            $"count({c}) FILTER (WHERE isfinite({c})) AS {c}_count",
            $"avg({c}) FILTER (WHERE isfinite({c})) AS {c}_mean",
            $"stddev_samp({c}) FILTER (WHERE isfinite({c})) AS {c}_std",
            $"min({c}) FILTER (WHERE isfinite({c})) AS {c}_min",
            $"max({c}) FILTER (WHERE isfinite({c})) AS {c}_max",
        });
        return $"""
            COPY (
                SELECT sensor_id, day, {string.Join(", ", aggregates)}
                FROM read_parquet('{Quote(Path.Combine(chunksDirectory, "**", "*.parquet"))}', hive_partitioning = true)
                GROUP BY sensor_id, day
            ) TO '{Quote(featuresFile)}' (FORMAT PARQUET)
            """;
    }

    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
