using Parquet.Schema;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>The Parquet schema of a chunk file: sensor_id, timestamp (UTC), date (local day), values, texts.</summary>
internal sealed class ChunkColumns
{
    public ChunkColumns(IReadOnlyList<string> valueNames, IReadOnlyList<string> textNames)
    {
        Values = [.. valueNames.Select(n => new DataField<double?>(n))];
        Texts = [.. textNames.Select(n => new DataField<string>(n, nullable: true))];
        Schema = new ParquetSchema([SensorId, Timestamp, Date, .. Values, .. Texts]);
        WriteSchema = new ParquetSchema([SensorId, TimestampMicros, UnixDate, .. Values, .. Texts]);
    }

    public DataField SensorId { get; } = new DataField<string>("sensor_id", nullable: false);

    public DataField Timestamp { get; } = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    public DataField Date { get; } = new DateTimeDataField("date", DateTimeFormat.Date, isNullable: false);

    /// <summary>The timestamp as written: microseconds since the Unix epoch, annotated by <see cref="TemporalAnnotations"/>.</summary>
    public DataField TimestampMicros { get; } = new DataField<long>("timestamp", nullable: false);

    /// <summary>The date as written: days since the Unix epoch, annotated by <see cref="TemporalAnnotations"/>.</summary>
    public DataField UnixDate { get; } = new DataField<int>("date", nullable: false);

    public IReadOnlyList<DataField> Values { get; }

    public IReadOnlyList<DataField> Texts { get; }

    /// <summary>The schema readers see (and the manifest describes).</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The schema the writer is given: <see cref="Schema"/> with integer timestamp and date columns.</summary>
    public ParquetSchema WriteSchema { get; }
}
