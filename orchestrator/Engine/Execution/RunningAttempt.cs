using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>An attempt this server is running: its stop switch, and whether a stop came from its timeout.</summary>
internal sealed class RunningAttempt(ClaimedStep claimed, DateTimeOffset claimedAt) : IDisposable
{
    private volatile bool _finished;
    private volatile bool _leaseLapsed;

    public ClaimedStep Claimed { get; } = claimed;

    /// <summary>When this server claimed it: its lease was good then.</summary>
    public DateTimeOffset ClaimedAt { get; } = claimedAt;

    /// <summary>Its program has ended; what is left is recording the result (which waits out an outage).</summary>
    public bool Finished { get => _finished; set => _finished = value; }

    /// <summary>Stopped because this server went a whole lease without renewing it (fencing): recorded lost.</summary>
    public bool LeaseLapsed { get => _leaseLapsed; set => _leaseLapsed = value; }

    /// <summary>Fires when the attempt must stop: cancelled, taken over, or the server is shutting down.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public CancellationTokenSource? Timeout { get; init; }

    /// <summary>What the runner was given, once the attempt reached one; told back to it when the end is recorded.</summary>
    public StepLaunch? Launch { get; set; }

    public bool TimedOut => Timeout?.IsCancellationRequested == true && !Stop.IsCancellationRequested;

    // Stop is not disposed: without a timer it holds nothing, and StopRun or lease upkeep may still cancel it after
    // the attempt ended (a disposed source would throw there). The timeout's timer is released.
    public void Dispose() => Timeout?.Dispose();
}
