using Npgsql;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// ClusterPredict over a features asset: each day predicted once, its PostgreSQL rows keyed by the partition, and
/// only days whose features changed predicted again, replacing their rows.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class PartitionedPredictionsTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Asset(string name) => _temp.Combine("assets", name);

    [Fact]
    public async Task Each_day_is_written_to_postgres_once_and_again_only_when_its_features_change()
    {
        var database = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        await ChunkAsync(SharedData.BundledSample, "history");
        await FeaturesAsync("f1");
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", Asset("features"), "--output", _temp.Combine("train"), "--registry", _temp.Combine("registry"), "--quiet"));

        Assert.Equal(0, await PredictAsync(database, "p1"));
        var days = await RowsPerDayAsync(database);
        Assert.Equal(31, days.Count);
        Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{Asset("predictions")}/*/predictions.parquet')"), days.Values.Sum());
        Assert.All(days, d => Assert.InRange(d.Value, 1, 3)); // a sensor-day missing a feature gets no cluster

        Assert.Equal(0, await PredictAsync(database, "p2"));
        Assert.Empty(ClusterPredictRun.Metrics(_temp.Combine("p2"))["partitions"]!["predicted"]!.AsArray());
        Assert.Equal(days, await RowsPerDayAsync(database));

        var late = _temp.Combine("late.csv");
        var sample = Directory.GetFiles(SharedData.BundledSample, "*.csv")[0];
        await File.WriteAllLinesAsync(late, [File.ReadLines(sample).First(), .. File.ReadLines(sample).Where(l => l.Contains(",2013,3,9,", StringComparison.Ordinal)).Select(l => l.Replace("Aotizhongxin", "Late", StringComparison.Ordinal))]);
        await ChunkAsync(late, "late");
        await FeaturesAsync("f2");
        Assert.Equal(0, await PredictAsync(database, "p3"));

        Assert.Equal(["2013-03-09"], ClusterPredictRun.Metrics(_temp.Combine("p3"))["partitions"]!["predicted"]!.AsArray().Select(n => n!.GetValue<string>()));
        var after = await RowsPerDayAsync(database);
        Assert.Equal(days["predictions/day=2013-03-09"] + 1, after["predictions/day=2013-03-09"]);
        Assert.Equal(days.Where(d => d.Key != "predictions/day=2013-03-09"), after.Where(d => d.Key != "predictions/day=2013-03-09"));
    }

    public void Dispose() => _temp.Dispose();

    private async Task ChunkAsync(string input, string run) =>
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", input, "--output", _temp.Combine(run), "--asset-dir", Asset("readings"), "--time-zone", "Asia/Shanghai", "--quiet"));

    private async Task FeaturesAsync(string run) =>
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Asset("readings"), "--output", _temp.Combine(run), "--asset-dir", Asset("features"), "--quiet"));

    private Task<int> PredictAsync(string database, string run) =>
        ClusterPredictRun.RunAsync(database, "--input", Asset("features"), "--output", _temp.Combine(run), "--asset-dir", Asset("predictions"), "--registry", _temp.Combine("registry"), "--quiet");

    private static async Task<SortedDictionary<string, long>> RowsPerDayAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT run_id, count(*) FROM cluster_predictions GROUP BY run_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }
}
