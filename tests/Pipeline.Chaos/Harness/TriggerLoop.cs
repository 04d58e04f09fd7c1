namespace Pipeline.Chaos.Harness;

/// <summary>
/// Triggers a run every <c>interval</c> on the server <c>pick</c> names (round robin over the live ones), whatever is
/// broken at the time: refusals and silences are recorded, not retried, since a client would see them the same way.
/// </summary>
internal sealed class TriggerLoop(string workflowId, TimeSpan interval, Func<(ServerProcess Server, PipelineApi Api)?> pick) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TriggerRecord> _records = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public IReadOnlyList<TriggerRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var began = TimeProvider.System.GetUtcNow();
            var target = pick();
            // The request itself is never cancelled: stopping waits for its answer, so every run created is known.
            var record = new TriggerRecord(began, "-", null, "no server up");
            if (target is { } t)
            {
                var (runId, outcome) = await t.Api.TriggerAsync(workflowId, CancellationToken.None);
                record = new TriggerRecord(began, t.Server.Name, runId, outcome);
            }

            lock (_gate)
            {
                _records.Add(record);
            }

            var wait = interval - (TimeProvider.System.GetUtcNow() - began);
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
