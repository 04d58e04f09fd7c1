using System.Globalization;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>
/// The partition catalog on both engines: recording partitions with their inputs by content hash, lineage both
/// ways, exactly the partitions that read other content turning stale, recording twice changing nothing, and
/// keyset paging of partitions newest first.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed partial class AssetStoreTests(PostgresFixture postgres)
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
            [Day("readings", "2013-03-01", "r1", files: [new FileInput("/data/in/a.csv", "aa")]), Day("readings", "2013-03-02", "r2", files: [new FileInput("/data/in/a.csv", "aa")])], T0, None);
        var features = await store.RecordAsync(
            [Day("features", "2013-03-01", "f1", inputs: [new("readings", "2013-03-01", "r1")]), Day("features", "2013-03-02", "f2", inputs: [new("readings", "2013-03-02", "r2")])], T0.AddMinutes(1), None);

        // Late data for the 1st: its readings get new content, and only the features made from the old content go stale.
        var late = await store.RecordAsync([Day("readings", "2013-03-01", "r1-late", files: [new FileInput("/data/in/late.csv", "bb")])], T0.AddMinutes(2), None);

        Assert.Equal(1, late[0].MadeStale);
        var page = await store.ListPartitionsAsync(new PartitionQuery("features"), None);
        Assert.Equal([("2013-03-02", PartitionStates.Materialized), ("2013-03-01", PartitionStates.Stale)], page.Partitions.Select(p => (p.PartitionKey, p.State)));
        Assert.Equal("input readings/2013-03-01 was materialized again", page.Partitions[1].Reason);
        Assert.Equal(features[0].Current.Id, page.Partitions[1].Current!.Id);
        Assert.Equal(new Dictionary<string, long> { [PartitionStates.Materialized] = 2 }, await store.CountByStateAsync("readings", None));

        var upstream = Assert.Single(await store.UpstreamAsync(features[0].Current.Id, None));
        Assert.Equal(new PartitionRead("readings", "2013-03-01", "r1"), upstream.Partition);
        Assert.Equal(readings[0].Current.Id, upstream.Materialization!.Id);
        Assert.Equal([new FileInput("/data/in/late.csv", "bb")], (await store.UpstreamAsync(late[0].Current.Id, None)).Select(i => i.File));
        Assert.Equal([features[0].Current.Id], (await store.DownstreamAsync(readings[0].Current.Id, None)).Select(m => m.Id));
        Assert.Empty(await store.DownstreamAsync(late[0].Current.Id, None));
        Assert.Equal([late[0].Current.Id, readings[0].Current.Id], (await store.HistoryAsync(new("readings", "2013-03-01"), None)).Select(m => m.Id));

        // Made again from the late readings: materialized, and its lineage names them.
        var remade = await store.RecordAsync([Day("features", "2013-03-01", "f1-late", inputs: [new("readings", "2013-03-01", "r1-late")])], T0.AddMinutes(3), None);
        Assert.Equal(late[0].Current.Id, Assert.Single(await store.UpstreamAsync(remade[0].Current.Id, None)).Materialization!.Id);
        Assert.Equal(PartitionStates.Materialized, (await store.GetPartitionAsync(new("features", "2013-03-01"), None))!.State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_partitions_scored_by_a_model_file_are_those_whose_current_content_read_it_with_the_image_that_made_them(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "predictions");
        var v1File = new FileInput("/registry/versions/0001/model.zip", "model-v1");
        var v2File = new FileInput("/registry/versions/0002/model.zip", "model-v2");
        var days = Enumerable.Range(1, 5).Select(d => $"2013-03-{d:00}").ToList();
        await store.RecordAsync([.. days.Select(d => Day("predictions", d, "p-" + d, files: [v1File]) with { ImageDigest = "sha256:abc" })], T0, None);

        // Days 4 and 5 predicted again by version 2: version 1 keeps days 1 to 3 (its older rows stay in history).
        await store.RecordAsync([.. days.Skip(3).Select(d => Day("predictions", d, "p2-" + d, files: [v2File]))], T0.AddMinutes(1), None);

        var v1 = await store.ReadersOfFileAsync("model-v1", 2, None);
        var v2 = await store.ReadersOfFileAsync("model-v2", 100, None);
        Assert.Equal(3, v1.Total);
        Assert.Equal(["2013-03-03", "2013-03-02"], v1.Partitions.Select(p => p.PartitionKey));
        Assert.Equal(2, v2.Total);
        Assert.Equal(["2013-03-05", "2013-03-04"], v2.Partitions.Select(p => p.PartitionKey));
        var none = await store.ReadersOfFileAsync("model-v3", 10, None);
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Partitions);
        Assert.Equal("sha256:abc", v1.Partitions[0].Current!.ImageDigest);
        Assert.Null(v2.Partitions[0].Current!.ImageDigest);
        Assert.Equal(["sha256:abc", null], (await store.HistoryAsync(new("predictions", "2013-03-05"), None)).Select(m => m.ImageDigest).Reverse());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Recording_the_same_content_again_changes_nothing_and_other_content_is_a_new_materialization(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");
        var first = await store.RecordAsync([Day("readings", "2013-03-01", "r1")], T0, None);
        await store.RecordAsync([Day("features", "2013-03-01", "f1", inputs: [new("readings", "2013-03-01", "r1")])], T0, None);

        // A retry reporting the partition unchanged, or the same manifest read twice.
        var again = await store.RecordAsync([Day("readings", "2013-03-01", "r1") with { RunId = "run-2" }], T0.AddMinutes(1), None);

        Assert.Equal((first[0].Current.Id, false, 0), (again[0].Current.Id, again[0].Created, again[0].MadeStale));
        Assert.Single(await store.HistoryAsync(new("readings", "2013-03-01"), None));
        Assert.Equal(PartitionStates.Materialized, (await store.GetPartitionAsync(new("features", "2013-03-01"), None))!.State);

        // Reported unchanged by a retry, but with other bytes than the catalog knows (swapped in before a crash).
        var swapped = await store.RecordAsync([Day("readings", "2013-03-01", "r1-swapped")], T0.AddMinutes(2), None);
        Assert.True(swapped[0].Created);
        Assert.Equal(2, (await store.HistoryAsync(new("readings", "2013-03-01"), None)).Count);
        Assert.Equal(PartitionStates.Stale, (await store.GetPartitionAsync(new("features", "2013-03-01"), None))!.State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Late_data_for_three_old_days_marks_exactly_those_three_days_downstream_stale(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");
        var days = Days(10);
        await store.RecordAsync([.. days.Select(d => Day("readings", d, "r" + d))], T0, None);
        await store.RecordAsync([.. days.Select(d => Day("features", d, "f" + d, inputs: [new("readings", d, "r" + d)]))], T0, None);

        // One run re-writes all ten days, three of them with late rows: the seven others come back with equal bytes.
        string[] late = [days[1], days[4], days[6]];
        await store.RecordAsync([.. days.Select(d => Day("readings", d, late.Contains(d) ? "late" + d : "r" + d))], T0.AddHours(1), None);

        Assert.Equal(new Dictionary<string, long> { [PartitionStates.Materialized] = 7, [PartitionStates.Stale] = 3 }, await store.CountByStateAsync("features", None));
        var stale = await store.ListPartitionsAsync(new PartitionQuery("features", State: PartitionStates.Stale), None);
        Assert.Equal(late.Reverse(), stale.Partitions.Select(p => p.PartitionKey));
        var summary = Assert.Single(await store.SummariesAsync(None), s => s.Asset.Name == "features");
        Assert.Equal((days[^1], T0, T0.AddHours(1)), (summary.NewestMaterialized, summary.LastMaterializedAt, summary.OldestStaleSince));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_step_s_partitions_are_recorded_all_or_none(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "features");

        // The second names an asset the catalog does not have: the first is not recorded either.
        await Assert.ThrowsAnyAsync<Exception>(() => store.RecordAsync([Day("features", "2013-03-01", "f1"), Day("unknown", "2013-03-02", "u")], T0, None));

        Assert.Empty((await store.ListPartitionsAsync(new PartitionQuery("features"), None)).Partitions);
        Assert.Empty(await store.HistoryAsync(new("features", "2013-03-01"), None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Partitions_page_by_key_newest_first_with_state_and_range_filters(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings");
        var days = Days(25);
        await store.RecordAsync([.. days.Select(d => Day("readings", d, "r" + d))], T0, None);
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

        Assert.Equal(Enumerable.Reverse(days), keys);
        var failed = Assert.Single((await store.ListPartitionsAsync(new PartitionQuery("readings", State: PartitionStates.Failed), None)).Partitions);
        Assert.Equal((days[3], "exit 65"), (failed.PartitionKey, failed.Reason));
        // A failed partition still shows its last good materialization.
        Assert.NotNull(failed.Current);
        Assert.Equal([days[7], days[6], days[5]], (await store.ListPartitionsAsync(new PartitionQuery("readings", From: days[5], To: days[7]), None)).Partitions.Select(p => p.PartitionKey));
        Assert.Null(await store.GetPartitionAsync(new("readings", "2099-01-01"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkAsync(new PartitionRef("readings", days[0]), PartitionStates.Materialized, "no", T0, None));
    }

    private static List<string> Days(int count) =>
        [.. Enumerable.Range(0, count).Select(d => new DateOnly(2013, 3, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    private static async Task EnsureAsync(IAssetStore store, params string[] names)
    {
        foreach (var name in names)
        {
            await store.EnsureAssetAsync(new AssetRecord(name, AssetRecord.ByDay, "UTC", T0), None);
        }
    }

    private static NewMaterialization Day(string asset, string day, string hash, PartitionRead[]? inputs = null, FileInput[]? files = null) => new()
    {
        Asset = asset,
        PartitionKey = day,
        RunId = "run-1",
        StepId = asset,
        Attempt = 1,
        ProgramVersion = "1.0.0",
        Rows = 10,
        ContentSha256 = hash,
        InputPartitions = inputs ?? [],
        InputFiles = files ?? [],
    };
}
