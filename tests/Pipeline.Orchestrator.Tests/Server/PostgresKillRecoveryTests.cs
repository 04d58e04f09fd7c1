using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

[Collection(SharedPostgres.Name)]
public sealed class PostgresKillRecoveryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_run_survives_a_killed_server_on_PostgreSQL()
    {
        var database = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        await KillRecoveryScenario.RunAsync(_ => ["--db", database]);
    }

    [Fact]
    public async Task A_fan_out_survives_a_killed_server_on_PostgreSQL()
    {
        var database = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        await KillRecoveryScenario.FanOutAsync(_ => ["--db", database]);
    }
}
