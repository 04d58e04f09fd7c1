namespace Pipeline.Benchmarks.Cli;

/// <summary>The text of <c>--help</c>.</summary>
internal static class HelpText
{
    public const string Text = """
        Pipeline.Benchmarks: times the Chunker + FeatureCreator steps against DuckDB on synthetic sensor CSV,
        and ClusterPredict's PostgreSQL load (binary COPY) against Dapper INSERTs.

        Usage: dotnet run -c Release --project tests/Pipeline.Benchmarks -- <command> [options]

        generate --rows N --out FILE.csv      Writes a deterministic synthetic sensor CSV
            [--shape regular]                 regular, shuffled, many-sensors, irregular or grouped (see README)
            [--sensors 1000]                  sensors (the shape's own number by default)
            [--interval-seconds 300]          time between two readings of one sensor
            [--seed 42]                       same seed and options -> byte-identical file
            [--start 2024-01-01]              first timestamp (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss)

        ingest --rows N                       Pipeline side vs DuckDB side on the same CSV, prints a table
            [--shape regular|...|all]         the CSV's shape (as generate's); all: each in turn, and one table over them
            [--work-dir .work/bench]          CSV cache (sensors-N.csv), outputs and ingest-N.json go here
            [--repeat 1]                      runs the sides alternately K times and reports medians
            [--keep]                          keeps the chunk and feature outputs of the last round
            [--build native]                  the steps compiled ahead of time (as the server runs them), or dll

        pg-load --rows N                      Loads N predictions into a throwaway PostgreSQL: COPY vs INSERT
            [--repeat 1]                      rounds; every figure is the median of its rounds
            [--insert-batch 1000]             rows per multi-row INSERT statement of the baseline (at most 9000)

        clustering --rows N                   ClusterTrain then ClusterPredict on N synthetic feature rows (4 features)
            [--k 4] [--repeat 3]              k of the KMeans; rounds (medians are reported)
            [--work-dir .work/bench]          features-N.parquet is cached here

        predict                               The server's online prediction over HTTP: single-row latency, batch rows/s
            [--requests 2000] [--batch 1000]  single-row requests; rows per batch request
            [--batches 50] [--work-dir ...]   batch requests; where the model and server files go

        datasets                              POST /api/datasets of a synthetic CSV vs DuckDB reading it, the profile alone, copy+hash
            [--rows 2M] [--repeat 3]          rows of the CSV (cached in the work dir); rounds (medians are reported)

        orchestration                         The workflow server's engine on SQLite and PostgreSQL: overhead per step
            [--chain 200] [--fan-out 500]     a chain of /bin/true steps, and a fan-out of parallel ones
            [--parallel 8]                    steps run at once (the engine's and the direct floor's)

        runs-list                             GET /api/runs latency with a long history in PostgreSQL
            [--runs 25000] [--requests 400]   runs of 4 steps seeded through the store; timed requests

        grid                                  GET /api/workflows/{id}/grid latency (100 runs a page) with a long history in PostgreSQL
            [--runs 10000] [--requests 300]   runs of 10 steps seeded through the store (ten workflows); timed requests

        assets                                Incremental ingest into day-partitioned assets (Chunker + FeatureCreator)
            [--sensors 1000] [--days 1096]    the history ingested once; then one new day, then late rows for 3 old days
            [--interval-minutes 60]           time between two readings of one sensor
            [--work-dir .work/bench] [--keep] where the CSV files, assets and run folders go
            [--build native]                  the steps compiled ahead of time (as the server runs them), or dll

        assets-list                           GET /api/assets/{asset}/partitions latency, one asset with a long history
            [--partitions 100000]             day partitions recorded through the catalog store
            [--requests 600] [--engine both]  timed requests; sqlite, postgres or both
            [--work-dir .work/bench/assets-list]

        assets-grid                           GET /api/assets/{asset}/grid latency (the Assets page's calendar)
            [--partitions 100000]             day partitions recorded through the catalog store, every 50th stale
            [--requests 300] [--engine both]  timed requests; sqlite, postgres or both
            [--work-dir .work/bench/assets-grid]

        Row counts accept 1000000, 1_000_000, 1e6, 1000K or 1M.
        Exit codes: 0 ok, 64 bad command line, 70 a side (or the database) failed, 130 cancelled.

        """;
}
