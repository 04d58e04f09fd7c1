using Pipeline.Steps.Chunker.Parsing;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Routes parsed rows to their chunk (a run of whole days) and keeps memory within the budget by spilling the
/// largest chunks to temporary files. Only the consumer thread calls it, in input order.
/// </summary>
internal sealed class ChunkAccumulator(int valueCount, int textCount, int daysPerChunk, long budgetBytes, string spillDirectory)
{
    private readonly Dictionary<int, ChunkRows> _chunks = [];
    private long _bufferedRows; // allocated row slots, not rows: the arrays grow by doubling
    private int _lastChunk = int.MinValue;
    private ChunkRows? _last;

    /// <summary>Keeps the heap, garbage included, near the budget while reading and writing.</summary>
    public MemoryGovernor Governor { get; } = new(budgetBytes + (64L << 20));

    public NameTable Sensors { get; } = new();

    public NameTable Texts { get; } = new();

    public long SpilledBytes { get; private set; }

    public IReadOnlyList<int> ChunkIndexes => [.. _chunks.Keys.Order()];

    /// <summary>First day number of a chunk; chunks are aligned to day 0 so they do not depend on the input.</summary>
    public int FirstDay(int chunk) => chunk * daysPerChunk;

    public void Add(ParsedBatch batch)
    {
        var sensorMap = batch.SensorNames.ConvertAll(Sensors.Id);
        var textMap = batch.TextValues.ConvertAll(Texts.Id);
        for (var r = 0; r < batch.Count; r++)
        {
            var chunk = Math.DivRem(batch.Day[r], daysPerChunk, out var rem) - (rem < 0 ? 1 : 0);
            var rows = RowsOf(chunk).Rows;
            var capacity = rows.Capacity;
            var i = rows.Reserve(1);
            _bufferedRows += rows.Capacity - capacity;
            rows.Order[i] = batch.Order[r];
            rows.Sensor[i] = sensorMap[batch.Sensor[r]];
            rows.Ticks[i] = batch.UtcTicks[r];
            rows.Day[i] = batch.Day[r];
            batch.Values.AsSpan(r * valueCount, valueCount).CopyTo(rows.Values[(i * valueCount)..]);
            var texts = rows.Texts.Slice(i * textCount, textCount);
            for (var j = 0; j < textCount; j++)
            {
                var local = batch.Texts[(r * textCount) + j];
                texts[j] = local < 0 ? -1 : textMap[local];
            }
        }

        var rowBytes = 24 + (8 * valueCount) + (4 * textCount);
        if (_bufferedRows * rowBytes > budgetBytes)
        {
            SpillLargest(budgetBytes / 2 / rowBytes);
        }

        Governor.Check();
    }

    /// <summary>All rows of a chunk, from its spill file and memory; the chunk is forgotten afterwards.</summary>
    public RowBuffer Take(int chunk)
    {
        var state = _chunks[chunk];
        _chunks.Remove(chunk);
        if (state.Spill is null)
        {
            return state.Rows;
        }

        var all = new RowBuffer(valueCount, textCount);
        state.Spill.ReadInto(all);
        var first = all.Reserve(state.Rows.Count);
        state.Rows.Order.CopyTo(all.Order[first..]);
        state.Rows.Sensor.CopyTo(all.Sensor[first..]);
        state.Rows.Ticks.CopyTo(all.Ticks[first..]);
        state.Rows.Day.CopyTo(all.Day[first..]);
        state.Rows.Values.CopyTo(all.Values[(first * valueCount)..]);
        state.Rows.Texts.CopyTo(all.Texts[(first * textCount)..]);
        state.Rows.Clear();
        return all;
    }

    private ChunkRows RowsOf(int chunk)
    {
        if (chunk == _lastChunk && _last is not null)
        {
            return _last;
        }

        if (!_chunks.TryGetValue(chunk, out var state))
        {
            state = new ChunkRows(new RowBuffer(valueCount, textCount));
            _chunks[chunk] = state;
        }

        _lastChunk = chunk;
        _last = state;
        return state;
    }

    private void SpillLargest(long keepRows)
    {
        Directory.CreateDirectory(spillDirectory);
        foreach (var (chunk, state) in _chunks.OrderByDescending(c => c.Value.Rows.Count).ToList())
        {
            if (_bufferedRows <= keepRows)
            {
                break;
            }

            state.Spill ??= new SpillFile(Path.Combine(spillDirectory, $"chunk-{chunk}.bin"));
            state.Spill.Append(state.Rows);
            SpilledBytes += (long)state.Rows.Count * state.Rows.RowBytes;
            _bufferedRows -= state.Rows.Capacity;
            state.Rows.Clear();
        }
    }

    private sealed class ChunkRows(RowBuffer rows)
    {
        public RowBuffer Rows { get; } = rows;

        public SpillFile? Spill { get; set; }
    }
}
