namespace Pipeline.Orchestrator.Tests.Server;

public sealed class KillRecoveryTests
{
    [Fact]
    public Task A_run_survives_a_killed_server_on_SQLite() =>
        KillRecoveryScenario.RunAsync(folder => ["--sqlite", folder.Sub("pipeline.db")]);

    [Fact]
    public Task A_fan_out_survives_a_killed_server_on_SQLite() =>
        KillRecoveryScenario.FanOutAsync(folder => ["--sqlite", folder.Sub("pipeline.db")]);
}
