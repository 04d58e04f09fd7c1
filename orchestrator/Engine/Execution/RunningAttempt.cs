using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>An attempt this server is running: its stop switch, and whether a stop came from its timeout.</summary>
internal sealed class RunningAttempt(ClaimedStep claimed) : IDisposable
{
    public ClaimedStep Claimed { get; } = claimed;

    /// <summary>Fires when the attempt must stop: cancelled, taken over, or the server is shutting down.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public CancellationTokenSource? Timeout { get; init; }

    public bool TimedOut => Timeout?.IsCancellationRequested == true && !Stop.IsCancellationRequested;

    // Stop is not disposed: without a timer it holds nothing, and StopRun or lease upkeep may still cancel it after
    // the attempt ended (a disposed source would throw there). The timeout's timer is released.
    public void Dispose() => Timeout?.Dispose();
}
