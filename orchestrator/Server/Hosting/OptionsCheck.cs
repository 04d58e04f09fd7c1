using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.ProcessRunner;
using Pipeline.Steps.Confinement;

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
        // The steps are told these folders in environment variables separated by ':'.
        var unrepresentable = RunPaths.For(options).Unrepresentable();
        Require(unrepresentable is null, $"a folder runs may read or write, or a hidden path, holds '{PathPolicy.Separator}', which cannot be passed to steps: {unrepresentable}");
        Require(options.MaxQueuedRunsPerWorkflow >= 1, "Engine:MaxQueuedRunsPerWorkflow must be at least 1");
        return options;
    }

    public static SchedulerOptions Checked(this SchedulerOptions options)
    {
        Require(options.CheckEvery >= TimeSpan.FromMilliseconds(100), "Scheduler:CheckEvery must be at least 100 ms");
        Require(options.CatchUpHorizon >= TimeSpan.Zero, "Scheduler:CatchUpHorizon must not be negative");
        Require(options.MinimumInterval >= TimeSpan.Zero, "Scheduler:MinimumInterval must not be negative");
        return options;
    }

    public static ProcessRunnerOptions Checked(this ProcessRunnerOptions options)
    {
        for (var i = 0; i < options.AllowedCommands.Count; i++)
        {
            var problem = CommandAllowList.Problem(options.AllowedCommands[i]);
            Require(problem is null, $"{CommandAllowList.Setting}:{i}: {problem}");
        }

        return options;
    }

    public static DockerRunnerOptions Checked(this DockerRunnerOptions options)
    {
        Require(options.StopGracePeriod >= TimeSpan.Zero, "Runner:Docker:StopGracePeriod must not be negative");
        Require(string.IsNullOrEmpty(options.User) || !ContainerUser.IsRoot(options.User),
            $"Runner:Docker:User is root ('{options.User}'); step containers never run as root: set a non-root uid:gid, or leave it empty "
            + "for the server's own user (Runner:Docker:FallbackUser when the server is root)");
        Require(ContainerUser.Numeric(options.FallbackUser) is { Uid: > 0 } fallback && fallback.Gid >= 0,
            $"Runner:Docker:FallbackUser must be a numeric uid:gid other than root, not '{options.FallbackUser}'");
        Require(options.DefaultMemoryMb >= 6, "Runner:Docker:DefaultMemoryMb must be at least 6 (the Docker Engine's smallest limit)");
        Require(options.DefaultMemoryMb <= options.MaxMemoryMb, "Runner:Docker:DefaultMemoryMb must not be more than Runner:Docker:MaxMemoryMb");
        Require(options.DefaultCpus >= 0.01, "Runner:Docker:DefaultCpus must be at least 0.01");
        Require(options.DefaultCpus <= options.MaxCpus, "Runner:Docker:DefaultCpus must not be more than Runner:Docker:MaxCpus");
        Require(options.AllowedImages.TrueForAll(p => !string.IsNullOrWhiteSpace(p)), "Runner:Docker:AllowedImages must not have empty entries");
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
