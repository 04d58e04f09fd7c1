using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>ClusterTrain on feature tables whose right clustering is known, and on bad ones.</summary>
public sealed class ClusterTrainTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Registry => _temp.Combine("registry");

    [Fact]
    public async Task Candidates_for_several_k_are_compared_and_the_four_blobs_are_found()
    {
        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("f.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 1);
        var output = _temp.Combine("train");
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", output, "--registry", Registry, "--k", "2,3,4,5,6", "--restarts", "3", "--quiet"));

        var metrics = ClusterTrainRun.Metrics(output);
        var candidates = metrics["candidates"]!.AsArray();
        Assert.Equal([2, 3, 4, 5, 6], candidates.Select(c => c!["k"]!.GetValue<int>()));
        Assert.Equal(4, candidates.Single(c => c!["chosen"]!.GetValue<bool>())!["k"]!.GetValue<int>());
        var model = ClusterTrainRun.Registered(output);
        Assert.Equal(1, model.Version);
        Assert.True(model.Promotion.Promoted);
        Assert.All(model.ClusterSizes, size => Assert.Equal(200, size));
        // The first version numbers clusters by centroid order: (0,0), (0,10), (10,0), (10,10).
        double[][] expected = [[0, 0], [0, 10], [10, 0], [10, 10]];
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c][0], model.Centroids[c][0], 0);
            Assert.Equal(expected[c][1], model.Centroids[c][1], 0);
        }

        Assert.Equal(1, new ModelRegistry(Registry, TimeProvider.System).Production()!.Version);
    }

    [Fact]
    public async Task The_same_input_and_seed_give_the_same_model_and_quality_matches_an_independent_kmeans()
    {
        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("f.parquet"), SyntheticFeatures.FourBlobs, 150, seed: 2, spread: 3);
        var first = _temp.Combine("one");
        var second = _temp.Combine("two");
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", first, "--registry", _temp.Combine("r1"), "--seed", "9", "--restarts", "3", "--quiet"));
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", second, "--registry", _temp.Combine("r2"), "--seed", "9", "--restarts", "3", "--quiet"));
        var a = ClusterTrainRun.Registered(first);
        var b = ClusterTrainRun.Registered(second);
        Assert.Equal(a.Centroids.SelectMany(c => c), b.Centroids.SelectMany(c => c));
        Assert.Equal(a.Quality, b.Quality);

        // Inertia in the model's own scaled space, against the best of ten restarts of a plain reference KMeans.
        var table = await Features.FeatureTableReader.ReadAsync(features, null, CancellationToken.None);
        var scaled = Enumerable.Range(0, table.Rows)
            .Select(r => table.Columns.Select((column, f) => (column[r] - a.Scaling.Offsets[f]) * a.Scaling.Scales[f]).ToArray())
            .ToArray();
        var reference = ReferenceKMeans.BestInertia(scaled, 4, restarts: 10, seed: 5);
        Assert.InRange(a.Quality.Inertia, 0, reference * 1.02);
    }

    [Fact]
    public async Task A_new_version_keeps_the_cluster_ids_of_production_and_records_its_parent()
    {
        var day1 = await SyntheticFeatures.WriteAsync(_temp.Combine("f1.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 3);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", day1, "--output", _temp.Combine("t1"), "--registry", Registry, "--quiet"));
        var parent = ClusterTrainRun.Registered(_temp.Combine("t1"));

        // Overlapping data that drifted so that ordering the centroids would now put the (0, 10) blob first:
        // only matching to the parent keeps id 0 on the blob near (0, 0).
        double[][] drifted = [[0.6, 0], [10, 0], [-0.6, 10], [10, 10]];
        var day2 = await SyntheticFeatures.WriteAsync(_temp.Combine("f2.parquet"), drifted, 200, seed: 4);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", day2, "--output", _temp.Combine("t2"), "--registry", Registry, "--seed", "1234", "--quiet"));
        var child = ClusterTrainRun.Registered(_temp.Combine("t2"));

        Assert.Equal(2, child.Version);
        Assert.Equal(1, child.ParentVersion);
        for (var c = 0; c < 4; c++)
        {
            Assert.InRange(Distance(child.Centroids[c], parent.Centroids[c]), 0, 1.5);
        }

        Assert.StartsWith("matched to the centroids of production version 1", ClusterTrainRun.Metrics(_temp.Combine("t2"))["model"]!["clusterIds"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worse_model_stays_a_candidate_with_the_reason_and_production_is_unchanged()
    {
        var clean = await SyntheticFeatures.WriteAsync(_temp.Combine("f1.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 5, spread: 0.5);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", clean, "--output", _temp.Combine("t1"), "--registry", Registry, "--quiet"));
        var noisy = await SyntheticFeatures.WriteAsync(_temp.Combine("f2.parquet"), SyntheticFeatures.FourBlobs, 200, seed: 6, spread: 4);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", noisy, "--output", _temp.Combine("t2"), "--registry", Registry, "--max-degradation", "5", "--quiet"));

        var candidate = ClusterTrainRun.Registered(_temp.Combine("t2"));
        Assert.False(candidate.Promotion.Promoted);
        Assert.Contains("kept as a candidate", candidate.Promotion.Reason, StringComparison.Ordinal);
        Assert.Contains("production version 1", candidate.Promotion.Reason, StringComparison.Ordinal);
        var registry = new ModelRegistry(Registry, TimeProvider.System);
        Assert.Equal(1, registry.Production()!.Version);
        Assert.Equal([1, 2], registry.Versions());
    }

    [Fact]
    public async Task Unknown_features_all_missing_features_and_empty_tables_are_data_errors()
    {
        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("f.parquet"), SyntheticFeatures.FourBlobs, 10, seed: 7);
        var output = _temp.Combine("unknown");
        Assert.Equal(65, await ClusterTrainRun.RunAsync("--input", features, "--output", output, "--registry", Registry, "--features", "a_mean,zzz", "--quiet"));
        Assert.Contains("'zzz'", ClusterTrainRun.Failure(output)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Named, an all-missing feature is an error; by default it is left out (DefaultFeaturesTests).
        var nan = await SyntheticFeatures.WriteAsync(_temp.Combine("nan.parquet"), [[double.NaN, 0], [double.NaN, 5]], 10, seed: 7);
        output = _temp.Combine("nan");
        Assert.Equal(65, await ClusterTrainRun.RunAsync("--input", nan, "--output", output, "--registry", Registry, "--features", "a_mean,b_mean", "--quiet"));
        Assert.Contains("'a_mean' has no finite value", ClusterTrainRun.Failure(output)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var empty = await SyntheticFeatures.WriteAsync(_temp.Combine("empty.parquet"), [], 0, seed: 7);
        Assert.Equal(65, await ClusterTrainRun.RunAsync("--input", empty, "--output", _temp.Combine("empty"), "--registry", Registry, "--quiet"));
        Assert.Equal(66, await ClusterTrainRun.RunAsync("--input", _temp.Combine("missing"), "--output", _temp.Combine("missing-out"), "--registry", Registry, "--quiet"));
        Assert.Empty(new ModelRegistry(Registry, TimeProvider.System).Versions());
    }

    public void Dispose() => _temp.Dispose();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
