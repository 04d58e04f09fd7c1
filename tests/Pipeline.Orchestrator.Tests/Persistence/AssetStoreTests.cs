using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>
/// The partition catalog on both engines: recording partitions with their inputs, lineage both ways, exactly the
/// partitions made from a re-made one turning stale, and keyset paging of partitions.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class AssetStoreTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Re_made_input_partitions_turn_exactly_their_downstream_stale_and_lineage_reads_both_ways(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");

        var readings = await store.RecordAsync(
            [Day("readings", "2013-03-01", files: [new FileInput("/data/in/a.csv", "aa")]), Day("readings", "2013-03-02", files: [new FileInput("/data/in/a.csv", "aa")])], T0, None);
        var features = await store.RecordAsync(
            [Day("features", "2013-03-01", inputs: [new("readings", "2013-03-01")]), Day("features", "2013-03-02", inputs: [new("readings", "2013-03-02")])], T0.AddMinutes(1), None);

        // Late data for the 1st: its readings are made again, and only the features made from the old ones go stale.
        var late = await store.RecordAsync([Day("readings", "2013-03-01", files: [new FileInput("/data/in/late.csv", "bb")])], T0.AddMinutes(2), None);

        var page = await store.ListPartitionsAsync(new PartitionQuery("features"), None);
        Assert.Equal([("2013-03-01", PartitionStates.Stale), ("2013-03-02", PartitionStates.Materialized)], page.Partitions.Select(p => (p.PartitionKey, p.State)));
        Assert.Equal("input readings/2013-03-01 was materialized again", page.Partitions[0].Reason);
        Assert.Equal(features[0].Id, page.Partitions[0].Current!.Id);
        Assert.Equal(new Dictionary<string, long> { [PartitionStates.Materialized] = 2 }, await store.CountByStateAsync("readings", None));

        var upstream = Assert.Single(await store.UpstreamAsync(features[0].Id, None));
        Assert.Equal(readings[0].Id, upstream.Materialization!.Id);
        Assert.Equal([new FileInput("/data/in/late.csv", "bb")], (await store.UpstreamAsync(late[0].Id, None)).Select(i => i.File));
        Assert.Equal([features[0].Id], (await store.DownstreamAsync(readings[0].Id, None)).Select(m => m.Id));
        Assert.Empty(await store.DownstreamAsync(late[0].Id, None));

        // Made again from the late readings: materialized, and its lineage names them.
        var remade = await store.RecordAsync([Day("features", "2013-03-01", inputs: [new("readings", "2013-03-01")])], T0.AddMinutes(3), None);
        Assert.Equal(late[0].Id, Assert.Single(await store.UpstreamAsync(remade[0].Id, None)).Materialization!.Id);
        Assert.Equal(PartitionStates.Materialized, (await store.ListPartitionsAsync(new PartitionQuery("features", To: "2013-03-01"), None)).Partitions.Single().State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_step_s_partitions_are_recorded_all_or_none(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(
            [Day("features", "2013-03-01"), Day("features", "2013-03-02", inputs: [new("readings", "2013-03-02")])], T0, None));

        Assert.StartsWith("input partition readings/2013-03-02 has never been materialized", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await store.ListPartitionsAsync(new PartitionQuery("features"), None)).Partitions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Partitions_page_by_key_with_state_and_range_filters(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings");
        var days = Enumerable.Range(0, 25).Select(d => new DateOnly(2013, 3, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await store.RecordAsync([.. days.Select(d => Day("readings", d))], T0, None);
        await store.MarkAsync(new PartitionRef("readings", days[3]), PartitionStates.Failed, "exit 65", T0.AddMinutes(1), None);

        var keys = new List<string>();
        string? after = null;
        do
        {
            var page = await store.ListPartitionsAsync(new PartitionQuery("readings", After: after, Limit: 10), None);
            keys.AddRange(page.Partitions.Select(p => p.PartitionKey));
            after = page.NextAfter;
        }
        while (after is not null);

        Assert.Equal(days, keys);
        var failed = Assert.Single((await store.ListPartitionsAsync(new PartitionQuery("readings", State: PartitionStates.Failed), None)).Partitions);
        Assert.Equal((days[3], "exit 65"), (failed.PartitionKey, failed.Reason));
        // A failed partition still shows its last good materialization.
        Assert.NotNull(failed.Current);
        Assert.Equal(days[5..8], (await store.ListPartitionsAsync(new PartitionQuery("readings", From: days[5], To: days[7]), None)).Partitions.Select(p => p.PartitionKey));
        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkAsync(new PartitionRef("readings", days[0]), PartitionStates.Materialized, "no", T0, None));
    }

    private static async Task EnsureAsync(IAssetStore store, params string[] names)
    {
        foreach (var name in names)
        {
            await store.EnsureAssetAsync(new AssetRecord(name, AssetRecord.ByDay, "UTC", T0), None);
        }
    }

    private static NewMaterialization Day(string asset, string day, PartitionRef[]? inputs = null, FileInput[]? files = null) => new()
    {
        Asset = asset,
        PartitionKey = day,
        RunId = "run-1",
        StepId = asset,
        Attempt = 1,
        ProgramVersion = "1.0.0",
        Rows = 10,
        ContentSha256 = new string('0', 64),
        InputPartitions = inputs ?? [],
        InputFiles = files ?? [],
    };
}
