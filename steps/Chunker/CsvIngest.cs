using Pipeline.Steps.Chunker.Partitioning;
using Pipeline.Steps.Chunker.Quarantine;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.SensorCsv.Inputs;
using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Chunker;

/// <summary>
/// Reads one input through the parsing pipeline: one thread cuts the text into blocks of whole records, workers
/// parse blocks in parallel, and this thread takes the parsed batches back in input order into the accumulator
/// (<see cref="OrderedBlocks"/>).
/// </summary>
internal sealed class CsvIngest(Func<InputSchema, ChunkSink> sinkFor, QuarantineWriter quarantine, ChunkerOptions options, StepConfinement confinement) : IDisposable
{
    private const int BlockChars = 1 << 20;
    private const int BlocksInFlight = 4;

    // One numbering of sensor ids per parsing thread, kept over every block and input (see KnownSensors).
    private readonly ThreadLocal<KnownSensors> _knownSensors = new(() => new KnownSensors());

    public long RowsRead { get; private set; }

    public void Dispose() => _knownSensors.Dispose();

    /// <summary>Reads the input (the first one decides the sink's columns) and returns the schema it was read with and the SHA-256 of its bytes.</summary>
    public async Task<(InputSchema Schema, string Sha256, long Bytes)> ReadAsync(
        InputSource source, int fileIndex, bool lastInput, CsvSchemaOptions schemaOptions, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadInputAsync(source, fileIndex, lastInput, schemaOptions, cancellationToken);
        }
        catch (StepException e) when (source.IsUrl && e.WithoutContent is { } withoutContent)
        {
            // What a URL answered is not repeated into the error, which the run's viewers read: the URL may have led
            // somewhere its caller could not look.
            throw new StepException(e.ExitCode, withoutContent, e.Location);
        }
    }

    private async Task<(InputSchema Schema, string Sha256, long Bytes)> ReadInputAsync(
        InputSource source, int fileIndex, bool lastInput, CsvSchemaOptions schemaOptions, CancellationToken cancellationToken)
    {
        using var input = await InputOpener.OpenAsync(source, confinement.AllowPrivateUrls, cancellationToken);
        var splitter = new RecordBlockSplitter(input.Text, fileIndex, options.Quote[0], BlockChars, options.MaxRecordMb * (1 << 20), source.Location);
        try
        {
            var schema = SchemaDetector.Detect(splitter.Peek(), schemaOptions, source.Location);
            splitter.SkipHeader();
            var sink = sinkFor(schema);
            await OrderedBlocks.ForEachAsync(
                splitter,
                block => new BlockParser(schema, _knownSensors.Value).Parse(block),
                BlocksInFlight,
                async batch =>
                {
                    using (batch)
                    {
                        RowsRead += batch.RecordsRead;
                        await sink.AddAsync(batch, takeIdle: lastInput);
                        foreach (var bad in batch.Quarantined)
                        {
                            quarantine.Write(bad);
                        }
                    }
                },
                cancellationToken);
            return (schema, input.FinishHash(), input.BytesRead);
        }
        catch (StepException e) when (e.Location is { File.Length: 0 })
        {
            // Detection and the block parsers know lines, not which input they read.
            throw new StepException(e.ExitCode, e.Message, e.Location with { File = source.Location }) { WithoutContent = e.WithoutContent };
        }
        finally
        {
            splitter.Release();
        }
    }
}
