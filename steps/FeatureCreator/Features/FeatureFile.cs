using Parquet;
using Parquet.Schema;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// A run's <c>features.parquet</c>, written a window of days at a time as each is complete (a row group each), so
/// that the run never holds every sensor-day's features at once. Its columns are fixed by the first window.
/// </summary>
internal sealed class FeatureFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;

    private FeatureFile(FileStream stream, ParquetWriter writer, ParquetSchema schema)
    {
        _stream = stream;
        _writer = writer;
        Schema = schema;
    }

    public ParquetSchema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    public static async Task<FeatureFile> CreateAsync(string path, ParquetSchema schema, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        try
        {
            return new FeatureFile(stream, await ParquetWriter.CreateAsync(schema, stream, null, false, cancellationToken), schema);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public async Task AddAsync(FeatureTable table, CancellationToken cancellationToken)
    {
        await FeatureWriter.WriteRowGroupAsync(_writer, table, Schema, cancellationToken);
        Rows += table.RowCount;
    }

    /// <summary>Finishes the file (its footer).</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
