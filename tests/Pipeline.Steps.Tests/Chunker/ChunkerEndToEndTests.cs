using System.Collections;
using System.IO.Compression;
using System.Net;
using System.Text;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>The Chunker on the real data sets, checked against DuckDB reading the same CSV independently.</summary>
public sealed class ChunkerEndToEndTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Output => _temp.Combine("chunks");

    [Fact]
    public async Task Hive_temperature_files_become_day_and_sensor_partitions_duckdb_reads_as_one_data_set()
    {
        var input = Path.Combine(SharedData.HiveTemperature, "*.csv");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", Output, "--quiet"));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        var glob = Path.Combine(Output, "**", "*.parquet");
        var csv = $"read_csv('{input}', header = true, timestampformat = '%Y-%m-%d %H')";
        Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) FROM (SELECT DISTINCT sensor_id, timestamp FROM {csv})"), metrics["rowsWritten"]!.GetValue<long>());
        Assert.Equal(0L, DuckDb.Scalar<long>(
            $"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true) WHERE day <> date OR CAST(sensor AS VARCHAR) <> sensor_id"));
        var ours = DuckDb.Scalar<double>($"SELECT sum(temperature) FROM read_parquet('{glob}')");
        var theirs = DuckDb.Scalar<double>($"SELECT sum(temperature) FROM (SELECT sensor_id, timestamp, first(temperature) AS temperature FROM {csv} GROUP BY ALL)");
        Assert.Equal(theirs, ours, 6);
    }

    [Fact]
    public async Task All_twelve_beijing_files_work_without_data_set_specific_options()
    {
        var folder = SharedData.BeijingAirQuality;
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", folder, "--output", Output, "--time-zone", "Asia/Shanghai", "--quiet", "--sensors-per-chunk", "0"));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        Assert.Equal(420_768, metrics["rowsRead"]!.GetValue<long>());
        Assert.Equal(420_768, metrics["rowsWritten"]!.GetValue<long>());
        Assert.Equal(12, metrics["sensors"]!.GetValue<int>());
        Assert.Equal(1461, metrics["days"]!.GetValue<int>());
        Assert.Equal(["year", "month", "day", "hour"], metrics["schema"]!["timestampParts"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["wd"], metrics["schema"]!["textColumns"]!.AsArray().Select(n => n!.GetValue<string>()));
        var glob = Path.Combine(Output, "**", "*.parquet");
        // NA counts and a sum per column match DuckDB reading the CSV files itself.
        var csv = $"read_csv('{folder}/*.csv', header = true, nullstr = 'NA')";
        foreach (var column in new[] { "PM2.5", "CO", "O3", "TEMP" })
        {
            Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) - count(\"{column}\") FROM {csv}"),
                DuckDb.Scalar<long>($"SELECT count(*) - count(\"{column}\") FROM read_parquet('{glob}')"));
            Assert.Equal(DuckDb.Scalar<double>($"SELECT sum(\"{column}\") FROM {csv}"), DuckDb.Scalar<double>($"SELECT sum(\"{column}\") FROM read_parquet('{glob}')"), 6);
        }

        // Local Beijing hours map to the right UTC instants and local days.
        var first = DuckDb.Rows($"SELECT CAST(timestamp AS VARCHAR), CAST(date AS VARCHAR) FROM read_parquet('{glob}') WHERE sensor_id = 'Aotizhongxin' ORDER BY timestamp LIMIT 1")[0];
        Assert.StartsWith("2013-02-28 16:00:00", (string)first[0]!, StringComparison.Ordinal);
        Assert.Equal("2013-03-01", first[1]);
    }

    [Fact]
    public async Task A_chunk_larger_than_a_row_group_is_written_as_several_row_groups_with_every_row()
    {
        // 1000 days of 12 stations is one chunk of about 288,000 rows: many row segments, and two row groups.
        var folder = SharedData.BeijingAirQuality;
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", folder, "--output", Output, "--time-zone", "Asia/Shanghai", "--quiet",
            "--sensors-per-chunk", "0", "--days-per-chunk", "1000"));
        var files = Directory.GetFiles(Output, "*.parquet", SearchOption.AllDirectories);
        var biggest = files.MaxBy(f => new FileInfo(f).Length)!;
        Assert.True(DuckDb.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{biggest}')") >= 2);
        var glob = Path.Combine(Output, "**", "*.parquet");
        var csv = $"read_csv('{folder}/*.csv', header = true, nullstr = 'NA')";
        Assert.Equal(420_768, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{glob}')"));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM (SELECT sensor_id, timestamp FROM read_parquet('{glob}') GROUP BY ALL HAVING count(*) > 1)"));
        foreach (var column in new[] { "PM10", "TEMP", "wd" })
        {
            Assert.Equal(DuckDb.Scalar<long>($"SELECT count(\"{column}\") FROM {csv}"), DuckDb.Scalar<long>($"SELECT count(\"{column}\") FROM read_parquet('{glob}')"));
        }

        Assert.Equal(DuckDb.Scalar<double>($"SELECT sum(\"PM10\" * \"TEMP\") FROM {csv}"),
            DuckDb.Scalar<double>($"SELECT sum(\"PM10\" * \"TEMP\") FROM read_parquet('{glob}')"), 3);
    }

    [Fact]
    public async Task The_same_input_gives_identical_chunks_and_is_reported_as_already_processed()
    {
        var input = Path.Combine(SharedData.HiveTemperature, "test.csv");
        var state = _temp.Combine("state");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", Output, "--state-dir", state, "--quiet"));
        var second = _temp.Combine("again");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", second, "--state-dir", state, "--quiet"));
        var files = Directory.GetFiles(Output, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Output, f)).Order().ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, Directory.GetFiles(second, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(Output, f)), File.ReadAllBytes(Path.Combine(second, f))));
        Assert.Single(ChunkerRun.Metrics(second)["alreadyProcessed"]!.AsArray());
        Assert.True(ChunkerRun.Manifest(second)["inputs"]![0]!["alreadyProcessed"]!.GetValue<bool>());

        var skipped = _temp.Combine("skipped");
        Assert.Equal(65, await ChunkerRun.RunAsync("--input", input, "--output", skipped, "--state-dir", state, "--skip-processed", "--quiet"));
    }

    [Fact]
    public async Task Rows_grouped_by_sensor_over_the_budget_are_set_aside_not_rewritten_at_every_sensor()
    {
        // Each sensor's whole history in one block, as exports per device come: every block comes back to every day.
        // Over the budget, writing the days early meant reading them back and writing them again for each sensor.
        var lines = Enumerable.Range(0, 50).SelectMany(s => Enumerable.Range(0, 8_000)
            .Select(i => $"s{s},{new DateTime(2024, 1, 1).AddMinutes(5 * i):yyyy-MM-ddTHH:mm},{i % 97},{i % 13},{s}.5"));
        var input = _temp.Combine("grouped.csv");
        await File.WriteAllLinesAsync(input, ["sensor_id,timestamp,a,b,c", .. lines]);
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", Output, "--quiet", "--memory-budget-mb", "1024"));
        var tight = _temp.Combine("tight");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", tight, "--quiet", "--memory-budget-mb", "8"));

        var metrics = ChunkerRun.Metrics(tight);
        var chunks = metrics["chunks"]!.GetValue<int>();
        Assert.True(metrics["spilledBytes"]!.GetValue<long>() > 0, metrics.ToJsonString());
        // Only the chunks written before the input was seen to come back are written twice, once each.
        Assert.InRange(metrics["chunkRewrites"]!.GetValue<int>(), 1, chunks);
        Assert.Equal(0, ChunkerRun.Metrics(Output)["spilledBytes"]!.GetValue<long>());
        var files = Directory.GetFiles(Output, "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(files.Length, Directory.GetFiles(tight, "*.parquet", SearchOption.AllDirectories).Length);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(tight, Path.GetRelativePath(Output, file))));
        }

        Assert.False(Directory.Exists(Path.Combine(tight, ".spill")));
    }

    [Fact]
    public async Task Chunks_written_early_and_merged_later_are_the_same_bytes_as_chunks_written_once()
    {
        // Shuffled rows with duplicates and a tiny budget: chunks are written early, receive more rows, and are read
        // back and rewritten; the result must not differ from keeping everything in memory.
        var random = new Random(11);
        var lines = Enumerable.Range(0, 400_000)
            .Select(i => $"s{i % 50},{new DateTime(2024, 1, 1).AddMinutes(i / 50):yyyy-MM-ddTHH:mm},{i % 97},{i % 13},{i % 7},{i % 5},{i % 3}")
            .Concat(Enumerable.Range(0, 500).Select(i => $"s{i % 50},{new DateTime(2024, 1, 1).AddMinutes(i * 7):yyyy-MM-ddTHH:mm},-1,-1,-1,-1,-1"))
            .OrderBy(_ => random.Next())
            .ToList();
        var input = _temp.Combine("shuffled.csv");
        await File.WriteAllLinesAsync(input, ["sensor_id,timestamp,a,b,c,d,e", .. lines]);
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", Output, "--quiet", "--sensors-per-chunk", "10", "--memory-budget-mb", "1024"));
        var merged = _temp.Combine("merged");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", merged, "--quiet", "--sensors-per-chunk", "10", "--memory-budget-mb", "8"));

        var once = ChunkerRun.Metrics(Output);
        var twice = ChunkerRun.Metrics(merged);
        Assert.Equal(0, once["chunkRewrites"]!.GetValue<int>());
        Assert.True(twice["chunkRewrites"]!.GetValue<int>() > 0);
        ChunkerRun.AssertBalanced(twice);
        Assert.Equal(500, twice["rowsDuplicate"]!.GetValue<long>());
        Assert.Equal(once["rowsWritten"]!.GetValue<long>(), twice["rowsWritten"]!.GetValue<long>());
        var files = Directory.GetFiles(Output, "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(files.Length, Directory.GetFiles(merged, "*.parquet", SearchOption.AllDirectories).Length);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(merged, Path.GetRelativePath(Output, file))));
        }

        Assert.Equal(files.Length, ChunkerRun.Manifest(merged)["outputs"]!.AsArray().Count(o => o!["path"]!.GetValue<string>().EndsWith(".parquet", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Gzip_files_and_http_urls_are_read_like_plain_files()
    {
        var plain = Path.Combine(SharedData.HiveTemperature, "test.csv");
        var gz = _temp.Combine("test.csv.gz");
        await using (var target = File.Create(gz))
        await using (var zip = new GZipStream(target, CompressionLevel.Fastest))
        await using (var source = File.OpenRead(plain))
        {
            await source.CopyToAsync(zip);
        }

        Assert.Equal(0, await ChunkerRun.RunAsync("--input", gz, "--output", Output, "--quiet"));
        var fromGzip = ChunkerRun.Metrics(Output)["rowsWritten"]!.GetValue<long>();
        Assert.Equal(17_073, fromGzip);

        using var server = new HttpListener();
        var port = Random.Shared.Next(20_000, 60_000);
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(async () =>
        {
            var request = await server.GetContextAsync();
            await using (var file = File.OpenRead(plain))
            {
                await file.CopyToAsync(request.Response.OutputStream);
            }

            request.Response.Close();
        });
        var fromUrl = _temp.Combine("from-url");
        // A loopback URL is a private address: allowed here as the server allows it (Engine:AllowPrivateUrls).
        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(
            new Hashtable { ["PIPELINE_ALLOW_PRIVATE_URLS"] = "true" }, "--input", $"http://127.0.0.1:{port}/test.csv", "--output", fromUrl, "--quiet"));
        await serving;
        Assert.Equal(fromGzip, ChunkerRun.Metrics(fromUrl)["rowsWritten"]!.GetValue<long>());
        Assert.Equal(64, ChunkerRun.Manifest(Output)["inputs"]![0]!["sha256"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Options_come_from_environment_and_json_with_the_command_line_winning()
    {
        var input = Path.Combine(SharedData.HiveTemperature, "test.csv");
        var config = _temp.Combine("options.json");
        await File.WriteAllTextAsync(config, $$"""{ "input": ["{{input}}"], "daysPerChunk": 7, "sensorsPerChunk": 5 }""");
        var environment = new Hashtable { ["CHUNKER_SENSORS_PER_CHUNK"] = "0", ["CHUNKER_CONFIG"] = config };
        Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(environment, "--output", Output, "--quiet", "--days-per-chunk", "3"));
        var parameters = ChunkerRun.Manifest(Output)["parameters"]!;
        Assert.Equal(3, parameters["daysPerChunk"]!.GetValue<int>());
        Assert.Equal(0, parameters["sensorsPerChunk"]!.GetValue<int>());
        Assert.All(Directory.GetDirectories(Output, "day_from=*"), d => Assert.Empty(Directory.GetDirectories(d)));
    }

    [Theory]
    [InlineData("trailer cut off", 0, -8)]
    [InlineData("last 3 bytes cut off", 0, -3)]
    [InlineData("cut in the middle", 0, 2)]
    [InlineData("length of the trailer wrong", -2, 0)]
    [InlineData("CRC-32 of the trailer wrong", -6, 0)]
    [InlineData("padding after the end", 0, 512)]
    public async Task A_gzip_input_cut_short_or_whose_check_fails_is_refused_naming_the_file(string damage, int flipAt, int resize)
    {
        var whole = await GzipAsync(await File.ReadAllBytesAsync(Path.Combine(SharedData.HiveTemperature, "test.csv")));
        var bytes = resize switch
        {
            < 0 => whole[..^-resize],
            2 => whole[..(whole.Length / 2)],
            > 0 => [.. whole, .. new byte[resize]],
            _ => (byte[])whole.Clone(),
        };
        if (flipAt < 0)
        {
            bytes[^-flipAt] ^= 0x5a;
        }

        var gz = _temp.Combine("damaged.csv.gz");
        await File.WriteAllBytesAsync(gz, bytes);

        Assert.True(await ChunkerRun.RunAsync("--input", gz, "--output", Output, "--quiet") == StepExitCodes.DataError, damage);
        var error = ChunkerRun.Failure(Output)["error"]!;
        Assert.StartsWith("the gzip data is cut short or corrupt", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(gz, error["file"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(Output, StepOutput.ManifestFileName)));
    }

    [Fact]
    public async Task A_gzip_of_several_members_is_read_whole()
    {
        // `cat a.gz b.gz > both.gz` is a valid gzip (RFC 1952); the check must not take the first member's end for the file's.
        var lines = await File.ReadAllLinesAsync(Path.Combine(SharedData.HiveTemperature, "test.csv"));
        var half = lines.Length / 2;
        var first = await GzipAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines[..half]) + "\n"));
        var second = await GzipAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines[half..]) + "\n"));
        var gz = _temp.Combine("members.csv.gz");
        await File.WriteAllBytesAsync(gz, [.. first, .. second]);

        Assert.Equal(0, await ChunkerRun.RunAsync("--input", gz, "--output", Output, "--quiet"));
        Assert.Equal(17_073, ChunkerRun.Metrics(Output)["rowsWritten"]!.GetValue<long>());
    }

    private static async Task<byte[]> GzipAsync(byte[] content)
    {
        using var compressed = new MemoryStream();
        await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await zip.WriteAsync(content);
        }

        return compressed.ToArray();
    }

    [Fact]
    public async Task A_failed_run_keeps_the_previous_good_output_untouched()
    {
        var input = Path.Combine(SharedData.HiveTemperature, "test.csv");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", Output, "--quiet"));
        var before = ChunkerRun.Manifest(Output).ToJsonString();
        var empty = _temp.Combine("empty.csv");
        await File.WriteAllTextAsync(empty, "");
        Assert.Equal(65, await ChunkerRun.RunAsync("--input", empty, "--output", Output, "--quiet"));
        Assert.Equal(before, ChunkerRun.Manifest(Output).ToJsonString());
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(Output)!, ".chunks.staging-*"));
    }

    public void Dispose() => _temp.Dispose();
}
