using System.Collections.Concurrent;
using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// Three servers on one PostgreSQL; one at a time is killed -9 while the others run, and restarted only a lease
/// later, so the survivors are the ones that must take its steps over (the take-over time is theirs).
/// </summary>
internal sealed class ReplicaKillScenario : IScenario
{
    private static readonly string[] Replicas = ["a", "b", "c"];

    public string Name => "replica-kill";

    public string Summary => "three servers on one PostgreSQL; kill -9 one while the others run, restart it a lease later";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var postgres = await context.SharedPostgresAsync(cancellationToken);
        var settings = new RigSettings
        {
            Lease = Leases.Short,
            Database = await postgres.CreateDatabaseAsync(cancellationToken),
            TriggerInterval = TimeSpan.FromSeconds(1),
        };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var generation = Replicas.ToDictionary(r => r, _ => 1, StringComparer.Ordinal);
        var servers = new ConcurrentDictionary<string, ServerProcess>(StringComparer.Ordinal);
        // The first alone (it migrates the database and publishes the workflow), the others together.
        servers[Replicas[0]] = await rig.StartServerAsync($"{Replicas[0]}-1", cancellationToken);
        await Task.WhenAll(Replicas.Skip(1).Select(async r => servers[r] = await rig.StartServerAsync($"{r}-1", cancellationToken)));

        rig.Triggers.Start();
        var restarts = new List<Task>();
        var kills = context.Pick(2, 12);
        for (var i = 1; i <= kills; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)), cancellationToken);
            // Someone must survive the kill to take over: wait for a restart when only one serves.
            while (servers.Values.Count(s => s.Serving) < 2)
            {
                await Task.Delay(200, cancellationToken);
            }

            // A replica that runs steps, so there is something to take over.
            var candidates = servers.Where(s => s.Value.Serving && rig.RunningOn(s.Value).Count > 0).Select(s => s.Key).ToList();
            if (candidates.Count == 0)
            {
                candidates = [.. servers.Where(s => s.Value.Serving).Select(s => s.Key)];
            }

            var replica = candidates[context.Random.Next(candidates.Count)];
            var victim = servers[replica];
            var running = rig.RunningOn(victim).Count;
            var at = TimeProvider.System.GetUtcNow();
            await victim.KillAsync();
            rig.Faults.Add(new Fault("kill -9", at, at, victim.Pid, victim.Name));
            rig.Say($"kill -9 {i}/{kills}: {victim.Name} with {running} steps running");
            var next = $"{replica}-{++generation[replica]}";
            restarts.Add(RestartLaterAsync(rig, servers, replica, next, cancellationToken));
        }

        await Task.WhenAll(restarts);
        return await rig.MeasureAsync(new ScenarioTargets(NoDuplicates: true, TakeoverLimit: Leases.TakeoverLimit(Leases.Short)), cancellationToken);
    }

    private static async Task RestartLaterAsync(ScenarioRig rig, ConcurrentDictionary<string, ServerProcess> servers, string replica, string name, CancellationToken cancellationToken)
    {
        await Task.Delay(Leases.Short + TimeSpan.FromSeconds(1), cancellationToken);
        servers[replica] = await rig.StartServerAsync(name, cancellationToken);
    }
}
