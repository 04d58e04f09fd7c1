using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Writes chunks in the background while reading goes on, at most two at a time, and at most a few waiting (the
/// reader waits beyond that, which bounds memory). A chunk written before that receives more rows is read back,
/// merged and written again, so early writing never changes the result: the files are the same bytes as if every
/// chunk had been written once at the end. Once that has happened (the input comes back to days), chunks taken out
/// over the memory budget are set aside raw instead (<see cref="ChunkSpill"/>) and read back once, at their last write.
/// </summary>
internal sealed class ChunkFlusher(
    StepOutput output, ChunkWriter writer, ChunkColumns columns, int daysPerChunk, MemoryGovernor governor, CancellationToken cancellationToken) : IDisposable
{
    private readonly Dictionary<int, Task> _pending = [];
    private readonly Dictionary<int, ChunkResult> _results = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writers = new(2);
    private readonly SemaphoreSlim _queued = new(2);

    private readonly HashSet<int> _awaitingLastWrite = [];
    private int _rewrites;
    private ChunkSpill? _spill;

    /// <summary>Chunks that were written more than once because rows for them came late.</summary>
    public int Rewrites => _rewrites;

    /// <summary>
    /// Whether the input has come back to a chunk already written: it is not in time order (rows grouped by sensor,
    /// say), so writing chunks early would only mean writing them again.
    /// </summary>
    public bool Revisited => _spill is not null || Volatile.Read(ref _rewrites) > 0;

    /// <summary>Whether chunk <paramref name="chunk"/> has been handed to the flusher before (written, or set aside).</summary>
    public bool Holds(int chunk) => _pending.ContainsKey(chunk);

    /// <summary>Bytes of rows set aside on disk over the memory budget.</summary>
    public long SpilledBytes => _spill?.Bytes ?? 0;

    /// <summary>Sets a chunk's rows aside on disk until its last write; waits while too many are already queued.</summary>
    public async Task SpillAsync(int chunk, RowBuffer rows)
    {
        var spill = _spill ??= new ChunkSpill(output.StagingDirectory, rows.ValueCount, rows.TextCount);
        _awaitingLastWrite.Add(chunk);
        await ScheduleAsync(chunk, () =>
        {
            spill.Append(chunk, rows);
            rows.Clear();
            governor.Check();
            return Task.CompletedTask;
        });
    }

    /// <summary>Schedules a chunk for writing; waits while too many are already queued.</summary>
    public async Task FlushAsync(int chunk, RowBuffer rows, ChunkNames names)
    {
        _awaitingLastWrite.Remove(chunk);
        await ScheduleAsync(chunk, () => WriteAsync(chunk, rows, names));
    }

    /// <summary>
    /// Writes for good the chunks set aside that no row came for since (they are not among the chunks still
    /// buffered at the end); <paramref name="empty"/> gives each an empty buffer to add its spilled rows to.
    /// </summary>
    public async Task WriteSetAsideAsync(Func<RowBuffer> empty, ChunkNames names)
    {
        foreach (var chunk in _awaitingLastWrite.Order().ToList())
        {
            await FlushAsync(chunk, empty(), names);
        }
    }

    /// <summary>Waits for every write and returns the result of each chunk, in chunk order.</summary>
    public async Task<List<ChunkResult>> CompleteAsync()
    {
        await Task.WhenAll(_pending.Values);
        _spill?.Delete();
        return [.. _results.OrderBy(r => r.Key).Select(r => r.Value)];
    }

    public void Dispose()
    {
        _spill?.Delete();
        _writers.Dispose();
        _queued.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on chunk <paramref name="chunk"/> in the background after the chunk's earlier
    /// work, once there is room in the queue (waiting while it is full); the room is given back when it ends.
    /// </summary>
    private async Task ScheduleAsync(int chunk, Func<Task> work)
    {
        await _queued.WaitAsync(cancellationToken);
        var previous = _pending.GetValueOrDefault(chunk);
        _pending[chunk] = Task.Run(async () =>
        {
            try
            {
                if (previous is not null)
                {
                    await previous;
                }

                await work();
            }
            finally
            {
                _queued.Release();
            }
        }, cancellationToken);
    }

    private async Task WriteAsync(int chunk, RowBuffer rows, ChunkNames names)
    {
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
            if (prior is not null || _spill?.Holds(chunk) == true)
            {
                // In input order, which the duplicate search keeps the first of: what was written came before
                // what was set aside, which came before what is buffered.
                all = rows.CreateEmpty();
                if (prior is not null)
                {
                    await ChunkReadBack.ReadAsync(Path.Combine(output.StagingDirectory, folder), all, columns, names, cancellationToken);
                    output.RemoveFolder(folder);
                    Interlocked.Increment(ref _rewrites);
                }

                _spill?.TakeInto(chunk, all);
                all.AddAll(rows);
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
}
