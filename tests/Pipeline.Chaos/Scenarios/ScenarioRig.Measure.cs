using System.Globalization;
using Npgsql;
using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>The end of a scenario: stop triggering, let the runs finish, and measure from the API, SQL and journal.</summary>
internal sealed partial class ScenarioRig
{
    /// <summary>How long the runs get to finish once the faults are over: three leases to notice dead owners, plus
    /// time for the longest run (two steps of up to 6 s) to run again, with room to spare.</summary>
    public TimeSpan RecoveryDeadline => 3 * Settings.EffectiveLease + TimeSpan.FromSeconds(45);

    public async Task<ScenarioResult> MeasureAsync(ScenarioTargets targets, CancellationToken cancellationToken)
    {
        await Triggers.StopAsync();
        var records = Triggers.Records;
        var acknowledged = records.Where(r => r.RunId is not null).Select(r => r.RunId!).Distinct().ToList();
        Say($"triggering stopped: {acknowledged.Count} runs acknowledged; waiting for them to finish (at most {RecoveryDeadline.TotalSeconds:0} s)");
        var outcomes = await RunOutcomes.WaitAsync(AnyApi, ChaosWorkflow.Id, acknowledged, TimeProvider.System.GetUtcNow() + RecoveryDeadline, cancellationToken);
        // A killed server's orphans may still run; their end lines are effects too.
        await WaitForOrphansAsync(cancellationToken);

        var now = TimeProvider.System.GetUtcNow();
        var entries = Journal.Read(JournalPath);
        var executions = Journal.Executions(entries, ServerPids());
        var effects = Effects.Of(entries, executions, OrphanSweeper.IsAlive, now);
        var recovery = Recovery.Of(Faults, executions, outcomes, targets.TakeoverLimit, PidOf);
        AddNotes(records, outcomes, effects);
        AddExamples(entries, executions);
        await AddPhantomRunsAsync(acknowledged, cancellationToken);

        var sorted = recovery.Takeovers.Select(t => t.After).Order().ToList();
        var noticed = recovery.Takeovers.Where(t => t.Noticed is not null).Select(t => t.Noticed!.Value).DefaultIfEmpty().Max();
        var result = new ScenarioResult
        {
            Scenario = Name,
            Settings = Settings.Describe(),
            Faults = Faults.Count,
            RunsTriggered = acknowledged.Count,
            TriggersRefused = records.Count(r => r.RunId is null),
            RunsLost = outcomes.Count(o => o.State == "missing"),
            RunsStuck = outcomes.Count(o => !o.Final && o.State != "missing"),
            DuplicateEffects = effects.DuplicateEffects,
            LaunchedTwiceOverlapping = effects.Overlapping,
            LaunchedTwiceReRun = effects.ReRun,
            FailedRuns = outcomes.Count(o => o.Final && o.State != "succeeded"),
            Takeovers = sorted.Count,
            TakeoverMaxSeconds = sorted.Count > 0 ? Round(sorted[^1]) : null,
            TakeoverMedianSeconds = sorted.Count > 0 ? Round(sorted[sorted.Count / 2]) : null,
            TakeoverLimitSeconds = targets.TakeoverLimit is { } limit ? Round(limit) : null,
            LapseNoticedMaxSeconds = sorted.Count > 0 ? Round(noticed) : null,
            TakeoversWaitingForSlot = recovery.Takeovers.Count(t => t.WaitedForSlot),
            StepAfterFaultSeconds = recovery.StepAfterFault is { } step ? Round(step) : null,
            RunAfterFaultSeconds = recovery.RunAfterFault is { } run ? Round(run) : null,
            Recovery = DescribeRecovery(recovery, sorted, noticed, targets.TakeoverLimit),
            Notes = [.. Notes],
            DurationSeconds = Round(now - StartedAt),
        };
        return result with { Misses = targets.Misses(result, effects.Hung, recovery) };
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static double Round(TimeSpan span) => Math.Round(span.TotalSeconds, 1);

    private static string DescribeRecovery(Recovery recovery, List<TimeSpan> takeovers, TimeSpan noticed, TimeSpan? limit)
    {
        var parts = new List<string>();
        if (takeovers.Count > 0)
        {
            var bound = limit is { } l ? string.Create(CultureInfo.InvariantCulture, $", limit {l.TotalSeconds:0.0} s") : "";
            var rerun = recovery.Takeovers.Count(t => t.Restarted);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"take-over max {takeovers[^1].TotalSeconds:0.0} s, median {takeovers[takeovers.Count / 2].TotalSeconds:0.0} s (n={takeovers.Count}: {takeovers.Count - rerun} adopted, {rerun} run again{bound}); lost recorded ≤ {noticed.TotalSeconds:0.0} s"));
            var reclaim = recovery.Takeovers.Where(t => t.Noticed is not null).Select(t => t.After - t.Noticed!.Value).DefaultIfEmpty().Max();
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"claimed ≤ {reclaim.TotalSeconds:0.0} s after being recorded lost"));
            var waited = recovery.Takeovers.Count(t => t.WaitedForSlot);
            if (waited > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{waited} take-overs waited for a free slot ({Recovery.Slots} steps busy)"));
            }
        }

        if (recovery.RanOn > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{recovery.RanOn} hit steps finished on their own server"));
        }

        if (recovery.StepAfterFault is { } step)
        {
            var run = recovery.RunAfterFault is { } r ? string.Create(CultureInfo.InvariantCulture, $", run finished +{r.TotalSeconds:0.0} s") : "";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"after fault end: next step start +{step.TotalSeconds:0.0} s{run}"));
        }

        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    private void AddNotes(IReadOnlyList<TriggerRecord> records, IReadOnlyList<RunOutcome> outcomes, Effects effects)
    {
        var refused = records.Where(r => r.RunId is null).GroupBy(r => r.Outcome).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        if (refused.Count > 0)
        {
            Notes.Add($"triggers not acknowledged: {string.Join(", ", refused)}");
        }

        var attempts = outcomes.SelectMany(o => o.AllAttempts).ToList();
        var lostAttempts = attempts.Count(a => a.State == "lost");
        if (lostAttempts > 0)
        {
            Notes.Add($"{lostAttempts} attempts recorded lost");
        }

        // A step whose result was kept but something went wrong on the way (a log cut short by a full disk).
        var flagged = attempts.Where(a => a.State == "succeeded" && a.Error is not null).ToList();
        if (flagged.Count > 0)
        {
            Notes.Add($"{flagged.Count} succeeded attempts carry an error, e.g. \"{Shorten(flagged[0].Error!)}\"");
        }

        var failed = outcomes.Where(o => o.Final && o.State != "succeeded").ToList();
        if (failed.Count > 0)
        {
            var why = failed.SelectMany(o => o.AllAttempts).FirstOrDefault(a => a.State is not ("succeeded" or "lost") && a.Error is not null)?.Error;
            Notes.Add($"runs not succeeded: {string.Join(", ", failed.GroupBy(o => o.State).Select(g => $"{g.Key} ×{g.Count()}"))}" +
                (why is null ? "" : $", e.g. \"{Shorten(why)}\""));
        }

        if (effects.Unclosed > 0)
        {
            Notes.Add($"{effects.Unclosed} step processes ended without a line (SIGKILL)");
        }

        if (effects.Hung > 0)
        {
            Notes.Add($"{effects.Hung} step processes hung");
        }
    }

    /// <summary>
    /// The faults' times and up to three steps that ran more than once, each execution with its server and times
    /// (seconds from the scenario's start), so a reader can tell a re-run after a kill from one after a late record.
    /// </summary>
    private void AddExamples(IReadOnlyList<JournalEntry> entries, IReadOnlyList<Execution> executions)
    {
        string At(DateTimeOffset moment) => string.Create(CultureInfo.InvariantCulture, $"{(moment - StartedAt).TotalSeconds:0.0}");
        List<ServerProcess> servers;
        lock (_gate)
        {
            servers = [.. _servers];
        }

        string NameOf(int pid) => servers.FirstOrDefault(s => s.Pid == pid)?.Name ?? $"pid {pid}";
        if (Faults.Count > 0)
        {
            var listed = Faults.Take(8).Select(f => $"{f.Kind}{(f.Server is null ? "" : " " + f.Server)} {At(f.At)}{(f.EndedAt > f.At ? "–" + At(f.EndedAt) : "")} s");
            Notes.Add($"faults: {string.Join(", ", listed)}{(Faults.Count > 8 ? $", … ({Faults.Count} in all)" : "")}");
        }

        var ends = entries.Where(e => e.Kind == "end").GroupBy(e => (e.RunId, e.StepId)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var twice in executions.GroupBy(e => e.Key).Where(g => g.Count() > 1 || ends.GetValueOrDefault(g.Key) > 1).Take(3))
        {
            var runs = twice.Select(e =>
                $"#{e.Attempt} on {NameOf(e.ServerPid)} {At(e.Start)}–{(e.End is { } end ? At(end) : "?")} s ({(e.Finished ? "end" : e.End is null ? "no end line" : "stopped")})").ToList();
            var second = twice.Skip(1).First().Start;
            var cause = Faults.LastOrDefault(f => f.At <= second) is { } fault ? $"; last fault before the second: {fault.Kind}{(fault.Server is null ? "" : " " + fault.Server)} at {At(fault.At)} s" : "";
            Notes.Add($"ran twice: {twice.Key.RunId[^8..]}/{twice.Key.StepId}: {string.Join(", ", runs)}; end lines: {ends.GetValueOrDefault(twice.Key)}{cause}");
        }
    }

    /// <summary>Runs the database holds that no trigger was acknowledged for (the answer was lost on the way).</summary>
    private async Task AddPhantomRunsAsync(IReadOnlyCollection<string> acknowledged, CancellationToken cancellationToken)
    {
        if (Settings.Database is null)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(Settings.Database + ";Pooling=false;Timeout=5");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT id FROM runs WHERE workflow_id = @workflow", connection);
            command.Parameters.AddWithValue("workflow", ChaosWorkflow.Id);
            var known = acknowledged.ToHashSet(StringComparer.Ordinal);
            var phantoms = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                phantoms += known.Contains(reader.GetString(0)) ? 0 : 1;
            }

            if (phantoms > 0)
            {
                Notes.Add($"{phantoms} runs in the database whose trigger was never acknowledged");
            }
        }
        catch (NpgsqlException e)
        {
            Notes.Add($"SQL check failed: {e.Message}");
        }
    }

    private async Task WaitForOrphansAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline && Executions().Any(e => e.End is null && OrphanSweeper.IsAlive(e)))
        {
            await Task.Delay(200, cancellationToken);
        }
    }
}
