using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// A database outage longer than the lease while a step runs (a PostgreSQL server of the test's own, stopped with
/// <c>-m immediate</c>, started again later): the step that finished meanwhile keeps its result, recorded when the
/// database is back, and is not run again.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task A_step_that_finished_during_an_outage_of_three_leases_keeps_its_result()
    {
        await using var postgres = await PostgresServer.StartAsync(durable: false, CancellationToken.None);
        await using var test = await TestDatabase.CreateOnAsync(postgres);
        Directory.CreateDirectory(test.Folder);
        var journal = Path.Combine(test.Folder, "journal.txt");
        var started = Path.Combine(test.Folder, "started.txt");
        await using var server = new EngineReplica(test, "server-a", lease: TimeSpan.FromSeconds(5));
        await server.PublishAsync(FaultScenario.OneStep("outage", $"touch {started}; sleep 3; echo done >> {journal}"));
        server.Start();
        var run = (await server.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "outage" }, CancellationToken.None))!;
        await FaultScenario.WaitUntilAsync(() => File.Exists(started), TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(1));
        await postgres.StopAsync();
        // The step ends 2 s into the outage; the server had given up recording it after 1.7 leases (about 8.5 s).
        await Task.Delay(TimeSpan.FromSeconds(15));
        await postgres.StartAgainAsync();

        var ended = await server.WaitForEndAsync(run.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(RunState.Succeeded, ended.State);
        Assert.Equal(["done"], await File.ReadAllLinesAsync(journal));
        var step = Assert.Single(await server.Database.Runs.GetStepRunsAsync(run.Id, CancellationToken.None));
        Assert.Equal(1, step.Attempts);
    }

    [Fact]
    public async Task A_server_cut_off_from_the_database_for_a_whole_lease_stops_its_running_step()
    {
        await using var postgres = await PostgresServer.StartAsync(durable: false, CancellationToken.None);
        await using var test = await TestDatabase.CreateOnAsync(postgres);
        Directory.CreateDirectory(test.Folder);
        var journal = Path.Combine(test.Folder, "journal.txt");
        var started = Path.Combine(test.Folder, "started.txt");
        await using var server = new EngineReplica(test, "server-a", lease: TimeSpan.FromSeconds(3));
        await server.PublishAsync(FaultScenario.OneStep("outage", $"trap 'echo stopped >> {journal}; exit 143' TERM; touch {started}; while true; do sleep 0.1; done"));
        server.Start();
        var run = (await server.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "outage" }, CancellationToken.None))!;
        await FaultScenario.WaitUntilAsync(() => File.Exists(started), TimeSpan.FromSeconds(30));

        await postgres.StopAsync();
        try
        {
            // Another server would take the step over once the lease lapsed: this one must not run it beside that one.
            await FaultScenario.WaitUntilAsync(() => File.Exists(journal), TimeSpan.FromSeconds(20));
        }
        finally
        {
            // Back before anything else: the server's shutdown waits for its attempt to be recorded.
            await postgres.StartAgainAsync();
        }
        Assert.Equal("stopped", (await File.ReadAllLinesAsync(journal))[0]);
    }
}
