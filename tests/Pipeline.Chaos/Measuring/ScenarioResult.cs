namespace Pipeline.Chaos.Measuring;

/// <summary>One row of the report (and of the --json file). Times in seconds.</summary>
internal sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    /// <summary>Which engine settings the servers ran with, e.g. "lease 5 s; others default".</summary>
    public required string Settings { get; init; }

    public int Faults { get; init; }

    /// <summary>Trigger requests the server acknowledged (201).</summary>
    public int RunsTriggered { get; init; }

    /// <summary>Trigger requests refused or unanswered (not acknowledged, so not a loss).</summary>
    public int TriggersRefused { get; init; }

    public int RunsLost { get; init; }

    public int RunsStuck { get; init; }

    public int DuplicateEffects { get; init; }

    public int LaunchedTwiceOverlapping { get; init; }

    public int LaunchedTwiceReRun { get; init; }

    public int FailedRuns { get; init; }

    public int Takeovers { get; init; }

    public double? TakeoverMaxSeconds { get; init; }

    public double? TakeoverMedianSeconds { get; init; }

    public double? TakeoverLimitSeconds { get; init; }

    /// <summary>The longest time from a kill until a server recorded the dead server's attempt lost.</summary>
    public double? LapseNoticedMaxSeconds { get; init; }

    /// <summary>Take-overs that waited for a free slot on the server taking them (all its steps busy): not held to the limit.</summary>
    public int TakeoversWaitingForSlot { get; init; }

    public double? StepAfterFaultSeconds { get; init; }

    public double? RunAfterFaultSeconds { get; init; }

    /// <summary>The recovery column as printed.</summary>
    public string Recovery { get; init; } = "";

    public List<string> Notes { get; init; } = [];

    /// <summary>Targets this scenario missed; empty when it met them all.</summary>
    public List<string> Misses { get; init; } = [];

    /// <summary>Why the scenario did not run (a missing tool), when it did not.</summary>
    public string? Skipped { get; init; }

    public double DurationSeconds { get; init; }
}
