using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>Refuses settings that cannot work, at start-up and with the key to fix, rather than misbehaving later.</summary>
internal static class OptionsCheck
{
    public static EngineOptions Checked(this EngineOptions options)
    {
        Require(options.MaxParallelSteps >= 1, "Engine:MaxParallelSteps must be at least 1");
        Require(options.PollInterval >= TimeSpan.FromMilliseconds(10), "Engine:PollInterval must be at least 10 ms");
        Require(options.LeaseDuration >= TimeSpan.FromSeconds(1), "Engine:LeaseDuration must be at least 1 s");
        Require(!string.IsNullOrWhiteSpace(options.DataRoot), "Engine:DataRoot must name a folder");
        Require(!string.IsNullOrWhiteSpace(options.WorkerId), "Engine:WorkerId must not be empty");
        return options;
    }

    public static SchedulerOptions Checked(this SchedulerOptions options)
    {
        Require(options.CheckEvery >= TimeSpan.FromMilliseconds(100), "Scheduler:CheckEvery must be at least 100 ms");
        Require(options.CatchUpHorizon >= TimeSpan.Zero, "Scheduler:CatchUpHorizon must not be negative");
        return options;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("configuration: " + message);
        }
    }
}
