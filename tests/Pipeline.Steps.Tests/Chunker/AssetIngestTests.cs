using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The Chunker merging runs into a shared asset (<c>--asset-dir</c>): incremental ingest gives what one ingest of
/// everything gives, the same data twice changes nothing, late rows replace exactly their days, and a run that does
/// not fit the asset is refused before it writes.
/// </summary>
public sealed class AssetIngestTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Ingesting_shuffled_parts_one_after_another_gives_the_partitions_one_ingest_of_everything_gives()
    {
        var rows = Readings(sensors: 40, days: 6, seed: 1);
        var parts = Split(rows, 3, seed: 2);
        var incremental = _temp.Combine("incremental", "readings");
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(0, await IngestAsync(Write($"part{i}.csv", parts[i]), incremental, $"run{i}"));
        }

        var whole = _temp.Combine("whole", "readings");
        Assert.Equal(0, await IngestAsync(Write("all.csv", rows), whole, "all"));

        var days = AssetLayout.Days(whole);
        Assert.Equal(AssetLayout.Days(incremental), days);
        Assert.Equal(6, days.Count);
        foreach (var day in days)
        {
            var key = AssetLayout.Key(day);
            Assert.Equal(PartitionContent.Sha256(AssetLayout.PartitionFolder(whole, key)), PartitionContent.Sha256(AssetLayout.PartitionFolder(incremental, key)));
        }

        Assert.Equal(rows.Count, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{incremental}/**/*.parquet', hive_partitioning = true) WHERE day = date"));
    }

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_says_so()
    {
        var asset = _temp.Combine("readings");
        var input = Write("day.csv", Readings(sensors: 5, days: 2, seed: 3));
        Assert.Equal(0, await IngestAsync(input, asset, "first"));
        var before = Snapshot(asset);

        Assert.Equal(0, await IngestAsync(input, asset, "second"));

        var metrics = ChunkerRun.Metrics(_temp.Combine("second"));
        Assert.Equal(0, metrics["asset"]!["rowsAdded"]!.GetValue<long>());
        Assert.Equal(metrics["rowsWritten"]!.GetValue<long>(), metrics["asset"]!["rowsAlreadyInAsset"]!.GetValue<long>());
        Assert.All(Partitions("second"), p => Assert.Equal("unchanged", p["change"]!.GetValue<string>()));
        Assert.Equal(before, Snapshot(asset));
    }

    [Fact]
    public async Task Late_rows_replace_exactly_their_days_and_keep_what_the_asset_had()
    {
        var asset = _temp.Combine("readings");
        var history = Readings(sensors: 8, days: 10, seed: 4);
        Assert.Equal(0, await IngestAsync(Write("history.csv", history), asset, "history"));
        var before = Snapshot(asset);

        // A new sensor on days 3 and 7, plus a day-5 row of an old sensor with another value: the asset's row stays.
        var late = new List<string>
        {
            "s-new,2024-01-03T10:00:00Z,1.5,2.5",
            "s-new,2024-01-07T11:30:00Z,1.5,2.5",
            history.First(r => r.Contains("2024-01-05T", StringComparison.Ordinal)).Split(',')[0] + "," + history.First(r => r.Contains("2024-01-05T", StringComparison.Ordinal)).Split(',')[1] + ",999,999",
        };
        Assert.Equal(0, await IngestAsync(Write("late.csv", late), asset, "late"));

        var changes = Partitions("late").ToDictionary(p => p["key"]!.GetValue<string>(), p => p["change"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["2024-01-03"] = "replaced", ["2024-01-05"] = "unchanged", ["2024-01-07"] = "replaced" }, changes);
        var after = Snapshot(asset);
        Assert.Equal(before.Where(p => p.Key is not ("day=2024-01-03" or "day=2024-01-07")), after.Where(p => p.Key is not ("day=2024-01-03" or "day=2024-01-07")));
        Assert.Equal(history.Count + 2, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{asset}/**/*.parquet')"));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{asset}/**/*.parquet') WHERE a = 999"));
    }

    [Fact]
    public async Task A_file_with_other_columns_is_refused_naming_them_before_anything_is_written()
    {
        var asset = _temp.Combine("readings");
        Assert.Equal(0, await IngestAsync(Write("history.csv", Readings(sensors: 3, days: 2, seed: 5)), asset, "history"));
        var before = Snapshot(asset);
        var other = Write("other.csv", ["s1,2024-01-09T00:00:00Z,1,humid"], header: "sensor_id,timestamp,a,c");

        Assert.Equal(StepExitCodes.DataError, await IngestAsync(other, asset, "other"));

        var message = ChunkerRun.Failure(_temp.Combine("other"))["error"]!["message"]!.GetValue<string>();
        Assert.Contains("'b' (double) is in the asset but not in the input", message, StringComparison.Ordinal);
        Assert.Contains("'c' (string) is in the input but not in the asset", message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(asset));
    }

    [Fact]
    public async Task Days_of_another_time_zone_are_refused()
    {
        var asset = _temp.Combine("readings");
        Assert.Equal(0, await IngestAsync(Write("history.csv", Readings(sensors: 2, days: 1, seed: 6)), asset, "history"));

        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync(
            "--input", Write("more.csv", ["s1,2024-01-02T00:00:00Z,1,2"]), "--output", _temp.Combine("tz"), "--asset-dir", asset, "--time-zone", "Europe/Berlin", "--quiet"));
        Assert.Contains("calendar days of UTC, not Europe/Berlin", ChunkerRun.Failure(_temp.Combine("tz"))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_into_one_asset_at_once_take_turns_and_lose_no_row()
    {
        var asset = _temp.Combine("readings");
        var first = Readings(sensors: 150, days: 4, seed: 7, prefix: "a");
        var second = Readings(sensors: 150, days: 4, seed: 8, prefix: "b");
        var inputs = new[] { Write("a.csv", first), Write("b.csv", second) };

        var codes = await Task.WhenAll(inputs.Select((input, i) => Task.Run(() => IngestAsync(input, asset, $"concurrent{i}"))));

        Assert.Equal([0, 0], codes);
        Assert.Equal(first.Count + second.Count, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{asset}/**/*.parquet')"));
        Assert.Equal(300L, DuckDb.Scalar<long>($"SELECT count(DISTINCT sensor_id) FROM read_parquet('{asset}/**/*.parquet')"));
    }

    [Fact]
    public async Task A_run_waits_while_another_holds_the_asset_and_then_lands()
    {
        var asset = _temp.Combine("readings");
        var input = Write("day.csv", Readings(sensors: 3, days: 1, seed: 9));
        Task<int> run;
        using (FolderLock.Acquire(Path.Combine(asset, AssetLayout.MetadataFolder)))
        {
            run = Task.Run(() => IngestAsync(input, asset, "waiting"));
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.False(run.IsCompleted);
            Assert.Empty(AssetLayout.Days(asset));
        }

        Assert.Equal(0, await run);
        Assert.Single(AssetLayout.Days(asset));
    }

    public void Dispose() => _temp.Dispose();

    private Task<int> IngestAsync(string input, string asset, string run) =>
        ChunkerRun.RunAsync("--input", input, "--output", _temp.Combine(run), "--asset-dir", asset, "--quiet");

    private IEnumerable<JsonObject> Partitions(string run) =>
        ChunkerRun.Manifest(_temp.Combine(run))["assets"]![0]!["partitions"]!.AsArray().Select(p => p!.AsObject());

    /// <summary>Each partition folder's content hash, by folder name.</summary>
    private static SortedDictionary<string, string> Snapshot(string asset) =>
        new(AssetLayout.Days(asset).ToDictionary(d => AssetLayout.PartitionFolderName(d), d => PartitionContent.Sha256(AssetLayout.PartitionFolder(asset, AssetLayout.Key(d)))!), StringComparer.Ordinal);

    private string Write(string name, IEnumerable<string> rows, string header = "sensor_id,timestamp,a,b")
    {
        var path = _temp.Combine(name);
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n", Encoding.UTF8);
        return path;
    }

    /// <summary>Rows of many sensors at irregular times (every 3 to 17 minutes), in a random order.</summary>
    private static List<string> Readings(int sensors, int days, int seed, string prefix = "s")
    {
        var random = new Random(seed);
        var rows = new List<string>();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var s = 0; s < sensors; s++)
        {
            for (var t = start.AddSeconds(random.Next(600)); t < start.AddDays(days); t = t.AddSeconds(random.Next(180, 1020)))
            {
                var a = random.Next(2) == 0 ? "" : (random.NextDouble() * 100).ToString("0.###", CultureInfo.InvariantCulture);
                rows.Add($"{prefix}{s},{t:yyyy-MM-ddTHH:mm:ssZ},{a},{random.Next(1000).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return [.. rows.OrderBy(_ => random.Next())];
    }

    private static List<List<string>> Split(List<string> rows, int parts, int seed)
    {
        var random = new Random(seed);
        var split = Enumerable.Range(0, parts).Select(_ => new List<string>()).ToList();
        foreach (var row in rows)
        {
            split[random.Next(parts)].Add(row);
        }

        return split;
    }
}
