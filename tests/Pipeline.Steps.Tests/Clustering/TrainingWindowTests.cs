using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>ClusterTrain over a features asset: the last --window-days day partitions, recorded on the model version.</summary>
public sealed class TrainingWindowTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_model_is_trained_on_the_newest_days_of_the_asset_and_names_each_partition()
    {
        var readings = _temp.Combine("assets", "readings");
        var features = _temp.Combine("assets", "features");
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", SharedData.BundledSample, "--output", _temp.Combine("chunk"), "--asset-dir", readings, "--time-zone", "Asia/Shanghai", "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", readings, "--output", _temp.Combine("features"), "--asset-dir", features, "--quiet"));

        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", _temp.Combine("train"), "--registry", _temp.Combine("registry"), "--window-days", "7", "--quiet"));

        var training = ClusterTrainRun.Registered(_temp.Combine("train")).Training;
        Assert.Equal(new DateOnly(2013, 3, 25), training.FirstDay);
        Assert.Equal(new DateOnly(2013, 3, 31), training.LastDay);
        Assert.Equal(["2013-03-25", "2013-03-26", "2013-03-27", "2013-03-28", "2013-03-29", "2013-03-30", "2013-03-31"], training.Partitions!.Select(p => p.Partition));
        Assert.All(training.Partitions!, p => Assert.Equal("features", p.Asset));
        Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{features}/*/features.parquet') WHERE day >= DATE '2013-03-25'"),
            training.Rows + training.RowsSkipped);
    }

    public void Dispose() => _temp.Dispose();
}
