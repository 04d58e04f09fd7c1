using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Routes parsed rows to their chunk (a run of whole days) and decides when a chunk is handed to the writer:
/// when no row has arrived for it for a while (time-ordered input moves on from a day and never comes back), or,
/// over the memory budget, the chunks idle longest first. A row that arrives for a chunk already written later is
/// merged with what was written (see <see cref="ChunkFlusher"/>), so this is an optimisation, never a guess that
/// can lose rows. Only the consumer thread calls it, in input order.
/// </summary>
internal sealed class ChunkAccumulator(int valueCount, int textCount, int daysPerChunk, long budgetBytes)
{
    /// <summary>Batches (of about 30,000 rows) without a new row after which a chunk is written.</summary>
    private const int IdleBatches = 4;

    private readonly Dictionary<int, ChunkRows> _chunks = [];
    private readonly RowSegmentPool _segments = new(valueCount, textCount, IdleSegments(valueCount, textCount, budgetBytes));
    private readonly List<long> _latestTicks = []; // per sensor, the latest time of its rows so far
    private long _bufferedRows; // allocated row slots, not rows: buffers grow a whole segment at a time
    private long _batch;
    private int _lastChunk = int.MinValue;
    private ChunkRows? _last;

    /// <summary>Keeps the heap, garbage included, near the budget while reading and writing.</summary>
    public MemoryGovernor Governor { get; } = new(budgetBytes + (64L << 20));

    public NameTable Sensors { get; } = new();

    // Per parsing thread's numbering of sensors: its numbers' global ones, -1 where not mapped yet.
    private readonly Dictionary<KnownSensors, int[]> _sourceMaps = new(ReferenceEqualityComparer.Instance);

    public NameTable Texts { get; } = new();

    /// <summary>First day number of a chunk; chunks are aligned to day 0 so they do not depend on the input.</summary>
    public int FirstDay(int chunk) => chunk * daysPerChunk;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ParsedBatch batch)
    {
        _batch++;
        var sensorMap = GlobalSensors(batch);
        var textMap = batch.TextValues.ConvertAll(Texts.Id);
        while (_latestTicks.Count < Sensors.Count)
        {
            _latestTicks.Add(long.MinValue);
        }

        var latestTicks = CollectionsMarshal.AsSpan(_latestTicks);
        for (var r = 0; r < batch.Count; r++)
        {
            var chunk = Math.DivRem(batch.Day[r], daysPerChunk, out var rem) - (rem < 0 ? 1 : 0);
            var rows = RowsOf(chunk).Rows;
            var capacity = rows.Capacity;
            var i = rows.Add();
            _bufferedRows += rows.Capacity - capacity;
            var sensor = sensorMap[batch.Sensor[r]];
            var ticks = batch.UtcTicks[r];
            rows.Set(i, batch.Order[r], sensor, ticks, batch.Day[r]);
            if (ticks > latestTicks[sensor])
            {
                latestTicks[sensor] = ticks;
            }
            else
            {
                rows.InTimeOrder = false; // not after every earlier row of its sensor: perhaps one of this chunk
            }

            batch.Values.AsSpan(r * valueCount, valueCount).CopyTo(rows.ValuesOf(i));
            var texts = rows.TextsOf(i);
            for (var j = 0; j < textCount; j++)
            {
                var local = batch.Texts[(r * textCount) + j];
                texts[j] = local < 0 ? -1 : textMap[local];
            }
        }
    }

    /// <summary>
    /// The global number of each of the batch's local sensors. A batch from a parsing thread's numbering
    /// (<see cref="ParsedBatch.SensorSource"/>) is mapped through what earlier batches of the same thread mapped, so
    /// the name table is asked once per thread and sensor rather than once per block and sensor.
    /// </summary>
    private int[] GlobalSensors(ParsedBatch batch)
    {
        var names = batch.SensorNames;
        var global = new int[names.Count];
        if (batch.SensorSource is not { } source)
        {
            for (var i = 0; i < global.Length; i++)
            {
                global[i] = Sensors.Id(names[i]);
            }

            return global;
        }

        ref var map = ref CollectionsMarshal.GetValueRefOrAddDefault(_sourceMaps, source, out _);
        map ??= [];
        for (var i = 0; i < global.Length; i++)
        {
            var known = batch.SensorKnownIds[i];
            if (known >= map.Length)
            {
                var grown = new int[Math.Max(known + 1, map.Length * 2)];
                grown.AsSpan(map.Length).Fill(-1);
                map.CopyTo(grown, 0);
                map = grown;
            }

            if (map[known] < 0)
            {
                map[known] = Sensors.Id(names[i]);
            }

            global[i] = map[known];
        }

        return global;
    }

    /// <summary>
    /// Chunks to write now: idle ones (when <paramref name="takeIdle"/>: not while more inputs may revisit the
    /// same days, as one file per sensor does), then, over the budget, the longest idle until half the budget is left.
    /// </summary>
    public List<(int Chunk, RowBuffer Rows)> TakeReady(bool takeIdle)
    {
        var ready = new List<(int, RowBuffer)>();
        var rowBytes = RowSegment.RowBytes(valueCount, textCount);
        var keepRows = _bufferedRows * rowBytes > budgetBytes ? budgetBytes / 2 / rowBytes : long.MaxValue;
        foreach (var (chunk, state) in _chunks.OrderBy(c => c.Value.LastBatch).ThenBy(c => c.Key).ToList())
        {
            if ((!takeIdle || state.LastBatch > _batch - IdleBatches) && _bufferedRows <= keepRows)
            {
                break;
            }

            ready.Add((chunk, Take(chunk)));
        }

        return ready;
    }

    /// <summary>An empty buffer on the accumulator's segment pool.</summary>
    public RowBuffer EmptyRows() => new(_segments);

    /// <summary>Every chunk still buffered, in chunk order: the end of the input.</summary>
    public List<(int Chunk, RowBuffer Rows)> TakeAll() => [.. _chunks.Keys.Order().ToList().Select(c => (c, Take(c)))];

    // Idle segments are kept up to a quarter of the budget: enough to start the next chunks without allocating.
    private static int IdleSegments(int valueCount, int textCount, long budgetBytes) =>
        (int)Math.Max(4, budgetBytes / 4 / ((long)RowSegment.Rows * RowSegment.RowBytes(valueCount, textCount)));

    private RowBuffer Take(int chunk)
    {
        var state = _chunks[chunk];
        _chunks.Remove(chunk);
        _bufferedRows -= state.Rows.Capacity;
        if (chunk == _lastChunk)
        {
            _last = null;
        }

        return state.Rows;
    }

    private ChunkRows RowsOf(int chunk)
    {
        if (chunk != _lastChunk || _last is null)
        {
            if (!_chunks.TryGetValue(chunk, out var state))
            {
                state = new ChunkRows(new RowBuffer(_segments) { InTimeOrder = true });
                _chunks[chunk] = state;
            }

            _lastChunk = chunk;
            _last = state;
        }

        _last.LastBatch = _batch;
        return _last;
    }

    private sealed class ChunkRows(RowBuffer rows)
    {
        public RowBuffer Rows { get; } = rows;

        public long LastBatch { get; set; }
    }
}
