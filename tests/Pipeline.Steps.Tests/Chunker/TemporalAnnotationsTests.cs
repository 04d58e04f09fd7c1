using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Chunker.Partitioning;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>Chunk timestamps and dates are written as integers: the file must still read as TIMESTAMP and DATE.</summary>
public sealed class TemporalAnnotationsTests
{
    private static readonly DateTime[] Times =
    [
        new(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
        new(2024, 1, 1, 0, 5, 0, DateTimeKind.Utc),
        new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1230),
    ];

    [Fact]
    public async Task Integer_columns_read_back_as_utc_timestamps_and_dates()
    {
        var columns = new ChunkColumns(["v"], []);
        using var file = new MemoryStream();
        await WriteAsync(columns, file);

        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        var timestamp = Assert.IsType<DateTimeDataField>(fields[1]);
        Assert.Equal(DateTimeFormat.Timestamp, timestamp.DateTimeFormat);
        Assert.True(timestamp.IsAdjustedToUTC);
        Assert.Equal(DateTimeTimeUnit.Micros, timestamp.Unit);
        var elements = reader.Metadata!.Schema;
        Assert.NotNull(elements.Single(e => e.Name == "timestamp").LogicalType?.TIMESTAMP?.Unit.MICROS);
        Assert.Equal(Parquet.Meta.ConvertedType.DATE, elements.Single(e => e.Name == "date").ConvertedType);

        using var group = reader.OpenRowGroupReader(0);
        var times = new DateTime[Times.Length];
        var dates = new DateTime[Times.Length];
        await group.ReadAsync<DateTime>(fields[1], times.AsMemory());
        await group.ReadAsync<DateTime>(fields[2], dates.AsMemory());

        // Microsecond precision: the tick below a microsecond is dropped, as DateTime values were before.
        Assert.Equal(Times.Select(t => t.AddTicks(-(t.Ticks % 10))), times);
        Assert.Equal(Times.Select(t => t.Date), dates);
    }

    [Fact]
    public void Conversions_count_from_the_unix_epoch()
    {
        Assert.Equal(0, TemporalAnnotations.UnixMicros(DateTime.UnixEpoch.Ticks));
        Assert.Equal(1_704_067_500_000_000, TemporalAnnotations.UnixMicros(Times[1].Ticks));
        Assert.Equal(0, TemporalAnnotations.UnixDays(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));
        Assert.Equal(-1, TemporalAnnotations.UnixDays(DateOnly.FromDateTime(Times[0]).DayNumber));
    }

    private static async Task WriteAsync(ChunkColumns columns, Stream file)
    {
        var options = new ParquetOptions();
        var annotations = new TemporalAnnotations([columns.Timestamp, columns.Date], options);
        await using var writer = await ParquetWriter.CreateAsync(columns.WriteSchema, file, options);
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync(columns.SensorId, Times.Select(_ => "s1").ToArray());
            await group.WriteAsync<long>(columns.TimestampMicros, Times.Select(t => TemporalAnnotations.UnixMicros(t.Ticks)).ToArray());
            await group.WriteAsync<int>(columns.UnixDate, Times.Select(t => TemporalAnnotations.UnixDays(DateOnly.FromDateTime(t).DayNumber)).ToArray());
            await group.WriteAsync<double>(columns.Values[0], Times.Select(_ => (double?)1.5).ToArray());
        }

        annotations.Apply(writer);
    }
}
