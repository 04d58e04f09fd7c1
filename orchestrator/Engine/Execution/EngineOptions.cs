using Pipeline.Orchestrator.Engine.Hosting;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>How this server runs steps; bound from the <c>Engine</c> configuration section.</summary>
public sealed class EngineOptions : ICheckedOptions
{
    /// <summary>The configuration key of <see cref="AllowPrivateUrls"/>, named in refusals.</summary>
    public const string AllowPrivateUrlsSetting = "Engine:AllowPrivateUrls";

    /// <summary>Where step outputs and logs go: <c>{DataRoot}/runs/{runId}/{stepId}</c>. Shared by all replicas.</summary>
    public string DataRoot { get; set; } = ".pipeline/data";

    /// <summary>Names this server in leases and attempts; unique per process by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Steps this server runs at once, over all runs.</summary>
    public int MaxParallelSteps { get; set; } = 8;

    /// <summary>How often the server looks for work when nothing woke it (another replica's work, retries falling due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claimed attempt stays this server's without renewal; a dead server's work is taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On shutdown (SIGTERM, a deploy), how long the server stops claiming and lets its running steps finish before it
    /// hands the rest over (<see cref="HandOverAfterDrain"/>) or stops them; either way they are recorded lost and
    /// taken up at once elsewhere without spending a retry. 0: stop at once, nothing handed over.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a drain (<see cref="DrainTimeout"/> above 0), leave the steps still running as they are, for the next
    /// attempt on another server (or this one restarted) to adopt, instead of stopping them and running them again.
    /// </summary>
    public bool HandOverAfterDrain { get; set; } = true;

    /// <summary>
    /// When set, this engine claims only that run's steps: the CLI's <c>run --wait</c> runs its own run and must not
    /// take (and, when it exits, stop) steps of runs a server is there for. Empty until the CLI knows its run id.
    /// </summary>
    public string? OnlyRunId { get; set; }

    /// <summary>
    /// Folders a <c>path</c> input or a program's path option may lead into (symbolic links followed), besides
    /// <see cref="DataRoot"/> and <see cref="InputBase"/>. A path anywhere else refuses the run. The host adds the
    /// model registries and the Docker runner's read-only binds.
    /// </summary>
    public List<string> InputRoots { get; set; } = [];

    /// <summary>
    /// Files and folders no run may read or write, wherever they are: the host adds the server's own database file,
    /// password files and secrets folder.
    /// </summary>
    public List<string> HiddenPaths { get; set; } = [];

    /// <summary>
    /// Folders no step output may replace (nor a folder holding them), besides the data root and its <c>runs</c>
    /// folder: the host adds the datasets folder and the workflows folder.
    /// </summary>
    public List<string> GuardedPaths { get; set; } = [];

    /// <summary>Where relative <c>path</c> inputs resolve: where steps start (the server sets it from its runner's
    /// working directory); the current directory when empty.</summary>
    public string? InputBase { get; set; }

    /// <summary>
    /// Whether URL inputs of runs (and the URLs the steps fetch) may lead to loopback, private and link-local
    /// addresses. Off by default, so that a run cannot be made to read services inside the server's network.
    /// </summary>
    public bool AllowPrivateUrls { get; set; }

    /// <summary>Whether this server runs steps at all (false: API and scheduler only).</summary>
    public bool RunSteps { get; set; } = true;

    /// <summary>
    /// The most runs one workflow may have waiting for an active-run slot (queued). A trigger that would pass it is
    /// refused (API: 409; cron: that due time is skipped with a warning), so a fast trigger over a slow workflow
    /// cannot pile up runs without bound.
    /// </summary>
    public int MaxQueuedRunsPerWorkflow { get; set; } = 1000;

    public IEnumerable<string> Problems()
    {
        if (MaxParallelSteps < 1)
        {
            yield return "Engine:MaxParallelSteps must be at least 1";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10))
        {
            yield return "Engine:PollInterval must be at least 10 ms";
        }

        if (DrainTimeout < TimeSpan.Zero || DrainTimeout > TimeSpan.FromHours(24))
        {
            yield return "Engine:DrainTimeout must be between 0 and 24 hours";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            yield return "Engine:LeaseDuration must be at least 1 s";
        }

        if (string.IsNullOrWhiteSpace(DataRoot))
        {
            yield return "Engine:DataRoot must name a folder";
        }
        else if (RunPaths.For(this).Unrepresentable() is { } unrepresentable)
        {
            // The steps are told these folders in environment variables separated by ':'.
            yield return $"a folder runs may read or write, or a hidden path, holds '{PathPolicy.Separator}', which cannot be passed to steps: {unrepresentable}";
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            yield return "Engine:WorkerId must not be empty";
        }

        if (MaxQueuedRunsPerWorkflow < 1)
        {
            yield return "Engine:MaxQueuedRunsPerWorkflow must be at least 1";
        }
    }
}
