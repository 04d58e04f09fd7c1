using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// The database away while steps run, in one of two ways. A stop (<c>pg_ctl stop -m immediate</c>, every connection
/// dropped at once, as a crash) refuses everything; a hang (SIGSTOP to every PostgreSQL process, then SIGCONT)
/// refuses nothing, every query and connection just waits, so only the server's own time limits notice. Steps that
/// finished meanwhile keep their result; those the server stopped after a whole lease unrenewed run again. No run
/// may fail.
/// </summary>
/// <param name="Name">The name --scenario takes.</param>
/// <param name="Hang">A hang rather than a stop.</param>
/// <param name="Lease">The servers' lease; null: the default (30 s).</param>
/// <param name="Outage">How long the database is away each time.</param>
/// <param name="Outages">How many times, in the short form and the long form (0: the short form leaves it out).</param>
internal sealed record DatabaseOutageScenario(string Name, bool Hang, TimeSpan? Lease, TimeSpan Outage, (int Short, int Long) Outages) : IScenario
{
    private string What => Hang ? "database hang" : "database stop";

    public string Summary => (Hang ? "SIGSTOP every PostgreSQL process, then SIGCONT" : "pg_ctl stop -m immediate while steps run, then start")
        + $", {Outage.TotalSeconds:0} s away" + (Outages.Short == 0 ? " (long form only)" : "");

    public bool InShortForm => Outages.Short > 0;

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var postgres = await ThrowawayPostgres.StartAsync(cancellationToken);
        var settings = new RigSettings { Lease = Lease, Database = await postgres.Server.CreateDatabaseAsync(cancellationToken) };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var server = await rig.StartServerAsync("server-1", cancellationToken);
        rig.Triggers.Start();
        // Once at least: named with --scenario, a long-form-only scenario runs in the short form too.
        var outages = Math.Max(1, context.Pick(Outages.Short, Outages.Long));
        var settle = settings.EffectiveLease;
        for (var i = 1; i <= outages; i++)
        {
            await Task.Delay(context.Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), cancellationToken);
            var running = await rig.WaitForRunningStepsAsync(server, 2, TimeSpan.FromSeconds(15), cancellationToken);
            var at = TimeProvider.System.GetUtcNow();
            // Thawed however the suite ends (a frozen postmaster would not even stop), Ctrl-C included.
            var thaw = CleanupRegistry.Register("SIGCONT postgres", () => Hang ? postgres.Server.ResumeAsync() : Task.CompletedTask);
            try
            {
                await (Hang ? postgres.Server.PauseAsync() : postgres.Server.StopAsync("immediate"));
                rig.Say($"{What} {i}/{outages} with {running} steps running");
                await Task.Delay(Outage - (TimeProvider.System.GetUtcNow() - at), cancellationToken);
            }
            finally
            {
                await (Hang ? postgres.Server.ResumeAsync() : postgres.Server.StartAgainAsync());
                thaw.Dispose();
            }

            var ended = TimeProvider.System.GetUtcNow();
            rig.Faults.Add(new Fault(What, at, ended));
            rig.Say($"database back after {(ended - at).TotalSeconds:0.0} s");
            await Task.Delay(context.Pick(settle, settle * 2), cancellationToken);
        }

        return await rig.MeasureAsync(new ScenarioTargets(NoFailed: true), cancellationToken);
    }
}
