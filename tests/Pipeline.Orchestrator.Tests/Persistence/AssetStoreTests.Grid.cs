using Pipeline.Orchestrator.Assets;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>The catalog read whole: every partition's state in a day range for a calendar, and the asset graph's edges.</summary>
public sealed partial class AssetStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task States_lists_every_day_partition_in_a_range_by_state_oldest_first(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Assets;
        await EnsureAsync(store, "readings", "features");
        var days = Days(10);
        await store.RecordAsync([.. days.Select(d => Day("readings", d, "r" + d))], T0, None);
        // A key that is not a day (a model's version) has no place in a calendar.
        await store.RecordAsync([Day("features", days[0], "f"), Day("features", "0003", "v")], T0, None);
        await store.MarkAsync(new PartitionRef("readings", days[4]), PartitionStates.Failed, "exit 65", T0, None);
        await store.MarkAsync(new PartitionRef("readings", days[5]), PartitionStates.Missing, "vanished", T0, None);

        var all = await store.StatesAsync("readings", null, null, None);
        var range = await store.StatesAsync("readings", days[3], days[6], None);

        // Grouped by state (by name, the state index's order), oldest first within each.
        Assert.Equal([days[4], .. days.Where((_, i) => i is not (4 or 5)), days[5]], all.Days.Select(Key));
        Assert.Equal([PartitionStates.Failed, .. Enumerable.Repeat(PartitionStates.Materialized, 8), PartitionStates.Missing], all.States);
        Assert.Equal([days[4], days[3], days[6], days[5]], range.Days.Select(Key));
        Assert.Equal([PartitionStates.Failed, PartitionStates.Materialized, PartitionStates.Materialized, PartitionStates.Missing], range.States);
        Assert.Equal([days[8], days[9]], (await store.StatesAsync("readings", days[8], null, None)).Days.Select(Key));
        Assert.Empty((await store.StatesAsync("nothing", null, null, None)).Days);
        Assert.Equal([days[0]], (await store.StatesAsync("features", null, null, None)).Days.Select(Key));
    }

    private static string Key(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
