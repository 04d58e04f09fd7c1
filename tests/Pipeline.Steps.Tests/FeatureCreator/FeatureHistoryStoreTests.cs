using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class FeatureHistoryStoreTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_corrupt_history_is_moved_aside_and_read_as_empty()
    {
        using var temp = new TempFolder();
        var store = new FeatureHistoryStore(temp.Path, NullLogger.Instance, Clock);
        await File.WriteAllTextAsync(store.Path, "{\"runs\": [ {\"recordedAt\": ");

        var history = await store.LoadAsync(CancellationToken.None);

        Assert.Empty(history.Runs);
        Assert.False(File.Exists(store.Path));
        Assert.True(File.Exists(store.Path + ".corrupt-20240501T120000000Z"));
    }

    [Fact]
    public async Task Appended_runs_round_trip_and_the_history_stays_bounded()
    {
        using var temp = new TempFolder();
        var store = new FeatureHistoryStore(temp.Combine("state", "nested"), NullLogger.Instance, Clock);
        var history = await store.LoadAsync(CancellationToken.None);
        var run = new FeatureRun(Clock.GetUtcNow(), new Dictionary<string, FeatureStat> { ["t_mean"] = new(1.5, null, 1) });
        for (var i = 0; i < FeatureHistoryStore.MaxRuns + 5; i++)
        {
            await store.AppendAsync(run, CancellationToken.None);
            history = await store.LoadAsync(CancellationToken.None);
        }

        Assert.Equal(FeatureHistoryStore.MaxRuns, history.Runs.Count);
        Assert.Equal(new FeatureStat(1.5, null, 1), history.Runs[^1].Features["t_mean"]);
        // No temporary file left behind: the history and the state folder's lock file only.
        Assert.Equal([FeatureHistoryStore.FileName, FolderLock.FileName], Directory.GetFiles(Path.GetDirectoryName(store.Path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Runs_of_one_workflow_at_once_each_add_their_run()
    {
        // Two runs' FeatureCreators load the shared history at their start, and append at their end.
        using var temp = new TempFolder();
        var stores = Enumerable.Range(0, 8).Select(_ => new FeatureHistoryStore(temp.Path, NullLogger.Instance, Clock)).ToList();
        foreach (var store in stores)
        {
            Assert.Empty((await store.LoadAsync(CancellationToken.None)).Runs);
        }

        await Task.WhenAll(stores.Select((store, i) => Task.Run(() => store.AppendAsync(
            new FeatureRun(Clock.GetUtcNow(), new Dictionary<string, FeatureStat> { ["t_mean"] = new(i, null, 1) }), CancellationToken.None))));

        var history = await stores[0].LoadAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (double?)i), history.Runs.Select(r => r.Features["t_mean"].Mean).Order());
    }
}
