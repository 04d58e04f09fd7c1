using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>
/// Fires cron triggers. Each due time becomes a run whose dedup key names the workflow, schedule and due time, so
/// it fires exactly once however many replicas run this loop and however often a server restarts. Due times missed
/// while no server ran are caught up by the trigger's policy: <c>all</c>, <c>latest</c> or <c>none</c>. A due time
/// whose run would pass the workflow's queue limit (<c>Engine:MaxQueuedRunsPerWorkflow</c>) is skipped with a warning.
/// </summary>
public sealed partial class CronScheduler(
    ScheduleCatalog catalog, RunLauncher launcher, SchedulerOptions options, TimeProvider clock, ILogger<CronScheduler> logger, OrchestrationMetrics? metrics = null)
{
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private readonly Dictionary<string, DateTimeOffset> _checkedUpTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _tooFrequent = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stopping);
                await Task.Delay(options.CheckEvery, clock, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.CheckFailed(logger, e);
                await Task.Delay(options.CheckEvery, clock, CancellationToken.None);
            }
        }
    }

    /// <summary>Fires what fell due since the last check (on the first check: per catch-up policy, within the horizon).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fired = 0;
        foreach (var trigger in await catalog.CronTriggersAsync(cancellationToken))
        {
            try
            {
                fired += await FireDueAsync(trigger, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // One trigger that cannot fire must not hold up the others; it is tried again next check.
                Log.TriggerFailed(logger, trigger.WorkflowId, trigger.Index, e.Message);
            }
        }

        return fired;
    }

    private async Task<int> FireDueAsync(CronTrigger trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"{trigger.WorkflowId}:{trigger.Index}:{trigger.Definition.Schedule}";
        if (TooFrequent(key, trigger))
        {
            _checkedUpTo[key] = now;
            return 0;
        }

        var first = !_checkedUpTo.TryGetValue(key, out var from);
        if (first)
        {
            // none: only what falls due from now on (since this server started, and not before the version existed).
            from = trigger.Definition.CatchUp == CatchUpPolicies.None
                ? Later(_startedAt, trigger.PublishedAt)
                : Later(now - options.CatchUpHorizon, trigger.PublishedAt);
        }

        var due = trigger.DueBetween(from, now).ToList();
        if (first && trigger.Definition.CatchUp == CatchUpPolicies.Latest && due.Count > 1)
        {
            due = [due[^1]];
        }

        var fired = 0;
        foreach (var time in due)
        {
            RunRecord? run;
            try
            {
                run = await launcher.LaunchAsync(
                    new LaunchRequest { WorkflowId = trigger.WorkflowId, Inputs = trigger.Definition.Inputs, TriggeredBy = "cron", LogicalDate = TimeZoneInfo.ConvertTime(time, trigger.TimeZone), DedupKey = trigger.DedupKey(time) },
                    cancellationToken);
            }
            catch (LaunchRefusedException e)
            {
                // Skipped, not retried. A full queue: retrying would queue it as soon as there is room, and a backlog
                // of due times with it, the pile-up the limit exists to stop (the launcher counted it). Any other
                // refusal (a secret gone, an input now leading outside): the same request would be refused again at
                // every check, each time with a log line and its checks (a name resolved), for ever.
                Log.Skipped(logger, trigger.WorkflowId, time, e.Problems.Count == 0 ? e.Message : $"{e.Message}: {string.Join("; ", e.Problems.Select(p => $"{p.Path}: {p.Message}"))}");
                _checkedUpTo[key] = time;
                continue;
            }

            if (run is not null)
            {
                fired++;
                // Catch-up runs count too: a run made an hour late is an hour of lag, whatever the reason.
                metrics?.CronFired(trigger.WorkflowId, run.CreatedAt - time);
                Log.Fired(logger, trigger.WorkflowId, time, run.Id);
            }

            // Advanced per due time, so a failure part-way does not fire the earlier ones again (they are deduped anyway).
            _checkedUpTo[key] = time;
        }

        _checkedUpTo[key] = now;
        return fired;
    }

    /// <summary>
    /// Whether the trigger fires more often than <see cref="SchedulerOptions.MinimumInterval"/>: a version published
    /// before the setting was raised. Its due times are passed over, with one warning, rather than each refused by
    /// the launcher (an error every check, and a list of missed due times growing with every second).
    /// </summary>
    private bool TooFrequent(string key, CronTrigger trigger)
    {
        if (!_tooFrequent.TryGetValue(key, out var tooFrequent))
        {
            var gap = CronFrequency.GapShorterThan(trigger.Expression, options.MinimumInterval);
            _tooFrequent[key] = tooFrequent = gap is not null;
            if (gap is { } shorter)
            {
                Log.TooFrequent(logger, trigger.WorkflowId, trigger.Index, trigger.Definition.Schedule!, shorter, options.MinimumInterval);
            }
        }

        return tooFrequent;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "cron: {Workflow} due at {Due:O} started run {RunId}")]
        public static partial void Fired(ILogger logger, string workflow, DateTimeOffset due, string runId);

        [LoggerMessage(3, LogLevel.Error, "cron: {Workflow} trigger {Trigger} cannot fire: {Reason}")]
        public static partial void TriggerFailed(ILogger logger, string workflow, int trigger, string reason);

        [LoggerMessage(5, LogLevel.Warning, "cron: {Workflow} trigger {Trigger} ('{Schedule}') fires {Gap} apart, more often than Scheduler:MinimumInterval ({Minimum}) allows; it does not fire until the workflow is changed")]
        public static partial void TooFrequent(ILogger logger, string workflow, int trigger, string schedule, TimeSpan gap, TimeSpan minimum);

        [LoggerMessage(4, LogLevel.Warning, "cron: {Workflow} due at {Due:O} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, string workflow, DateTimeOffset due, string reason);

        [LoggerMessage(2, LogLevel.Error, "cron check failed; trying again")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
