using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// PostgreSQL frozen (SIGSTOP to all its processes) for two leases, then thawed (SIGCONT): unlike a stop, nothing
/// is refused; every query and connection just waits, so only the server's own timeouts can notice. No run may fail.
/// </summary>
internal sealed class DatabaseHangScenario : IScenario
{
    public string Name => "db-hang";

    public string Summary => "SIGSTOP every PostgreSQL process for two leases, then SIGCONT";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var postgres = await ThrowawayPostgres.StartAsync(cancellationToken);
        var settings = new RigSettings { Lease = Leases.Short, Database = await postgres.Server.CreateDatabaseAsync(cancellationToken) };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var server = await rig.StartServerAsync("server-1", cancellationToken);
        rig.Triggers.Start();
        var hangs = context.Pick(1, 4);
        var hang = Leases.Short * 2;
        for (var i = 1; i <= hangs; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(server, 2, TimeSpan.FromSeconds(15), cancellationToken);
            var pids = await PostgresProcesses.OfAsync(postgres.Server, cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            // Thawed however the suite ends (a frozen postmaster would not even stop), Ctrl-C included.
            var thaw = CleanupRegistry.Register("SIGCONT postgres", () => Commands.SignalAsync("CONT", pids, CancellationToken.None));
            try
            {
                await Commands.SignalAsync("STOP", pids, cancellationToken);
                rig.Say($"database frozen {i}/{hangs} ({pids.Count} processes) with {running} steps running");
                await Task.Delay(hang, cancellationToken);
            }
            finally
            {
                await Commands.SignalAsync("CONT", pids.Reverse(), CancellationToken.None);
                thaw.Dispose();
            }

            var ended = TimeProvider.System.GetUtcNow();
            rig.Faults.Add(new Fault("database hang", at, ended));
            rig.Say($"database thawed after {(ended - at).TotalSeconds:0.0} s");
            await Task.Delay(context.Pick(Leases.Short, Leases.Short * 2), cancellationToken);
        }

        return await rig.MeasureAsync(new ScenarioTargets(NoFailed: true), cancellationToken);
    }
}
