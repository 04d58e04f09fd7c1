using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// One server on PostgreSQL, killed -9 at random moments while it runs steps and restarted at once (a new process,
/// same database and data root): the new server must take the dead one's steps over once their leases lapse. Until
/// the process runner adopts orphans, the orphan runs on and the step runs again: duplicate effects.
/// </summary>
internal sealed class KillStormScenario : IScenario
{
    public string Name => "kill-storm";

    public string Summary => "one server on PostgreSQL, kill -9 at random moments, restarted at once on the same database and data root";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var postgres = await context.SharedPostgresAsync(cancellationToken);
        var settings = new RigSettings { Lease = Leases.Short, Database = await postgres.CreateDatabaseAsync(cancellationToken) };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var kills = context.Pick(3, 30);
        var server = await rig.StartServerAsync("storm-1", cancellationToken);
        rig.Triggers.Start();
        for (var i = 1; i <= kills; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(server, 1, TimeSpan.FromSeconds(15), cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            await server.KillAsync();
            rig.Faults.Add(new Fault("kill -9", at, at, server.Pid, server.Name));
            rig.Say($"kill -9 {i}/{kills}: {server.Name} with {running} steps running");
            server = await rig.StartServerAsync($"storm-{i + 1}", cancellationToken);
        }

        // Keep triggering until the last kill's steps are taken over, so that happens under load too.
        await Task.Delay(Leases.Short + TimeSpan.FromSeconds(2), cancellationToken);
        return await rig.MeasureAsync(new ScenarioTargets(NoDuplicates: true, TakeoverLimit: Leases.TakeoverLimit(Leases.Short)), cancellationToken);
    }
}
