using Parquet;
using Parquet.Schema;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Reads a chunk already written back into a row buffer, so rows that arrive for it later can be merged in.
/// The rows get order -1 (<see cref="WrittenOrder"/>): everything written came earlier in the input than any row
/// still to come; rows of an asset's partition get <see cref="AssetOrder"/>, earlier still: what an asset holds
/// wins over a run's row for the same sensor and time.
/// </summary>
internal static class ChunkReadBack
{
    public const long WrittenOrder = -1;
    public const long AssetOrder = -2;
    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = false };

    /// <summary>Reads a chunk this run wrote: every sensor and text in it is already numbered in <paramref name="names"/>.</summary>
    public static Task ReadAsync(string folder, RowBuffer into, ChunkColumns columns, ChunkNames names, CancellationToken cancellationToken)
    {
        var sensorIds = Index(names.Sensors);
        var textIds = Index(names.Texts);
        return ReadAsync(folder, into, columns, s => sensorIds[s], t => textIds[t], WrittenOrder, cancellationToken);
    }

    /// <summary>Reads a partition folder, numbering its sensors and texts with <paramref name="sensorId"/> and <paramref name="textId"/>.</summary>
    public static async Task ReadAsync(
        string folder, RowBuffer into, ChunkColumns columns, Func<string, int> sensorId, Func<string, int> textId, long order, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream, ReadOptions, cancellationToken: cancellationToken);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var sensors = new string?[count];
                var timestamps = new DateTime[count];
                var dates = new DateTime[count];
                await group.ReadAsync(Field(reader, columns.SensorId), sensors.AsMemory(), null, cancellationToken);
                await group.ReadAsync<DateTime>(Field(reader, columns.Timestamp), timestamps.AsMemory(), null, cancellationToken);
                await group.ReadAsync<DateTime>(Field(reader, columns.Date), dates.AsMemory(), null, cancellationToken);
                var first = into.Count;
                for (var i = 0; i < count; i++)
                {
                    into.Set(into.Add(), order, sensorId(sensors[i]!), timestamps[i].Ticks, (int)(dates[i].Ticks / TimeSpan.TicksPerDay));
                }

                var values = new double?[count];
                for (var j = 0; j < columns.Values.Count; j++)
                {
                    await group.ReadAsync<double>(Field(reader, columns.Values[j]), values.AsMemory(), null, cancellationToken);
                    for (var i = 0; i < count; i++)
                    {
                        into.ValuesOf(first + i)[j] = values[i] ?? MissingValue.Na;
                    }
                }

                var texts = new string?[count];
                for (var j = 0; j < columns.Texts.Count; j++)
                {
                    await group.ReadAsync(Field(reader, columns.Texts[j]), texts.AsMemory(), null, cancellationToken);
                    for (var i = 0; i < count; i++)
                    {
                        into.TextsOf(first + i)[j] = texts[i] is { } text ? textId(text) : -1;
                    }
                }
            }
        }
    }

    private static DataField Field(ParquetReader reader, DataField field) =>
        reader.Schema.GetDataFields().First(f => f.Name == field.Name);

    private static Dictionary<string, int> Index(string[] names)
    {
        var ids = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            ids[names[i]] = i;
        }

        return ids;
    }
}
