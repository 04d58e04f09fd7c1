using Pipeline.Steps.ClusterTrain.Training;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// Each new version measured against production on its own training rows: the adjusted Rand index, the share of
/// rows whose stable cluster changed, each cluster's centroid shift; in the manifest and on the version; and a
/// version that reshuffles more rows than <c>--max-moved-share</c> allows is kept as a candidate.
/// </summary>
public sealed class ClusterStabilityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Registry => _temp.Combine("registry");

    [Fact]
    public void The_adjusted_rand_index_matches_its_definition_on_known_cases()
    {
        // The two examples scikit-learn documents for adjusted_rand_score.
        Assert.Equal(0.2424242424, StabilityMeasure.AdjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 2, 3), 9);
        Assert.Equal(0.5714285714, StabilityMeasure.AdjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2], 2, 3), 9);
        // The same grouping under other ids is perfect agreement; one cluster each is agreement too.
        Assert.Equal(1, StabilityMeasure.AdjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1], 3, 3), 12);
        Assert.Equal(1, StabilityMeasure.AdjustedRandIndex([0, 0, 0], [0, 0, 0], 1, 1));
    }

    [Fact]
    public async Task A_version_on_the_same_blobs_moves_nothing_and_one_on_moved_blobs_is_held_back_by_the_limit()
    {
        var first = await SyntheticFeatures.WriteAsync(_temp.Combine("f1.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 5);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", first, "--output", _temp.Combine("t1"), "--registry", Registry, "--quiet"));
        Assert.Null(ClusterTrainRun.Registered(_temp.Combine("t1")).Stability);

        // New readings of the same four blobs.
        var same = await SyntheticFeatures.WriteAsync(_temp.Combine("f2.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 6);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", same, "--output", _temp.Combine("t2"), "--registry", Registry, "--max-moved-share", "0.05", "--quiet"));
        var steady = ClusterTrainRun.Registered(_temp.Combine("t2"));
        Assert.Equal((1, 800L), (steady.Stability!.AgainstVersion, steady.Stability.Rows));
        Assert.InRange(steady.Stability.AdjustedRandIndex, 0.99, 1);
        Assert.InRange(steady.Stability.MovedShare, 0, 0.01);
        Assert.Equal([0, 1, 2, 3], steady.Stability.ClusterShifts.Select(s => s.Cluster));
        Assert.All(steady.Stability.ClusterShifts, s => Assert.InRange(s.Shift, 0, 0.1));
        Assert.True(steady.Promotion.Promoted, steady.Promotion.Reason);
        Assert.Contains("of rows changed cluster (limit 5.0%)", steady.Promotion.Reason, StringComparison.Ordinal);

        // The blobs moved by half their spacing: about half the rows fall to another cluster of production's.
        var moved = await SyntheticFeatures.WriteAsync(_temp.Combine("f3.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 7, shift: 5);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", moved, "--output", _temp.Combine("t3"), "--registry", Registry, "--max-moved-share", "0.05", "--max-degradation", "1000", "--quiet"));
        var reshuffled = ClusterTrainRun.Registered(_temp.Combine("t3"));
        Assert.Equal(2, reshuffled.Stability!.AgainstVersion);
        Assert.InRange(reshuffled.Stability.MovedShare, 0.2, 1);
        Assert.InRange(reshuffled.Stability.AdjustedRandIndex, -0.5, 0.8);
        Assert.All(reshuffled.Stability.ClusterShifts, s => Assert.True(s.Shift > 0.5, $"cluster {s.Cluster} moved {s.Shift}"));
        Assert.False(reshuffled.Promotion.Promoted);
        Assert.EndsWith("of rows changed cluster (limit 5.0%): kept as a candidate", reshuffled.Promotion.Reason, StringComparison.Ordinal);
        Assert.Equal(2, new ModelRegistry(Registry, TimeProvider.System).Production()!.Version);

        var metrics = ClusterTrainRun.Metrics(_temp.Combine("t3"));
        Assert.Equal(reshuffled.Stability.MovedShare, metrics["stability"]!["movedShare"]!.GetValue<double>());
        Assert.Equal(4, metrics["stability"]!["clusterShifts"]!.AsArray().Count);
    }

    public void Dispose() => _temp.Dispose();
}
