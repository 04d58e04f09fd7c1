using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// The data root on a 32 MB tmpfs, filled up to a few hundred KB by a filler file, while each step prints more than
/// a pipe holds (so a server that stopped reading a step's output would block it); later the filler is deleted. No
/// step may hang and every run must end. Engine defaults and the default SQLite database (kept off the full disk).
/// </summary>
internal sealed class FullDiskScenario : IScenario
{
    private const int StepOutputBytes = 100_000;

    public string Name => "full-disk";

    public string Summary => "data root on a 32 MB tmpfs filled nearly full, steps printing 100 KB; space freed later";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var rig = ScenarioRig.Create(context, Name, new RigSettings { OutputBytes = StepOutputBytes });
        TmpfsMount mount;
        try
        {
            mount = await TmpfsMount.MountAsync(rig.DataRoot, 32, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return new ScenarioResult { Scenario = Name, Settings = "-", Skipped = e.Message, Recovery = "-" };
        }

        try
        {
            await rig.StartServerAsync("server-1", cancellationToken);
            await mount.FillAsync(256 * 1024, cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            rig.Say($"data root full: {mount.AvailableBytes / 1024} KB left");
            rig.Triggers.Start();
            await Task.Delay(context.Pick(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(90)), cancellationToken);
            rig.Say($"freeing the data root ({mount.AvailableBytes / 1024} KB left)");
            mount.Free();
            var freed = TimeProvider.System.GetUtcNow();
            rig.Faults.Add(new Fault("disk full", at, freed));
            await Task.Delay(context.Pick(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(45)), cancellationToken);
            var result = await rig.MeasureAsync(new ScenarioTargets(), cancellationToken);
            var whileFull = rig.Triggers.Records.Count(r => r.RunId is not null && r.At < freed);
            result.Notes.Add($"{whileFull} runs triggered while full, {result.RunsTriggered - whileFull} after");
            return result;
        }
        finally
        {
            // The servers hold log files there: stop them before unmounting.
            await rig.StopServersAsync();
            await mount.DisposeAsync();
        }
    }
}
