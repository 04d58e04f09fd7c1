using Dapper;
using Npgsql;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>Chunker → FeatureCreator → ClusterTrain → ClusterPredict on both real data sets, into a real PostgreSQL.</summary>
[Collection(SharedPostgres.Name)]
public sealed class ClusteringEndToEndTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public Task Hive_temperature_runs_through_all_four_steps() => RunAllAsync(SharedData.HiveTemperature, []);

    [Fact]
    public Task Beijing_air_quality_runs_through_all_four_steps() => RunAllAsync(SharedData.BeijingAirQuality, ["--time-zone", "Asia/Shanghai"]);

    private async Task RunAllAsync(string input, string[] chunkerOptions)
    {
        var (chunks, features, train, predict) = (_temp.Combine("chunks"), _temp.Combine("features"), _temp.Combine("train"), _temp.Combine("predict"));
        var registry = _temp.Combine("registry");
        var connectionString = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        Assert.Equal(0, await ChunkerRun.RunAsync(["--input", input, "--output", chunks, "--quiet", .. chunkerOptions]));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", chunks, "--output", features, "--quiet"));
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", train, "--registry", registry, "--k", "3,4", "--quiet"));
        Assert.Equal(0, await ClusterPredictRun.RunAsync(connectionString, "--input", features, "--output", predict, "--registry", registry, "--run-id", "run-1", "--quiet"));

        var metrics = ClusterPredictRun.Metrics(predict);
        var predicted = metrics["rowsPredicted"]!.GetValue<long>();
        Assert.True(predicted > 0);
        Assert.Equal(metrics["rowsRead"]!.GetValue<long>(), predicted + metrics["rowsUnassigned"]!.GetValue<long>());
        Assert.Equal(predicted, metrics["clusterDistribution"]!["prediction"]!.AsArray().Sum(c => c!["count"]!.GetValue<long>()));
        Assert.Equal(predicted, metrics["database"]!["rowsInserted"]!.GetValue<long>());
        Assert.Equal(predicted, DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{predict}/predictions.parquet')"));

        // The same run again replaces its rows; another run id adds its own.
        var again = _temp.Combine("predict-again");
        Assert.Equal(0, await ClusterPredictRun.RunAsync(connectionString, "--input", features, "--output", again, "--registry", registry, "--run-id", "run-1", "--quiet"));
        Assert.Equal(predicted, ClusterPredictRun.Metrics(again)["database"]!["rowsDeleted"]!.GetValue<long>());
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(predicted, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM cluster_predictions WHERE run_id = 'run-1'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM cluster_predictions GROUP BY run_id, sensor_id, day HAVING count(*) > 1) d"));

        // The database and the Parquet file agree row by row.
        var fromDatabase = (await connection.QueryAsync<(string SensorId, DateTime Day, int Cluster, double Distance)>(
            "SELECT sensor_id, day, cluster, distance FROM cluster_predictions WHERE run_id = 'run-1' ORDER BY sensor_id, day")).ToList();
        var fromFile = DuckDb.Rows($"SELECT sensor_id, day, cluster, distance FROM read_parquet('{predict}/predictions.parquet') ORDER BY sensor_id, day");
        Assert.Equal(fromFile.Count, fromDatabase.Count);
        for (var i = 0; i < fromFile.Count; i += 97)
        {
            Assert.Equal(fromFile[i][0], fromDatabase[i].SensorId);
            Assert.Equal(Convert.ToInt32(fromFile[i][2], System.Globalization.CultureInfo.InvariantCulture), fromDatabase[i].Cluster);
            Assert.Equal((double)fromFile[i][3]!, fromDatabase[i].Distance);
        }
    }

    public void Dispose() => _temp.Dispose();
}
