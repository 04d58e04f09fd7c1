using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Writes chunks in the background while reading goes on, at most two at a time, and at most a few waiting (the
/// reader waits beyond that, which bounds memory). A chunk written before that receives more rows is read back,
/// merged and written again, so early writing never changes the result: the files are the same bytes as if every
/// chunk had been written once at the end.
/// </summary>
internal sealed class ChunkFlusher(
    StepOutput output, ChunkWriter writer, ChunkColumns columns, int daysPerChunk, MemoryGovernor governor, CancellationToken cancellationToken) : IDisposable
{
    private readonly Dictionary<int, Task> _pending = [];
    private readonly Dictionary<int, ChunkResult> _results = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writers = new(2);
    private readonly SemaphoreSlim _queued = new(2);

    private int _rewrites;

    /// <summary>Chunks that were written more than once because rows for them came late.</summary>
    public int Rewrites => _rewrites;

    /// <summary>Schedules a chunk for writing; waits while too many are already queued.</summary>
    public async Task FlushAsync(int chunk, RowBuffer rows, ChunkNames names)
    {
        await _queued.WaitAsync(cancellationToken);
        var previous = _pending.GetValueOrDefault(chunk);
        _pending[chunk] = Task.Run(() => WriteAsync(chunk, rows, names, previous), cancellationToken);
    }

    /// <summary>Waits for every write and returns the result of each chunk, in chunk order.</summary>
    public async Task<List<ChunkResult>> CompleteAsync()
    {
        await Task.WhenAll(_pending.Values);
        return [.. _results.OrderBy(r => r.Key).Select(r => r.Value)];
    }

    public void Dispose()
    {
        _writers.Dispose();
        _queued.Dispose();
    }

    private async Task WriteAsync(int chunk, RowBuffer rows, ChunkNames names, Task? previous)
    {
        try
        {
            if (previous is not null)
            {
                await previous;
            }

            await _writers.WaitAsync(cancellationToken);
            try
            {
                var firstDay = chunk * daysPerChunk;
                var folder = PartitionPaths.DayFolder(firstDay, daysPerChunk);
                ChunkResult? prior;
                lock (_gate)
                {
                    prior = _results.GetValueOrDefault(chunk);
                }

                var all = rows;
                if (prior is not null)
                {
                    all = rows.CreateEmpty();
                    await ChunkReadBack.ReadAsync(Path.Combine(output.StagingDirectory, folder), all, columns, names, cancellationToken);
                    all.AddAll(rows);
                    output.RemoveFolder(folder);
                    Interlocked.Increment(ref _rewrites);
                }

                var result = await writer.WriteAsync(firstDay, all, names, cancellationToken);
                all.Clear();
                rows.Clear();
                governor.Check();
                lock (_gate)
                {
                    // Duplicates dropped earlier stay dropped; rows, files and days are those of the last write.
                    _results[chunk] = prior is null ? result : result with { Duplicates = [.. prior.Duplicates, .. result.Duplicates] };
                }
            }
            finally
            {
                _writers.Release();
            }
        }
        finally
        {
            _queued.Release();
        }
    }
}
