using Npgsql;
using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// Replica A reaches PostgreSQL through a TCP proxy, replica B directly. The proxy is cut for 1.5 leases (open
/// connections reset, new ones black-holed), then restored. A must stop its steps once their leases went unrenewed
/// for a whole lease, before B takes them over: the two must never run one step at the same time.
/// </summary>
internal sealed class NetworkCutScenario : IScenario
{
    public string Name => "net-cut";

    public string Summary => "replica A's connection to PostgreSQL cut (proxy resets and black-holes) for 1.5 leases while replica B runs";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var postgres = await context.SharedPostgresAsync(cancellationToken);
        var database = await postgres.CreateDatabaseAsync(cancellationToken);
        var settings = new RigSettings { Lease = Leases.Short, Database = database, TriggerInterval = TimeSpan.FromSeconds(1) };
        await using var proxy = new TcpProxy(postgres.Port);
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var throughProxy = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port }.ConnectionString;
        var a = await rig.StartServerAsync("a-proxied", cancellationToken, database: throughProxy);
        await rig.StartServerAsync("b-direct", cancellationToken);
        rig.Triggers.Start();
        var cuts = context.Pick(1, 4);
        var cut = Leases.Short * 1.5;
        for (var i = 1; i <= cuts; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(a, 2, TimeSpan.FromSeconds(15), cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            proxy.Cut();
            rig.Say($"network cut {i}/{cuts} between {a.Name} and PostgreSQL with {running} of its steps running");
            await Task.Delay(cut, cancellationToken);
            proxy.Restore();
            var ended = TimeProvider.System.GetUtcNow();
            rig.Faults.Add(new Fault("network cut", at, ended, a.Pid, a.Name));
            rig.Say($"network restored after {(ended - at).TotalSeconds:0.0} s");
            await Task.Delay(context.Pick(Leases.Short, Leases.Short * 2), cancellationToken);
        }

        rig.Notes.Add($"proxy: {proxy.Reset} connections reset, {proxy.Blackholed} black-holed");
        return await rig.MeasureAsync(new ScenarioTargets(NoOverlap: true), cancellationToken);
    }
}
