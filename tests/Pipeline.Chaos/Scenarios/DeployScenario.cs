using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// A rolling deploy with the engine's default settings: the running server gets SIGTERM while its steps run (it
/// drains for Engine:DrainTimeout, 30 s, then exits) and the new one starts at once, beside it. No run may fail.
/// </summary>
internal sealed class DeployScenario : IScenario
{
    public string Name => "deploy";

    public string Summary => "SIGTERM a server with running steps (it drains), start the new one at once; engine defaults";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var postgres = await context.SharedPostgresAsync(cancellationToken);
        await using var rig = ScenarioRig.Create(context, Name, new RigSettings { Database = await postgres.CreateDatabaseAsync(cancellationToken) });
        var server = await rig.StartServerAsync("release-1", cancellationToken);
        rig.Triggers.Start();
        var deploys = context.Pick(2, 6);
        var drains = new List<Task>();
        for (var i = 1; i <= deploys; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(server, 2, TimeSpan.FromSeconds(15), cancellationToken);
            var old = server;
            var at = TimeProvider.System.GetUtcNow();
            await old.TerminateAsync(cancellationToken);
            rig.Say($"deploy {i}/{deploys}: SIGTERM to {old.Name} with {running} steps running");
            server = await rig.StartServerAsync($"release-{i + 1}", cancellationToken);
            rig.Faults.Add(new Fault("SIGTERM deploy", at, TimeProvider.System.GetUtcNow(), old.Pid, old.Name));
            drains.Add(WatchDrainAsync(rig, old, at, cancellationToken));
        }

        await Task.WhenAll(drains);
        // Runs through the last release too, not only through the ones being replaced.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        return await rig.MeasureAsync(new ScenarioTargets(NoFailed: true), cancellationToken);
    }

    private static async Task WatchDrainAsync(ScenarioRig rig, ServerProcess old, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var exited = await old.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var note = exited
            ? $"{old.Name} exited {((old.ExitedAt ?? TimeProvider.System.GetUtcNow()) - at).TotalSeconds:0.0} s after SIGTERM"
            : $"{old.Name} still running 60 s after SIGTERM (drain timeout 30 s)";
        rig.Say(note);
        lock (rig.Notes)
        {
            rig.Notes.Add(note);
        }
    }
}
