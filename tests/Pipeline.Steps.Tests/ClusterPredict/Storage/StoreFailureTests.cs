using System.Globalization;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

[Collection(SharedPostgres.Name)]
public sealed class StoreFailureTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_unreachable_server_is_a_temporary_failure_that_names_the_endpoint_but_not_the_password()
    {
        var port = PostgresServer.FreePort().ToString(CultureInfo.InvariantCulture);
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=pipeline;Password=s3cret-pw;Database=predictions;Timeout=5");

        var load = await Assert.ThrowsAsync<StepException>(() => new PredictionStore(dataSource).ReplaceRunAsync("r", PredictionRows.Make("r", 3), None));
        var migrate = await Assert.ThrowsAsync<StepException>(() => PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(None));

        foreach (var error in new[] { load, migrate })
        {
            Assert.Equal(StepExitCodes.TemporaryFailure, error.ExitCode);
            Assert.Contains($"127.0.0.1:{port}/predictions", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_a_configuration_error()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.Server.ConnectionString("no_such_database"));

        var error = await Assert.ThrowsAsync<StepException>(() => new PredictionStore(dataSource).ReplaceRunAsync("r", PredictionRows.Make("r", 3), None));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.Contains("no_such_database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_into_a_database_without_the_schema_is_a_configuration_error()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();

        var error = await Assert.ThrowsAsync<StepException>(() => new PredictionStore(dataSource).ReplaceRunAsync("r", PredictionRows.Make("r", 3), None));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.Contains("cluster_predictions", error.Message, StringComparison.Ordinal);
    }
}
