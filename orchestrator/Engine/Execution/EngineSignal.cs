namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// Wakes the engine loop at once when this server changed something (a run created, a step ended), so dependent
/// steps start within milliseconds instead of at the next poll.
/// </summary>
public sealed class EngineSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _runsCreated;

    /// <summary>A run was created here: the next pass starts queued runs instead of waiting for its periodic look.</summary>
    public void RunsCreated()
    {
        Interlocked.Exchange(ref _runsCreated, 1);
        Wake();
    }

    /// <summary>Whether runs were created since the last call.</summary>
    public bool TakeRunsCreated() => Interlocked.Exchange(ref _runsCreated, 0) == 1;

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up covers any number of changes.
        }
    }

    public void Dispose() => _wake.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
