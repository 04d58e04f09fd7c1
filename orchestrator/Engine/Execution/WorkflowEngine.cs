using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// The loop every server runs: start queued runs within their workflow's limit, claim ready steps up to this
/// server's parallelism, run each through a runner, record how it ended, keep the leases of running attempts
/// alive, and take over attempts whose server stopped renewing theirs. All decisions about states are the
/// store's transactions applying <see cref="RunProgress"/>; this loop only moves work.
/// </summary>
public sealed partial class WorkflowEngine(
    IRunStore runs,
    WorkflowLimits limits,
    IEnumerable<IStepRunner> runners,
    EngineSignal signal,
    EngineOptions options,
    SecretStore secrets,
    TimeProvider clock,
    ILogger<WorkflowEngine> logger,
    EngineTelemetry? telemetry = null,
    IEnumerable<IAttemptOutputRecorder>? recorders = null)
{
    private static readonly Func<ILogger, string, string, string, int, IDisposable?> AttemptScope =
        LoggerMessage.DefineScope<string, string, string, int>("{Workflow} {RunId} {StepId} #{Attempt}");

    /// <summary>The longest wait between two tries to record a finished attempt while the database is away.</summary>
    private static readonly TimeSpan MaxRecordDelay = TimeSpan.FromSeconds(5);

    private readonly EngineTelemetry _telemetry = telemetry ?? new EngineTelemetry();
    private readonly ConcurrentDictionary<AttemptKey, RunningAttempt> _running = new();
    private readonly IReadOnlyList<IStepRunner> _runners = [.. runners];
    private readonly IReadOnlyList<IAttemptOutputRecorder> _recorders = [.. recorders ?? []];
    private readonly StepConfinementSettings _confinement = new([.. Launching.RunPaths.For(options).ToEnvironment()], options.AllowPrivateUrls);
    /// <summary>This server's clock set to the database's, which judges every lease (<see cref="DatabaseAlignedClock"/>).</summary>
    private readonly DatabaseAlignedClock _clock = new(clock);
    private readonly OutageLog _outage = new(logger, clock, "the engine's pass (the database)");
    private readonly OutageLog _leaseOutage = new(logger, clock, "lease upkeep (renewing this server's leases, taking over expired ones)");
    private DateTimeOffset _nextLeaseWork = DateTimeOffset.MinValue;
    private DateTimeOffset _nextExpirySweep = DateTimeOffset.MinValue;
    private volatile bool _handingOver;

    /// <summary>No expired lease is taken over before this (after an outage of lease upkeep; MaxValue during one).</summary>
    private DateTimeOffset _sweepHeldUntil = DateTimeOffset.MinValue;
    // Ticks of the last renewal's time, read by the fencing watch on another thread.
    private long _renewedAtTicks = DateTimeOffset.MinValue.UtcTicks;
    private DateTimeOffset _nextRunStart = DateTimeOffset.MinValue;

    /// <summary>Attempts this server is running now.</summary>
    public int RunningCount => _running.Count;

    public async Task RunAsync(CancellationToken stopping)
    {
        Log.EngineStarted(logger, options.WorkerId, options.MaxParallelSteps);
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var fencing = WatchLeasesAsync(watchStop.Token);
        try
        {
            await LoopAsync(stopping);
        }
        finally
        {
            await watchStop.CancelAsync();
            await fencing;
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stopping);
                _outage.Succeeded();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A dead database must not kill the server: log (once per outage), wait, try again; running steps keep running.
                _outage.Failed(e);
            }

            try
            {
                await signal.WaitAsync(options.PollInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await DrainAsync();
        await StopAllAsync();
    }

    /// <summary>One pass: lease upkeep when due, start queued runs, claim and launch ready steps.</summary>
    public async Task TickAsync(CancellationToken stopping)
    {
        var now = _clock.GetUtcNow();
        if (now >= _nextLeaseWork)
        {
            // Advanced first: lease upkeep that fails (one broken run) must not stop this server from claiming work.
            _nextLeaseWork = now + (options.LeaseDuration / 3);
            try
            {
                await LeaseWorkAsync(now, stopping);
                if (_sweepHeldUntil == DateTimeOffset.MaxValue)
                {
                    // Back after an outage: every lease lapsed meanwhile, the live ones of the other servers too. They
                    // get a lease to renew theirs before this server takes any over.
                    _sweepHeldUntil = _clock.GetUtcNow() + options.LeaseDuration;
                }

                _leaseOutage.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _sweepHeldUntil = DateTimeOffset.MaxValue;
                _leaseOutage.Failed(e);
            }

        }

        // Not before this server knows the database's clock (by its own, a server running ahead sees live leases
        // lapsed), nor while its own leases may be stale (see above).
        now = _clock.GetUtcNow();
        if (now >= _nextExpirySweep && _clock.Aligned && now >= _sweepHeldUntil)
        {
            // Often (an indexed look at running steps), so a dead server's work is taken over as soon as its lease
            // ends, not up to a third of a lease later.
            _nextExpirySweep = now + ExpirySweepInterval;
            try
            {
                await TakeOverExpiredAsync(now, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _sweepHeldUntil = DateTimeOffset.MaxValue;
                _leaseOutage.Failed(e);
            }
        }

        // Starting queued runs takes a lock shared by all servers: do it when runs were created here, and otherwise
        // once a poll interval (runs created elsewhere, slots freed by ended runs), not on every step completion.
        if (signal.TakeRunsCreated() || now >= _nextRunStart)
        {
            await limits.RefreshAsync(force: false, stopping);
            await runs.StartQueuedRunsAsync(limits.For, now, stopping);
            _nextRunStart = now + options.PollInterval;
        }
        if (!options.RunSteps)
        {
            return;
        }

        var free = options.MaxParallelSteps - _running.Count;
        if (free <= 0)
        {
            return;
        }

        if (options.OnlyRunId is "")
        {
            return;
        }

        foreach (var claimed in await runs.ClaimStepsAsync(options.WorkerId, free, now, options.LeaseDuration, options.OnlyRunId, stopping))
        {
            Launch(claimed, stopping);
        }
    }

    /// <summary>Stops an attempt this server runs (a cancelled run), without waiting for the next lease renewal.</summary>
    public void StopRun(string runId)
    {
        foreach (var attempt in _running.Values.Where(a => a.Claimed.Run.Id == runId))
        {
            attempt.Stop.Cancel();
        }
    }

    private void Launch(ClaimedStep claimed, CancellationToken stopping)
    {
        // Validation caps timeouts at 7 days; the clamp keeps a stored one from breaking the timer.
        var timeout = claimed.Step.Spec.TimeoutSeconds is { } seconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(seconds, 0.001, 7 * 86_400)), _clock)
            : null;
        var attempt = new RunningAttempt(claimed, _clock.GetUtcNow()) { Timeout = timeout };
        _running[claimed.Key] = attempt;
        if (claimed.Step.FansOut)
        {
            _ = Task.Run(() => FanOutAsync(attempt), CancellationToken.None);
            return;
        }

        var waited = claimed.Step.ReadyAt is { } ready ? _clock.GetUtcNow() - ready : TimeSpan.Zero;
        _telemetry.Metrics.StepStarted(claimed.Run.WorkflowId, claimed.Step.MetricStepId, waited);
        Log.AttemptClaimed(logger, claimed.Key.ToString(), waited.TotalMilliseconds);
        _ = Task.Run(() => ExecuteAsync(attempt, stopping), CancellationToken.None);
    }

    private async Task ExecuteAsync(RunningAttempt attempt, CancellationToken stopping)
    {
        var key = attempt.Claimed.Key;
        var workflow = attempt.Claimed.Run.WorkflowId;
        // Every log line about this attempt, the runners' included, says which run, step and attempt it is about.
        // A message-template scope, not a dictionary: the text formatter shows it readably and the JSON one writes
        // each value as a property (a dictionary's scope message would be its type name).
        using var scope = AttemptScope(logger, workflow, key.RunId, key.StepId, key.Attempt);
        var (runner, refusal) = RunnerChoice.For(attempt.Claimed.Step.Spec, _runners);
        using var span = _telemetry.Tracing.StartAttempt(attempt.Claimed, runner?.Name ?? "none");
        var started = _clock.GetUtcNow();
        try
        {
            AttemptResult result;
            try
            {
                // The settings may have changed since the run was created (an allow-list, a cap): what they no longer
                // allow fails for good, saying which setting, rather than running on an old decision.
                var refused = runner?.Refusals(attempt.Claimed.Step.Spec) ?? [];
                result = runner is null
                    ? new AttemptResult(AttemptStates.Failed, null, refusal, Retryable: false)
                    : refused.Count > 0
                        ? new AttemptResult(AttemptStates.Failed, null, "refused by this server's settings: " + string.Join("; ", refused.Select(r => r.Message)), Retryable: false)
                        : await RunOnRunnerAsync(attempt, runner, RunTracing.TraceParentFor(span, attempt.Claimed.Run));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The runner could not run it (a folder it cannot write, an engine it cannot reach): the step fails with
                // that reason, rather than lapsing later as "lost" with none.
                result = new AttemptResult(AttemptStates.Failed, null, $"the runner failed: {e.Message}", Retryable: true);
            }

            attempt.Finished = true;
            if (attempt.LeaseLapsed && result.State == AttemptStates.Cancelled)
            {
                result = new AttemptResult(AttemptStates.Lost, result.ExitCode,
                    $"server {options.WorkerId} could not renew its lease for {options.LeaseDuration.TotalSeconds:F0} s (the database was out of reach) and stopped the attempt, so that no other server runs it at the same time", Retryable: true);
            }
            else if (stopping.IsCancellationRequested && result.State == AttemptStates.Cancelled)
            {
                // Shutting down: the attempt was stopped, not failed. Recorded as lost now, so another server (or this
                // one restarted) retries it at once instead of after its lease; a kill -9 leaves it to the lease.
                result = new AttemptResult(AttemptStates.Lost, result.ExitCode, _handingOver
                    ? $"server {options.WorkerId} shut down during the attempt and left the step running, for its next attempt to adopt"
                    : $"server {options.WorkerId} shut down during the attempt", Retryable: true);
            }

            _telemetry.Metrics.StepAttemptEnded(workflow, attempt.Claimed.Step.MetricStepId, result.State, _clock.GetUtcNow() - started);
            RunTracing.EndAttempt(span, result);
            if (result.LogBytesDropped > 0)
            {
                _telemetry.Metrics.LogBytesDropped(workflow, attempt.Claimed.Step.MetricStepId, result.LogBytesDropped);
            }

            var blocked = result.ExitCode == StepExitCodes.GateBlocked;
            if (blocked)
            {
                _telemetry.Metrics.GateBlocked(workflow, attempt.Claimed.Step.MetricStepId);
            }

            if (result.Succeeded || blocked)
            {
                // A blocked step published its output too: its drift is what blocked it, and belongs on /metrics.
                await RecordDataMetricsAsync(attempt.Claimed);
            }

            // Before the result: once the step is recorded as ended, its output may be read downstream already.
            await RecordOutputsAsync(attempt.Claimed, result);
            var completed = await CompleteWithRetriesAsync(key, result);
            Log.AttemptEnded(logger, key.ToString(), result.State, result.ExitCode, completed);
            if (completed && result.State != AttemptStates.Lost && attempt.Launch is { } launch)
            {
                // Not after a loss: a step handed over on shutdown runs on, for its next attempt to adopt.
                runner?.Settled(launch);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.AttemptCrashed(logger, key.ToString(), e);
        }
        finally
        {
            _running.TryRemove(key, out _);
            attempt.Dispose();
            signal.Wake();
        }
    }

    /// <summary>A partitioned step's own attempt: its days become step runs of their own when the result is recorded.</summary>
    private async Task FanOutAsync(RunningAttempt attempt)
    {
        var key = attempt.Claimed.Key;
        try
        {
            var result = await PartitionKeysResolver.ResolveAsync(attempt.Claimed.Step.Spec, attempt.Stop.Token);
            var completed = await CompleteWithRetriesAsync(key, result);
            Log.FannedOut(logger, key.ToString(), result.PartitionKeys?.Count ?? 0, result.Error, completed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.AttemptCrashed(logger, key.ToString(), e);
        }
        finally
        {
            _running.TryRemove(key, out _);
            attempt.Dispose();
            signal.Wake();
        }
    }

    /// <summary>
    /// Records the result, waiting out a database that is away however long it takes: a finished step's result is
    /// never thrown away (a late record is safe: the store takes it only from the lease's owner, for that attempt).
    /// The attempt stays in the running set meanwhile, so its lease is renewed as soon as the database is back and a
    /// finished step is not mistaken for a lost one. A refusal that is not the database being away is tried again for
    /// a lease only.
    /// </summary>
    private Task<bool> CompleteWithRetriesAsync(AttemptKey key, AttemptResult result) =>
        UntilRecordedAsync(key, "its result", () => runs.CompleteAttemptAsync(key, options.WorkerId, result, _clock.GetUtcNow(), CancellationToken.None), () => false);

    /// <summary>
    /// What the attempt left (its manifest's asset partitions) into the recorders, waiting out a database that is away
    /// as <see cref="CompleteWithRetriesAsync"/> does; another failure is logged after a lease, and the step's next run
    /// reports the partitions again.
    /// </summary>
    private async Task RecordOutputsAsync(ClaimedStep claimed, AttemptResult result)
    {
        foreach (var recorder in _recorders)
        {
            await UntilRecordedAsync(claimed.Key, "what it wrote", async () =>
            {
                await recorder.RecordAsync(claimed, result, CancellationToken.None);
                return true;
            }, () => true);
        }
    }

    private async Task<T> UntilRecordedAsync<T>(AttemptKey key, string what, Func<Task<T>> record, Func<T> givenUp)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var waited = TimeSpan.Zero;
        var logged = false;
        while (true)
        {
            try
            {
                var recorded = await record();
                if (logged)
                {
                    Log.RecordedLate(logger, key.ToString(), what, waited.TotalSeconds);
                }

                return recorded;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!StoreFailures.IsTransient(e) && waited >= options.LeaseDuration)
                {
                    Log.NotRecorded(logger, key.ToString(), what, e.Message);
                    return givenUp();
                }

                if (!logged)
                {
                    Log.RecordRetry(logger, key.ToString(), what, e.Message);
                    logged = true;
                }

                await Task.Delay(delay, _clock, CancellationToken.None);
                waited += delay;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRecordDelay.Ticks));
            }
        }
    }

    /// <summary>The step's manifest into the data gauges; a manifest that cannot be read costs the metrics, never the run.</summary>
    private async Task RecordDataMetricsAsync(ClaimedStep claimed)
    {
        try
        {
            await _telemetry.Data.RecordManifestAsync(claimed.Run.WorkflowId, claimed.Step.MetricStepId, claimed.Step.Spec.OutputFolder, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Log.ManifestUnreadable(logger, claimed.Key.ToString(), e.Message);
        }
    }

    private async Task<AttemptResult> RunOnRunnerAsync(RunningAttempt attempt, IStepRunner runner, string? traceParent)
    {
        var spec = attempt.Claimed.Step.Spec;
        using var linked = attempt.Timeout is null
            ? CancellationTokenSource.CreateLinkedTokenSource(attempt.Stop.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(attempt.Stop.Token, attempt.Timeout.Token);
        // Read now, for this attempt only: a secret that has gone since the run was created fails the step for good,
        // saying where it was looked for; a retry would not find it either.
        var (values, missing) = secrets.Resolve(spec.SecretNames());
        if (values is null)
        {
            return new AttemptResult(AttemptStates.Failed, null, string.Join("; ", missing.Select(secrets.Missing)), Retryable: false);
        }

        var launch = new StepLaunch(attempt.Claimed.Key, spec, AttemptLogs.For(options.DataRoot, attempt.Claimed.Key), traceParent, values)
        {
            Confinement = _confinement,
            GateOverride = attempt.Claimed.Step.GateOverride,
            HandOver = () => _handingOver,
        };
        attempt.Launch = launch;
        AttemptResult result;
        try
        {
            result = await runner.RunAsync(launch, linked.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // As ExecuteAsync records it, but here, where the message can be redacted.
            result = new AttemptResult(AttemptStates.Failed, null, $"the runner failed: {e.Message}", Retryable: true);
        }

        // A step's last error line (which may print a secret) and the runner's own messages are stored and shown.
        result = result with { Error = values.Redact(result.Error) };
        return attempt.TimedOut && result.State == AttemptStates.Cancelled
            ? new AttemptResult(AttemptStates.TimedOut, result.ExitCode, $"timed out after {spec.TimeoutSeconds} s", Retryable: true)
            : result;
    }

    private async Task LeaseWorkAsync(DateTimeOffset now, CancellationToken stopping)
    {
        var offset = _clock.Offset;
        if (await _clock.AlignAsync(runs, stopping))
        {
            now = _clock.GetUtcNow();
            if (Math.Abs((_clock.Offset - offset).TotalSeconds) >= 1 && Math.Abs(_clock.Offset.TotalSeconds) >= 1)
            {
                Log.ClockOffset(logger, _clock.Offset.TotalSeconds);
            }
        }

        if (!_running.IsEmpty)
        {
            var lost = await runs.RenewLeasesAsync(options.WorkerId, [.. _running.Keys], now + options.LeaseDuration, stopping);
            Interlocked.Exchange(ref _renewedAtTicks, now.UtcTicks);
            foreach (var key in lost)
            {
                if (_running.TryGetValue(key, out var attempt))
                {
                    attempt.Stop.Cancel();
                }
            }
        }
    }

    private async Task TakeOverExpiredAsync(DateTimeOffset now, CancellationToken stopping)
    {
        var expired = await runs.ExpireLeasesAsync(now, stopping);
        if (expired > 0)
        {
            Log.LeasesExpired(logger, expired);
        }
    }

    /// <summary>How often expired leases are looked for: every second (or poll), at most every third of a lease.</summary>
    private TimeSpan ExpirySweepInterval =>
        TimeSpan.FromTicks(Math.Min(options.LeaseDuration.Ticks / 3, Math.Max(options.PollInterval.Ticks, TimeSpan.TicksPerSecond)));

    /// <summary>
    /// Watches for lapsing leases on its own, twice a second: the engine's pass can hang for seconds on a database
    /// that does not answer (a network cut), and the stop must come before another server may take the step over.
    /// </summary>
    private async Task WatchLeasesAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            StopLapsedAttempts(_clock.GetUtcNow());
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Fencing: an attempt still running whose lease this server has not renewed for three quarters of a lease (the
    /// database out of reach, this server cut off from it) may be another server's soon, so it is stopped before the
    /// lease ends rather than left to run beside its successor. A healthy server renews every third of a lease. A
    /// finished attempt only waits to be recorded and is left alone.
    /// </summary>
    private void StopLapsedAttempts(DateTimeOffset now)
    {
        var renewedAt = new DateTimeOffset(Interlocked.Read(ref _renewedAtTicks), TimeSpan.Zero);
        var limit = options.LeaseDuration * 3 / 4;
        foreach (var attempt in _running.Values)
        {
            var heldSince = attempt.ClaimedAt > renewedAt ? attempt.ClaimedAt : renewedAt;
            if (!attempt.Finished && !attempt.Stop.IsCancellationRequested && now - heldSince > limit)
            {
                attempt.LeaseLapsed = true;
                Log.LeaseLapsed(logger, attempt.Claimed.Key.ToString(), (now - heldSince).TotalSeconds);
                attempt.Stop.Cancel();
            }
        }
    }

    /// <summary>
    /// Shutting down: claims nothing more, keeps renewing its leases and recording what ends, and waits up to
    /// <see cref="EngineOptions.DrainTimeout"/> for its running steps to finish, so a deploy does not interrupt them.
    /// </summary>
    private async Task DrainAsync()
    {
        if (_running.IsEmpty || options.DrainTimeout <= TimeSpan.Zero)
        {
            return;
        }

        Log.Draining(logger, _running.Count, options.DrainTimeout.TotalSeconds);
        var deadline = _clock.GetUtcNow() + options.DrainTimeout;
        while (!_running.IsEmpty && _clock.GetUtcNow() < deadline)
        {
            var now = _clock.GetUtcNow();
            if (now >= _nextLeaseWork)
            {
                _nextLeaseWork = now + (options.LeaseDuration / 3);
                try
                {
                    await LeaseWorkAsync(now, CancellationToken.None);
                    _leaseOutage.Succeeded();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _leaseOutage.Failed(e);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, CancellationToken.None);
        }

        if (!_running.IsEmpty)
        {
            Log.DrainEnded(logger, _running.Count, options.DrainTimeout.TotalSeconds);
        }
    }

    private async Task StopAllAsync()
    {
        // After a drain, what still runs is left running for its next attempt to adopt, not stopped.
        _handingOver = options.DrainTimeout > TimeSpan.Zero && options.HandOverAfterDrain;
        foreach (var attempt in _running.Values)
        {
            attempt.Stop.Cancel();
        }

        while (!_running.IsEmpty)
        {
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "engine {Worker} started: up to {Parallel} steps at once")]
        public static partial void EngineStarted(ILogger logger, string worker, int parallel);

        [LoggerMessage(3, LogLevel.Debug, "claimed {Attempt}, {WaitedMs:F1} ms after it was ready")]
        public static partial void AttemptClaimed(ILogger logger, string attempt, double waitedMs);

        [LoggerMessage(4, LogLevel.Information, "attempt {Attempt} ended {State} (exit code {ExitCode}); recorded: {Recorded}")]
        public static partial void AttemptEnded(ILogger logger, string attempt, string state, int? exitCode, bool recorded);

        [LoggerMessage(5, LogLevel.Error, "attempt {Attempt} could not be run or recorded")]
        public static partial void AttemptCrashed(ILogger logger, string attempt, Exception exception);

        [LoggerMessage(7, LogLevel.Warning, "attempt {Attempt}: cannot record {What} yet ({Reason}); trying until the database answers")]
        public static partial void RecordRetry(ILogger logger, string attempt, string what, string reason);

        [LoggerMessage(2, LogLevel.Information, "attempt {Attempt}: {What} recorded after {Seconds:F1} s")]
        public static partial void RecordedLate(ILogger logger, string attempt, string what, double seconds);

        [LoggerMessage(8, LogLevel.Warning, "attempt {Attempt}: its manifest could not be read for metrics: {Reason}")]
        public static partial void ManifestUnreadable(ILogger logger, string attempt, string reason);

        [LoggerMessage(9, LogLevel.Error, "attempt {Attempt}: {What} could not be recorded: {Reason}")]
        public static partial void NotRecorded(ILogger logger, string attempt, string what, string reason);

        [LoggerMessage(10, LogLevel.Information, "attempt {Attempt} fanned out into {Partitions} partitions (error: {Error}); recorded: {Recorded}")]
        public static partial void FannedOut(ILogger logger, string attempt, int partitions, string? error, bool recorded);

        [LoggerMessage(14, LogLevel.Warning, "this server's clock is {Seconds:F1} s off the database's (positive: behind it); leases and times are judged by the database's clock")]
        public static partial void ClockOffset(ILogger logger, double seconds);

        [LoggerMessage(11, LogLevel.Information, "shutting down: waiting up to {Seconds} s for {Count} running steps to finish (Engine:DrainTimeout)")]
        public static partial void Draining(ILogger logger, int count, double seconds);

        [LoggerMessage(12, LogLevel.Warning, "shutting down: {Count} steps still running after {Seconds} s are stopped and recorded lost, to be retried")]
        public static partial void DrainEnded(ILogger logger, int count, double seconds);

        [LoggerMessage(13, LogLevel.Warning, "attempt {Attempt}: its lease was not renewed for {Seconds:F1} s (the database is out of reach); stopped, so that the server taking it over does not run it beside this one")]
        public static partial void LeaseLapsed(ILogger logger, string attempt, double seconds);

        [LoggerMessage(6, LogLevel.Warning, "{Count} attempts of stopped servers were taken over")]
        public static partial void LeasesExpired(ILogger logger, int count);
    }
}
