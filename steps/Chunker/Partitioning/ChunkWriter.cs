using System.Collections.Concurrent;
using Parquet;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Writes one chunk: sorts its rows by sensor and time, drops duplicates (the first in input order wins), and
/// writes one Parquet file per sensor group into the chunk's partition folder.
/// </summary>
internal sealed class ChunkWriter(
    StepOutput output, ChunkColumns columns, int daysPerChunk, int sensorsPerChunk)
{
    public const string SchemaName = "chunk";

    private readonly ParquetOptions _writeOptions = ChunkWriteOptions.Create(columns);

    private readonly TemporalAnnotations _annotations = new([columns.Timestamp, columns.Date], new ParquetOptions());

    // One per writer running at a time (the flusher runs two); reused, so a chunk's scratch arrays are not garbage.
    private readonly ConcurrentBag<WriteArena> _arenas = [];

    public async Task<ChunkResult> WriteAsync(int firstDay, RowBuffer rows, ChunkNames names, CancellationToken cancellationToken)
    {
        var arena = _arenas.TryTake(out var idle) ? idle : new WriteArena();
        try
        {
            return await WriteAsync(firstDay, rows, names, arena, cancellationToken);
        }
        finally
        {
            _arenas.Add(arena);
        }
    }

    private async Task<ChunkResult> WriteAsync(int firstDay, RowBuffer rows, ChunkNames names, WriteArena arena, CancellationToken cancellationToken)
    {
        var ordered = arena.Ordered(rows.Count);
        ChunkSorter.Sort(rows, names.SensorRanks, ordered);
        var duplicates = new List<DuplicateRow>();
        var days = new SortedSet<int>();
        int[] kept;
        int keptCount;
        if (rows.InTimeOrder)
        {
            kept = ordered;
            keptCount = DuplicateFilter.KeepAll(rows, days);
        }
        else
        {
            kept = arena.Kept(rows.Count);
            keptCount = DuplicateFilter.Keep(rows, ordered.AsSpan(0, rows.Count), kept, names.Sensors, duplicates, days);
        }

        var files = 0;
        var dayFolder = PartitionPaths.DayFolder(firstDay, daysPerChunk);
        var start = 0;
        var group = 0;
        while (start < keptCount)
        {
            var end = GroupEnd(rows, kept, start, keptCount);
            var sensorFolder = PartitionPaths.SensorFolder(sensorsPerChunk, names.Sensors[rows.Sensor(kept[start])], group);
            var relative = Path.Combine(dayFolder, sensorFolder, PartitionPaths.FileName);
            await WriteFileAsync(relative, rows, names, kept.AsMemory(start, end - start), arena, cancellationToken);
            files++;
            group++;
            start = end;
        }

        return new ChunkResult(keptCount, duplicates, [.. days], files);
    }

    /// <summary>End (exclusive) of the sensor group starting at <paramref name="start"/>.</summary>
    private int GroupEnd(RowBuffer rows, int[] kept, int start, int keptCount)
    {
        if (sensorsPerChunk == 0)
        {
            return keptCount;
        }

        var sensorsSeen = 1;
        var end = start + 1;
        while (end < keptCount)
        {
            if (rows.Sensor(kept[end]) != rows.Sensor(kept[end - 1]) && ++sensorsSeen > sensorsPerChunk)
            {
                break;
            }

            end++;
        }

        return end;
    }

    private async Task WriteFileAsync(string relative, RowBuffer rows, ChunkNames names, ReadOnlyMemory<int> fileRows, WriteArena arena, CancellationToken cancellationToken)
    {
        await using var stream = new SynchronousWriteStream(output.PathFor(relative));
        await using (var writer = await ParquetWriter.CreateAsync(columns.WriteSchema, stream, _writeOptions, cancellationToken: cancellationToken))
        {
            for (var first = 0; first < fileRows.Length; first += WriteArena.RowGroupRows)
            {
                var groupRows = fileRows.Slice(first, Math.Min(WriteArena.RowGroupRows, fileRows.Length - first));
                await WriteRowGroupAsync(writer, rows, names, groupRows, arena, cancellationToken);
            }

            _annotations.Apply(writer);
        }

        output.AddFile(relative, fileRows.Length, columns.Schema.Fields.Count, SchemaName);
    }

    private async Task WriteRowGroupAsync(ParquetWriter writer, RowBuffer rows, ChunkNames names, ReadOnlyMemory<int> groupRows, WriteArena arena, CancellationToken cancellationToken)
    {
        var count = groupRows.Length;
        var sensorIds = arena.SensorIds(count);
        var timestamps = arena.Timestamps(count);
        var dates = arena.Dates(count);
        var values = arena.ValueColumns(columns.Values.Count, count);
        var definitions = arena.DefinitionLevels(columns.Values.Count, count);
        var present = arena.Present(columns.Values.Count);
        RowGroupColumns.Gather(rows, names, groupRows.Span, sensorIds, timestamps, dates, values, definitions, present);

        using var group = writer.CreateRowGroup();
        await group.WriteAsync<ReadOnlyMemory<char>>(columns.SensorId, sensorIds.AsMemory(0, count), cancellationToken: cancellationToken);
        await group.WriteAsync<long>(columns.TimestampMicros, timestamps.AsMemory(0, count), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(columns.UnixDate, dates.AsMemory(0, count), cancellationToken: cancellationToken);
        for (var j = 0; j < columns.Values.Count; j++)
        {
            await group.WriteAllPartsAsync<double>(columns.Values[j], values[j].AsMemory(0, present[j]), definitions[j].AsMemory(0, count), null, cancellationToken);
        }

        var texts = arena.Texts(count);
        for (var j = 0; j < columns.Texts.Count; j++)
        {
            var keys = groupRows.Span;
            for (var i = 0; i < count; i++)
            {
                var id = rows.Text(keys[i], j);
                texts[i] = id < 0 ? null : names.Texts[id];
            }

            await group.WriteAsync(columns.Texts[j], new ArraySegment<string>(texts!, 0, count));
        }
    }
}
