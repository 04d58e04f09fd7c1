using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>The cron scheduler's settings; bound from the <c>Scheduler</c> configuration section.</summary>
public sealed class SchedulerOptions : ICheckedOptions
{
    /// <summary>Whether this server fires cron triggers. Safe on every replica: each due time fires once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far back due times missed while no server ran are looked for (catch-up <c>all</c> and <c>latest</c>).</summary>
    public TimeSpan CatchUpHorizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The shortest time a cron trigger may leave between two runs: a definition whose schedule fires more often
    /// (<c>* * * * * *</c>, every second) is refused when it is validated, saved, published or synced from the
    /// workflows folder, and a version published before this setting was raised can no longer be run.
    /// </summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the scheduler looks at the clock and at the published schedules.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Problems()
    {
        if (CheckEvery < TimeSpan.FromMilliseconds(100))
        {
            yield return "Scheduler:CheckEvery must be at least 100 ms";
        }

        if (CatchUpHorizon < TimeSpan.Zero)
        {
            yield return "Scheduler:CatchUpHorizon must not be negative";
        }

        if (MinimumInterval < TimeSpan.Zero)
        {
            yield return "Scheduler:MinimumInterval must not be negative";
        }
    }
}
