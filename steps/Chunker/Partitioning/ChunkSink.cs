using Pipeline.Steps.Runtime;
using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>Where parsed rows go: the accumulator that buffers them per chunk and the flusher that writes chunks.</summary>
internal sealed class ChunkSink : IDisposable
{
    private ChunkSink(ChunkAccumulator accumulator, ChunkFlusher flusher, ChunkColumns columns)
    {
        Accumulator = accumulator;
        Flusher = flusher;
        Columns = columns;
    }

    public ChunkAccumulator Accumulator { get; }

    public ChunkFlusher Flusher { get; }

    public ChunkColumns Columns { get; }

    /// <summary>Sets up for the columns of the first input's schema.</summary>
    public static ChunkSink For(InputSchema schema, ChunkerOptions options, StepOutput output, CancellationToken cancellationToken)
    {
        var columns = new ChunkColumns([.. schema.ValueIndexes.Select(schema.Name)], [.. schema.TextIndexes.Select(schema.Name)]);
        var accumulator = new ChunkAccumulator(schema.ValueIndexes.Count, schema.TextIndexes.Count, options.DaysPerChunk, options.MemoryBudgetMb * 1024L * 1024L);
        var writer = new ChunkWriter(output, columns, options.DaysPerChunk, options.SensorsPerChunk);
        return new ChunkSink(accumulator, new ChunkFlusher(output, writer, columns, options.DaysPerChunk, accumulator.Governor, cancellationToken), columns);
    }

    /// <summary>Takes the batch's rows and hands the chunks that are ready to the flusher.</summary>
    public async Task AddAsync(ParsedBatch batch, bool takeIdle)
    {
        Accumulator.Add(batch);
        // An input that comes back to a chunk handed over is in no time order: from then on idle chunks are not
        // written early, and chunks over the memory budget are set aside until the end instead of being written and
        // rewritten.
        foreach (var (chunk, rows) in Accumulator.TakeReady(takeIdle && !Flusher.Revisited))
        {
            var setAside = Flusher.Revisited || Flusher.Holds(chunk);
            await (setAside ? Flusher.SpillAsync(chunk, rows) : Flusher.FlushAsync(chunk, rows, Names()));
        }

        Accumulator.Governor.Check();
    }

    /// <summary>Writes every chunk still buffered and returns the results of all chunks.</summary>
    public async Task<List<ChunkResult>> CompleteAsync()
    {
        foreach (var (chunk, rows) in Accumulator.TakeAll())
        {
            await Flusher.FlushAsync(chunk, rows, Names());
        }

        await Flusher.WriteSetAsideAsync(Accumulator.EmptyRows, Names());
        return await Flusher.CompleteAsync();
    }

    public void Dispose() => Flusher.Dispose();

    private ChunkNames? _names;

    private ChunkNames Names() => ChunkNames.Current(ref _names, Accumulator.Sensors, Accumulator.Texts);
}
