using System.Collections;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>Each ClusterTrain run records its parameters, metrics, candidates and origin with the version it registers.</summary>
public sealed class TrainingExperimentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Registry => _temp.Combine("registry");

    [Fact]
    public async Task Two_runs_with_different_k_record_their_parameters_every_candidate_and_where_they_ran()
    {
        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("f.parquet"), SyntheticFeatures.FourBlobs, 100, seed: 11);
        Assert.Equal(0, await ClusterTrainRun.RunAsync(
            "--input", features, "--output", _temp.Combine("t1"), "--registry", Registry, "--k", "2,3", "--seed", "5", "--quiet"));
        var orchestrated = new Hashtable { ["PIPELINE_RUN_ID"] = "run-42", ["PIPELINE_STEP_ID"] = "train", ["PIPELINE_ATTEMPT"] = "2" };
        Assert.Equal(0, await ClusterTrainRun.RunAsync(orchestrated,
            "--input", features, "--output", _temp.Combine("t2"), "--registry", Registry, "--k", "6,4,5", "--restarts", "2", "--selection", "average-distance", "--promote", "never", "--quiet"));

        // Read back from the registry's own files, as the server reads them.
        var registry = new ModelRegistry(Registry, TimeProvider.System);
        var first = registry.Metadata(1).Experiment!;
        var second = registry.Metadata(2).Experiment!;

        Assert.Equal([2, 3], first.Parameters.K);
        Assert.Equal(5, first.Parameters.Seed);
        Assert.Equal("davies-bouldin", first.Parameters.Selection);
        Assert.Equal(["a_mean", "b_mean"], first.Parameters.Features);
        Assert.Equal(features, first.Parameters.Input);
        Assert.Null(first.Run);
        Assert.Equal([2, 3], first.Candidates.Select(c => c.K));

        Assert.Equal([4, 5, 6], second.Parameters.K);
        Assert.Equal((42, 2, "average-distance", "never", "standard"), (second.Parameters.Seed, second.Parameters.Restarts, second.Parameters.Selection, second.Parameters.Promote, second.Parameters.Scaling));
        Assert.Equal(new Formats.RunAttempt("run-42", "train", 2), second.Run);
        Assert.Equal([4, 5, 6], second.Candidates.Select(c => c.K));
        Assert.All(second.Candidates, c => Assert.Equal(400, c.ClusterSizes.Sum()));
        Assert.All(second.Candidates, c => Assert.Equal(c.K, c.ClusterSizes.Count));
        Assert.Equal((400, 400, 0), (second.Metrics.RowsRead, second.Metrics.RowsTrained, second.Metrics.RowsSkipped));
        Assert.Contains("train", second.Metrics.TimingsMs.Keys);

        // The chosen candidate is the registered model, and it is the best one by the run's own selection rule.
        var version = registry.Metadata(2);
        var chosen = Assert.Single(second.Candidates, c => c.Chosen);
        Assert.Equal((version.K, version.Quality), (chosen.K, chosen.Quality));
        Assert.Equal(second.Candidates.Min(c => c.Quality.AverageDistance), chosen.Quality.AverageDistance);
        Assert.False(version.Promotion.Promoted);

        // The manifest's candidate comparison and the registered one agree.
        var reported = ClusterTrainRun.Metrics(_temp.Combine("t2"))["candidates"]!.AsArray();
        Assert.Equal(second.Candidates.Select(c => c.Quality.DaviesBouldin), reported.Select(c => c!["daviesBouldin"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Metadata_written_before_experiments_were_recorded_stays_readable_and_training_goes_on_after_it()
    {
        OldModelVersion.Write(Registry, ["a_mean", "b_mean"], promoted: true, "first version");

        var registry = new ModelRegistry(Registry, TimeProvider.System);
        var old = registry.Metadata(1);
        Assert.Null(old.Experiment);
        Assert.Equal((4, 0.81), (old.K, old.Quality.DaviesBouldin));

        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("f.parquet"), SyntheticFeatures.FourBlobs, 50, seed: 12);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", _temp.Combine("t"), "--registry", Registry, "--promote", "never", "--quiet"));
        Assert.Equal([1, 2], registry.Versions());
        Assert.NotNull(registry.Metadata(2).Experiment);
        Assert.Null(registry.Metadata(1).Experiment);
    }

    public void Dispose() => _temp.Dispose();
}
