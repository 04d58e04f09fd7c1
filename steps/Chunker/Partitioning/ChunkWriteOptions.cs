using Parquet;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>How the chunk writer asks Parquet.Net to write: bounded buffer pools, dictionaries where values repeat.</summary>
internal static class ChunkWriteOptions
{
    public static ParquetOptions Create(ChunkColumns columns)
    {
        // Parquet.Net pools its encoding buffers without bound unless told; that pool alone pushed the peak past the budget.
        var options = new ParquetOptions
        {
            MaximumSmallPoolFreeBytes = 16 << 20,
            MaximumLargePoolFreeBytes = 32 << 20,
        };

        // Sensor ids and texts repeat: dictionary encoding makes them smaller and about twice as fast to read back
        // (Parquet.Net writes strings plain unless asked). It dictionary-encodes only strings, so the timestamp and
        // date columns are not hinted: they are written plain and Snappy takes their repeats.
        options.ColumnEncodingHints[columns.SensorId.Name] = EncodingHint.Dictionary;
        foreach (var text in columns.Texts)
        {
            options.ColumnEncodingHints[text.Name] = EncodingHint.Dictionary;
        }

        return options;
    }
}
