using Parquet;
using Parquet.Schema;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>
/// Reads one chunk file a row group at a time into a worker's reused buffers and aggregates it into a partial.
/// Anything the Parquet decoder throws is reported as bad data naming the file (and the column, when known).
/// </summary>
internal sealed class ChunkFileReader
{
    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };
    private readonly IReadOnlyList<string> _valueColumns;
    private readonly IReadOnlyList<string> _textColumns;
    private readonly ColumnBuffers _buffers;
    private readonly RowGroupAggregator _aggregator;
    private readonly SensorDayPool? _pool;

    /// <summary>
    /// A reader of <paramref name="valueColumns"/> (and of <paramref name="textColumns"/>, for sensor attributes); with
    /// <paramref name="keptWithin"/>, readings outside a column's bounds are left out as missing (--exclude-outliers).
    /// Each file's sensor-days are a table drawn from <paramref name="pool"/> when there is one.
    /// </summary>
    public ChunkFileReader(
        IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns, IReadOnlyDictionary<string, (double Low, double High)>? keptWithin = null, VariedTexts? variedTexts = null,
        SensorDayPool? pool = null)
    {
        _pool = pool;
        _valueColumns = valueColumns;
        _textColumns = textColumns;
        _buffers = new ColumnBuffers(valueColumns.Count, textColumns.Count);
        _aggregator = new RowGroupAggregator(_buffers, valueColumns.Count, textColumns.Count, keptWithin, variedTexts);
    }

    public async Task<PartialAggregate> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = Open(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true, cancellationToken);
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw new StepException(StepExitCodes.DataError, $"not a readable Parquet file: {e.Message}", new SourceLocation(path), e);
        }

        await using (reader)
        {
            var layout = ChunkLayout.Resolve(reader.Schema, path, _valueColumns, _textColumns);
            var partial = new PartialAggregate(layout.AllColumns, _pool?.Create() ?? new SensorDays(_valueColumns.Count, _textColumns.Count));
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var rowGroup = reader.OpenRowGroupReader(g);
                if (rowGroup.RowCount == 0)
                {
                    continue;
                }

                var rows = checked((int)rowGroup.RowCount);
                _buffers.EnsureCapacity(rows);
                var sensor = ChunkStatistics.ConstantString(rowGroup, layout.Sensor);
                if (sensor is null)
                {
                    await ReadKeyAsync(rowGroup, layout.Sensor, _buffers.Sensors.AsMemory(0, rows), path, cancellationToken);
                }

                if (ChunkStatistics.ConstantDate(rowGroup, layout.Date) is { } day)
                {
                    _buffers.Dates.AsSpan(0, rows).Fill(day);
                }
                else
                {
                    await ReadKeyAsync(rowGroup, layout.Date, _buffers.Dates.AsMemory(0, rows), path, cancellationToken);
                }
                for (var j = 0; j < layout.Values.Count; j++)
                {
                    var field = layout.Values[j];
                    Memory<int>? levels = field.MaxDefinitionLevel > 0 ? _buffers.Levels[j].AsMemory(0, rows) : default(Memory<int>?);
                    await DecodeAsync(() => rowGroup.ReadRawAsync(field, _buffers.Values[j].AsMemory(0, rows), levels, null, cancellationToken), path, field.Name);
                }

                for (var j = 0; j < layout.Texts.Count; j++)
                {
                    var field = layout.Texts[j];
                    if (_aggregator.SkipText(j, ChunkStatistics.ConstantString(rowGroup, field)))
                    {
                        continue;
                    }

                    Memory<int>? levels = field.MaxDefinitionLevel > 0 ? _buffers.TextLevels[j].AsMemory(0, rows) : default(Memory<int>?);
                    await DecodeAsync(() => rowGroup.ReadRawAsync(field, _buffers.Texts[j].AsMemory(0, rows), levels, null, cancellationToken), path, field.Name);
                }

                _aggregator.Aggregate(rows, sensor, layout.Values, layout.Texts, partial);
                _buffers.ReleaseStrings(rows);
            }

            return partial;
        }
    }

    private async Task ReadKeyAsync<T>(ParquetRowGroupReader rowGroup, DataField field, Memory<T> target, string path, CancellationToken cancellationToken)
        where T : struct
    {
        Memory<int>? levels = field.MaxDefinitionLevel > 0 ? _buffers.KeyLevels.AsMemory(0, target.Length) : default(Memory<int>?);
        await DecodeAsync(() => rowGroup.ReadRawAsync(field, target, levels, null, cancellationToken), path, field.Name);
        if (levels is { } decoded && decoded.Span.Count(field.MaxDefinitionLevel) != target.Length)
        {
            throw StepException.BadData($"column '{field.Name}' has null values; every chunk row needs one", new SourceLocation(path));
        }
    }

    private static async Task DecodeAsync(Func<ValueTask> read, string path, string column)
    {
        try
        {
            await read();
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            throw new StepException(StepExitCodes.DataError, $"cannot decode column '{column}': {e.Message}", new SourceLocation(path), e);
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw StepException.MissingInput("chunk file listed in the input is missing", new SourceLocation(path));
        }
    }

    /// <summary>The decoder reports a corrupt file with many exception types (even IOException): all are bad data.</summary>
    private static bool IsDecodeError(Exception e) => e is not (OperationCanceledException or StepException or OutOfMemoryException);
}
