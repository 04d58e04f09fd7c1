namespace Pipeline.Orchestrator.Tests.Server;

public sealed class KillRecoveryTests
{
    [Fact]
    public Task A_run_survives_a_killed_server_on_SQLite() =>
        KillRecoveryScenario.RunAsync(folder => ["--sqlite", folder.Sub("pipeline.db")]);
}
