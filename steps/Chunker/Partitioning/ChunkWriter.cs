using Parquet;
using Pipeline.Steps.Chunker.Parsing;
using Pipeline.Steps.Contract;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Writes one chunk: sorts its rows by sensor and time, drops duplicates (the first in input order wins), and
/// writes one Parquet file per sensor group into the chunk's partition folder.
/// </summary>
internal sealed class ChunkWriter(
    StepOutput output, ChunkColumns columns, int daysPerChunk, int sensorsPerChunk)
{
    public const string SchemaName = "chunk";

    private readonly ParquetOptions _writeOptions = WriteOptions(columns);

    public async Task<ChunkResult> WriteAsync(int firstDay, RowBuffer rows, ChunkNames names, CancellationToken cancellationToken)
    {
        var sensors = names.Sensors;
        var ordered = ChunkSorter.Sort(rows, names.SensorRanks);
        var kept = new List<int>(ordered.Length);
        var duplicates = new List<DuplicateRow>();
        var days = new SortedSet<int>();
        var firstOrder = 0L;
        for (var i = 0; i < ordered.Length; i++)
        {
            var row = ordered[i];
            if (i > 0 && rows.Sensor[ordered[i - 1]] == rows.Sensor[row] && rows.Ticks[ordered[i - 1]] == rows.Ticks[row])
            {
                duplicates.Add(new DuplicateRow(rows.Order[row], firstOrder, sensors[rows.Sensor[row]], rows.Ticks[row]));
                continue;
            }

            firstOrder = rows.Order[row];
            kept.Add(row);
            days.Add(rows.Day[row]);
        }

        var files = 0;
        var dayFolder = PartitionPaths.DayFolder(firstDay, daysPerChunk);
        var start = 0;
        var group = 0;
        while (start < kept.Count)
        {
            var end = GroupEnd(rows, kept, start);
            var sensorFolder = PartitionPaths.SensorFolder(sensorsPerChunk, sensors[rows.Sensor[kept[start]]], group);
            var relative = Path.Combine(dayFolder, sensorFolder, PartitionPaths.FileName);
            await WriteFileAsync(relative, rows, names, kept, start, end, cancellationToken);
            files++;
            group++;
            start = end;
        }

        return new ChunkResult(kept.Count, duplicates, [.. days], files);
    }

    /// <summary>End (exclusive) of the sensor group starting at <paramref name="start"/>.</summary>
    private int GroupEnd(RowBuffer rows, List<int> kept, int start)
    {
        if (sensorsPerChunk == 0)
        {
            return kept.Count;
        }

        var sensorsSeen = 1;
        var end = start + 1;
        while (end < kept.Count)
        {
            if (rows.Sensor[kept[end]] != rows.Sensor[kept[end - 1]] && ++sensorsSeen > sensorsPerChunk)
            {
                break;
            }

            end++;
        }

        return end;
    }

    private async Task WriteFileAsync(string relative, RowBuffer rows, ChunkNames names, List<int> kept, int start, int end, CancellationToken cancellationToken)
    {
        var (sensors, texts) = (names.Sensors, names.Texts);
        var count = end - start;
        var sensorIds = new string[count];
        var timestamps = new DateTime[count];
        var dates = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var row = kept[start + i];
            sensorIds[i] = sensors[rows.Sensor[row]];
            timestamps[i] = new DateTime(rows.Ticks[row], DateTimeKind.Utc);
            dates[i] = new DateTime(rows.Day[row] * TimeSpan.TicksPerDay, DateTimeKind.Utc);
        }

        await using var stream = File.Create(output.PathFor(relative));
        await using (var writer = await ParquetWriter.CreateAsync(columns.Schema, stream, _writeOptions, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(columns.SensorId, sensorIds);
            await group.WriteAsync<DateTime>(columns.Timestamp, timestamps, cancellationToken: cancellationToken);
            await group.WriteAsync<DateTime>(columns.Date, dates, cancellationToken: cancellationToken);
            var values = new double?[count];
            for (var j = 0; j < columns.Values.Count; j++)
            {
                for (var i = 0; i < count; i++)
                {
                    var v = rows.Values[(kept[start + i] * rows.ValueCount) + j];
                    values[i] = MissingValue.IsNa(v) ? null : v;
                }

                await group.WriteAsync<double>(columns.Values[j], values, cancellationToken: cancellationToken);
            }

            var textValues = new string?[count];
            for (var j = 0; j < columns.Texts.Count; j++)
            {
                for (var i = 0; i < count; i++)
                {
                    var id = rows.Texts[(kept[start + i] * rows.TextCount) + j];
                    textValues[i] = id < 0 ? null : texts[id];
                }

                await group.WriteAsync(columns.Texts[j], textValues!);
            }
        }

        output.AddFile(relative, count, columns.Schema.Fields.Count, SchemaName);
    }

    private static ParquetOptions WriteOptions(ChunkColumns columns)
    {
        // Parquet.Net pools its encoding buffers without bound unless told; that pool alone pushed the peak past the budget.
        var options = new ParquetOptions
        {
            MaximumSmallPoolFreeBytes = 16 << 20,
            MaximumLargePoolFreeBytes = 32 << 20,
        };

        // Sensor ids and texts repeat: dictionary encoding makes them smaller and about twice as fast to read back
        // (Parquet.Net writes strings plain unless asked).
        options.ColumnEncodingHints[columns.SensorId.Name] = EncodingHint.Dictionary;
        foreach (var text in columns.Texts)
        {
            options.ColumnEncodingHints[text.Name] = EncodingHint.Dictionary;
        }

        return options;
    }
}
