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
    }

    public DataField SensorId { get; } = new DataField<string>("sensor_id", nullable: false);

    public DataField Timestamp { get; } = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    /// <summary>A Parquet DATE, written from DateTime values: Parquet.Net's DateOnly path is three times slower.</summary>
    public DataField Date { get; } = new DateTimeDataField("date", DateTimeFormat.Date, isNullable: false);

    public IReadOnlyList<DataField> Values { get; }

    public IReadOnlyList<DataField> Texts { get; }

    public ParquetSchema Schema { get; }
}
