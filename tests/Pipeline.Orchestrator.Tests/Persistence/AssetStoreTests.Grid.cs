using Pipeline.Orchestrator.Assets;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>The catalog read whole: every partition's state in a day range for a calendar, and the asset graph's edges.</summary>
public sealed partial class AssetStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task States_lists_every_partition_in_a_day_range_oldest_first_with_its_state(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");
        var days = Days(10);
        await store.RecordAsync([.. days.Select(d => Day("readings", d, "r" + d))], T0, None);
        await store.RecordAsync([Day("features", days[0], "f")], T0, None);
        await store.MarkAsync(new PartitionRef("readings", days[4]), PartitionStates.Failed, "exit 65", T0, None);
        await store.MarkAsync(new PartitionRef("readings", days[5]), PartitionStates.Missing, "vanished", T0, None);

        var all = await store.StatesAsync("readings", null, null, None);
        var range = await store.StatesAsync("readings", days[3], days[6], None);

        Assert.Equal(days, all.Keys);
        Assert.Equal(PartitionStates.Failed, all.States[4]);
        Assert.Equal([days[3], days[4], days[5], days[6]], range.Keys);
        Assert.Equal([PartitionStates.Materialized, PartitionStates.Failed, PartitionStates.Missing, PartitionStates.Materialized], range.States);
        Assert.Equal([days[8], days[9]], (await store.StatesAsync("readings", days[8], null, None)).Keys);
        Assert.Empty((await store.StatesAsync("nothing", null, null, None)).Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Lineage_links_name_each_step_between_two_assets_once_with_its_workflow(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var database = test.Open();
        var store = database.Assets;
        await EnsureAsync(store, "readings", "features", "predictions");
        var run = New("sensor-continuous", T0, [("chunk", []), ("features", ["chunk"])]);
        await database.Runs.CreateRunAsync(run, None);
        var days = Days(3);
        await store.RecordAsync([.. days.Select(d => Day("readings", d, "r" + d, files: [new FileInput("/in.csv", "aa")]) with { RunId = run.Run.Id, StepId = "chunk" })], T0, None);
        await store.RecordAsync([.. days.Select(d => Day("features", d, "f" + d, inputs: [new("readings", d, "r" + d)]) with { RunId = run.Run.Id, StepId = "features" })], T0, None);
        // Made by hand (no server run): the step is known, its workflow is not.
        await store.RecordAsync([Day("predictions", days[0], "p", inputs: [new("features", days[0], "f" + days[0])]) with { RunId = "by-hand", StepId = "predict" }], T0, None);

        var links = await store.LineageLinksAsync(None);

        Assert.Equal(
            [
                new LineageLink("readings", "sensor-continuous", "features", "features"),
                new LineageLink("features", null, "predict", "predictions"),
                new LineageLink(null, "sensor-continuous", "chunk", "readings"),
            ],
            links);
    }
}
