using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// PostgreSQL stopped with <c>pg_ctl stop -m immediate</c> (every connection dropped at once, as a crash) while steps
/// run, and started again 2.5 leases later. Steps that finished meanwhile keep their result; those the server
/// stopped after a whole lease unrenewed run again. No run may fail.
/// </summary>
internal sealed class DatabaseStopScenario : IScenario
{
    public string Name => "db-stop";

    public string Summary => "pg_ctl stop -m immediate while steps run, started again after 2.5 leases";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var postgres = await ThrowawayPostgres.StartAsync(cancellationToken);
        var settings = new RigSettings { Lease = Leases.Short, Database = await postgres.Server.CreateDatabaseAsync(cancellationToken) };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var server = await rig.StartServerAsync("server-1", cancellationToken);
        rig.Triggers.Start();
        var outages = context.Pick(1, 4);
        var outage = Leases.Short * 2.5;
        for (var i = 1; i <= outages; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(server, 2, TimeSpan.FromSeconds(15), cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            await postgres.Server.StopAsync("immediate");
            rig.Say($"database stopped {i}/{outages} (-m immediate) with {running} steps running");
            await Task.Delay(outage - (TimeProvider.System.GetUtcNow() - at), cancellationToken);
            await postgres.Server.StartAgainAsync();
            var ended = TimeProvider.System.GetUtcNow();
            rig.Faults.Add(new Fault("database stop", at, ended));
            rig.Say($"database started again after {(ended - at).TotalSeconds:0.0} s");
            await Task.Delay(context.Pick(Leases.Short, Leases.Short * 2), cancellationToken);
        }

        return await rig.MeasureAsync(new ScenarioTargets(NoFailed: true), cancellationToken);
    }
}
