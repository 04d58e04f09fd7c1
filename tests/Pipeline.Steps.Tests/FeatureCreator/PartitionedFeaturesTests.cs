using System.Text.Json.Nodes;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// The FeatureCreator over assets: one features partition per readings partition, the same numbers a whole-run
/// FeatureCreator computes, only changed partitions recomputed, and drift per day against the days before it.
/// </summary>
public sealed class PartitionedFeaturesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Readings => _temp.Combine("assets", "readings");

    private string Features => _temp.Combine("assets", "features");

    [Fact]
    public async Task Each_day_gets_the_features_a_whole_run_computes_for_it()
    {
        var input = Path.Combine(SharedData.BeijingAirQuality, "PRSA_Data_Aotizhongxin_20130301-20170228.csv");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", _temp.Combine("chunk"), "--asset-dir", Readings, "--time-zone", "Asia/Shanghai", "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("features"), "--asset-dir", Features, "--quiet"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", _temp.Combine("whole-chunks"), "--time-zone", "Asia/Shanghai", "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", _temp.Combine("whole-chunks"), "--output", _temp.Combine("whole"), "--quiet"));

        Assert.Equal(1461, AssetLayout.Days(Features).Count);
        var partitioned = $"read_parquet('{Features}/*/features.parquet')";
        var whole = $"read_parquet('{_temp.Combine("whole", "features.parquet")}')";
        Assert.Equal(0L, DuckDb.Scalar<long>(
            $"SELECT count(*) FROM ((SELECT * FROM {partitioned} EXCEPT SELECT * FROM {whole}) UNION ALL (SELECT * FROM {whole} EXCEPT SELECT * FROM {partitioned}))"));
        Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) FROM {whole}"), DuckDb.Scalar<long>($"SELECT count(*) FROM {partitioned}"));
    }

    [Fact]
    public async Task Late_readings_recompute_exactly_their_days()
    {
        await IngestAsync("history", Rows(days: 10, sensors: 4));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f1"), "--asset-dir", Features, "--quiet"));
        var before = Hashes(Features);

        await IngestAsync("late", ["late-1,2024-01-03T10:00:00Z,7", "late-1,2024-01-08T10:00:00Z,7", "late-1,2024-01-09T10:00:00Z,7"]);
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f2"), "--asset-dir", Features, "--quiet"));

        var metrics = Manifest("f2")["metrics"]!;
        Assert.Equal(3, metrics["partitionsComputed"]!.GetValue<int>());
        Assert.Equal(7, metrics["partitionsUpToDate"]!.GetValue<int>());
        var after = Hashes(Features);
        Assert.Equal(["2024-01-03", "2024-01-08", "2024-01-09"], after.Where(p => before[p.Key] != p.Value).Select(p => p.Key));

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f3"), "--asset-dir", Features, "--quiet"));
        Assert.Equal(0, Manifest("f3")["metrics"]!["partitionsComputed"]!.GetValue<int>());
        Assert.Empty(Manifest("f3")["assets"]![0]!["partitions"]!.AsArray());
    }

    [Fact]
    public async Task The_manual_policy_leaves_changed_days_stale_and_still_makes_new_ones()
    {
        await IngestAsync("history", Rows(days: 5, sensors: 2));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f1"), "--asset-dir", Features, "--quiet"));
        var before = Hashes(Features);

        await IngestAsync("late-and-new", ["late-1,2024-01-02T10:00:00Z,7", "s0,2024-01-06T10:00:00Z,50"]);
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("manual"), "--asset-dir", Features, "--policy", "manual", "--quiet"));

        var metrics = Manifest("manual")["metrics"]!;
        Assert.Equal(["2024-01-02"], metrics["partitionsLeftStale"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["2024-01-06"], Manifest("manual")["assets"]![0]!["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal(before["2024-01-02"], Hashes(Features)["2024-01-02"]);

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("eager"), "--asset-dir", Features, "--quiet"));
        Assert.Equal(["2024-01-02"], Manifest("eager")["assets"]![0]!["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.NotEqual(before["2024-01-02"], Hashes(Features)["2024-01-02"]);
        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("bad"), "--asset-dir", Features, "--policy", "later", "--quiet"));
    }

    [Fact]
    public async Task Each_day_drifts_against_the_days_before_it()
    {
        // Nine quiet days, then a day whose values are ten times higher.
        var rows = Rows(days: 9, sensors: 3).Concat(["s0,2024-01-10T01:00:00Z,500", "s1,2024-01-10T01:00:00Z,510", "s2,2024-01-10T02:00:00Z,490"]);
        await IngestAsync("history", rows);

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f"), "--asset-dir", Features, "--drift-window", "5", "--quiet"));

        var metrics = Manifest("f")["metrics"]!;
        Assert.Equal(5, metrics["drift"]!["value_mean"]!["baselineRuns"]!.GetValue<int>());
        Assert.True(metrics["drift"]!["value_mean"]!["drifted"]!.GetValue<bool>());
        Assert.Contains("value_mean", metrics["driftedByPartition"]!["2024-01-10"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task A_drift_gate_publishes_the_day_then_blocks_until_overridden()
    {
        var rows = Rows(days: 9, sensors: 3).Concat(["s0,2024-01-10T01:00:00Z,500", "s1,2024-01-10T01:00:00Z,510", "s2,2024-01-10T02:00:00Z,490"]);
        await IngestAsync("history", rows);
        string[] args = ["--input", Readings, "--asset-dir", Features, "--drift-gate", "--quiet"];

        Assert.Equal(StepExitCodes.GateBlocked, await FeatureCreatorRun.RunAsync([.. args, "--output", _temp.Combine("blocked")]));

        var blocked = Manifest("blocked");
        Assert.Equal("blocked", blocked["status"]!.GetValue<string>());
        Assert.StartsWith("drift gate: ", blocked["gate"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("value_mean (z = ", blocked["gate"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(10, AssetLayout.Days(Features).Count);

        // The same day again, with the server's override: the gate is recorded as overridden and the step succeeds.
        await IngestAsync("one-more", ["s0,2024-01-10T03:00:00Z,505"]);
        var overridden = await StepRun.RunAsync<Steps.FeatureCreator.FeatureCreatorOptions>(FeatureCreatorRun.Step, Steps.FeatureCreator.FeatureCreatorStep.RunAsync,
            new System.Collections.Hashtable { [GateOverride.EnvironmentVariable] = "ada: the sensors were recalibrated" }, [.. args, "--output", _temp.Combine("overridden")]);
        Assert.Equal(0, overridden);
        Assert.Equal("succeeded", Manifest("overridden")["status"]!.GetValue<string>());
        Assert.Equal("ada: the sensors were recalibrated", Manifest("overridden")["gate"]!["overriddenBy"]!.GetValue<string>());
        Assert.False(Manifest("overridden")["gate"]!["blocked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_partition_asked_for_by_name_is_made_again_alone_even_when_up_to_date()
    {
        await IngestAsync("history", Rows(days: 4, sensors: 2));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f1"), "--asset-dir", Features, "--quiet"));
        var before = Hashes(Features);

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("one"), "--asset-dir", Features, "--partition", "2024-01-03", "--quiet"));

        var metrics = Manifest("one")["metrics"]!;
        Assert.Equal(1, metrics["partitionsComputed"]!.GetValue<int>());
        Assert.Equal(["2024-01-03"], Manifest("one")["assets"]![0]!["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        // The same readings give the same features: made again, the day's content is what it was.
        Assert.Equal(before, Hashes(Features));
        Assert.Equal(StepExitCodes.NoInput, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("none"), "--asset-dir", Features, "--partition", "2024-02-01", "--quiet"));
        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("bad"), "--asset-dir", Features, "--partition", "2024-1-3", "--quiet"));
        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("no-asset"), "--partition", "2024-01-03", "--quiet"));
    }

    [Fact]
    public async Task A_folder_that_is_not_an_asset_is_refused_as_input()
    {
        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", SharedData.BeijingAirQuality, "--output", _temp.Combine("f"), "--asset-dir", Features, "--quiet"));
        Assert.False(Directory.Exists(Features) && AssetLayout.Days(Features).Count > 0);
    }

    public void Dispose() => _temp.Dispose();

    private async Task IngestAsync(string name, IEnumerable<string> rows)
    {
        var file = _temp.Combine(name + ".csv");
        await File.WriteAllTextAsync(file, "sensor_id,timestamp,value\n" + string.Join("\n", rows) + "\n");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", file, "--output", _temp.Combine("chunk-" + name), "--asset-dir", Readings, "--quiet"));
    }

    private JsonObject Manifest(string run) => ChunkerRun.Manifest(_temp.Combine(run));

    private static SortedDictionary<string, string> Hashes(string asset) =>
        new(AssetLayout.Days(asset).ToDictionary(AssetLayout.Key, d => PartitionContent.Sha256(AssetLayout.PartitionFolder(asset, AssetLayout.Key(d)))!), StringComparer.Ordinal);

    /// <summary>Hourly readings around 50 for each sensor and day from 2024-01-01.</summary>
    private static IEnumerable<string> Rows(int days, int sensors)
    {
        var random = new Random(days * 100 + sensors);
        for (var d = 0; d < days; d++)
        {
            for (var s = 0; s < sensors; s++)
            {
                for (var h = 0; h < 24; h++)
                {
                    yield return $"s{s},{new DateTime(2024, 1, 1 + d, h, 0, 0, DateTimeKind.Utc):yyyy-MM-ddTHH:mm:ssZ},{50 + random.NextDouble():0.###}";
                }
            }
        }
    }
}
