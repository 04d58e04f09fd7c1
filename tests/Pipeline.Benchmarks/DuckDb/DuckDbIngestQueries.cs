namespace Pipeline.Benchmarks.DuckDb;

/// <summary>
/// The DuckDB side's SQL: the same two phases as the pipeline (CSV to day-partitioned Parquet, then per (sensor, day)
/// features), written the way a DuckDB user would write them.
/// </summary>
internal static class DuckDbIngestQueries
{
    private static readonly string[] ValueColumns = ["temperature", "humidity"];

    // Types are sniffed, as the Chunker detects its schema; only NA must be named, or DuckDB reads the value columns
    // as VARCHAR. NaN parses as a DOUBLE.
    public static string Chunk(string csvPath, string chunksDirectory) => $"""
        COPY (
            SELECT *, CAST("timestamp" AS DATE) AS day
            FROM read_csv('{Quote(csvPath)}', nullstr = 'NA')
        ) TO '{Quote(chunksDirectory)}' (FORMAT PARQUET, PARTITION_BY (day))
        """;

    // Every aggregate skips NULL and non-finite values, so one NaN does not poison a day's mean.
    public static string Features(string chunksDirectory, string featuresFile)
    {
        var aggregates = ValueColumns.SelectMany(c => new[]
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
