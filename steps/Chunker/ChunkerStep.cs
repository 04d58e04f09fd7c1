using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using Pipeline.Steps.Assets;
using Pipeline.Steps.Chunker.Partitioning;
using Pipeline.Steps.Chunker.Quarantine;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Runtime.Parquet;
using Pipeline.Steps.SensorCsv.Inputs;
using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Chunker;

/// <summary>The Chunker's body: read every input, then write each chunk, then balance the counts and report.</summary>
internal static partial class ChunkerStep
{
    public static async Task<JsonObject> RunAsync(StepContext<ChunkerOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var sources = InputResolver.Resolve(options.Input!);
        CheckConfined(sources, context.Confinement);
        // The asset's lock first: a second run writing the same asset waits here, before reading anything.
        using var asset = options.AssetDir is { Length: > 0 } assetDir ? AssetWriter.Open(assetDir, options.TimeZone, cancellationToken) : null;
        var ledger = InputLedger.Load(context.StateDirectory);
        var (toRead, skipped) = await SkipProcessedAsync(sources, ledger, options, cancellationToken);
        if (toRead.Count == 0)
        {
            throw StepException.BadData("every input was already processed (--skip-processed); nothing to do", new SourceLocation(sources[0].Location));
        }

        var files = toRead.Select(s => s.Location).ToList();
        using var quarantine = new QuarantineWriter(context.Output.PathFor(QuarantineWriter.FileName), files);

        ReadOutcome read;
        List<ChunkResult> results;
        using (context.Timings.Measure("readAndWrite"))
        {
            read = await ReadAllAsync(context, toRead, quarantine, ledger, asset, cancellationToken);
            ChunkerLog.PhaseDone(context.Logger, "read", ProcessMemory.Sample());
            using (read.Sink)
            {
                results = await read.Sink.CompleteAsync();
            }
        }

        ChunkerLog.PhaseDone(context.Logger, "write", ProcessMemory.Sample());
        foreach (var duplicate in results.SelectMany(r => r.Duplicates).OrderBy(d => d.Order))
        {
            quarantine.Write(new QuarantinedRow(RowOrder.File(duplicate.Order), RowOrder.Line(duplicate.Order), null, RowProblem.Duplicate,
                duplicate.FirstOrder == ChunkReadBack.WrittenOrder
                    ? "duplicate of a row earlier in the input (its line is not kept once its chunk is written)"
                    : $"duplicate of the row at {Path.GetFileName(files[RowOrder.File(duplicate.FirstOrder)])}:{RowOrder.Line(duplicate.FirstOrder)}",
                $"{duplicate.Sensor},{new DateTime(duplicate.UtcTicks, DateTimeKind.Utc):O}"));
        }

        quarantine.Dispose();
        context.Output.AddSchema(ChunkWriter.SchemaName, ParquetColumns.Describe(read.Sink.Columns.Schema));
        context.Output.AddFile(QuarantineWriter.FileName, quarantine.Rows, 5, null);

        var metrics = Summarize(read, results, quarantine, skipped);
        CheckBadShare(metrics, options, files[0]);
        if (asset is not null)
        {
            using (context.Timings.Measure("publishPartitions"))
            {
                var inputs = context.Inputs.Select(i => new PartitionInput(null, null, i.Path, i.Sha256)).ToList();
                metrics = metrics with { Asset = await PartitionPublisher.PublishAsync(asset, context.Output, read.Sink, results, options.SensorsPerChunk, inputs, cancellationToken) };
                context.AddAsset(asset.Report());
            }
        }

        ledger.Save();
        return JsonSerializer.SerializeToNode(metrics, ChunkerJsonContext.Default.ChunkerMetrics)!.AsObject();
    }

    private static async Task<ReadOutcome> ReadAllAsync(
        StepContext<ChunkerOptions> context, List<InputSource> sources, QuarantineWriter quarantine, InputLedger ledger, AssetWriter? asset, CancellationToken cancellationToken)
    {
        var options = context.Options;
        ChunkSink? sink = null;
        SchemaReport? report = null;
        var alreadyProcessed = new List<string>();
        long rowsRead = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var schemaOptions = report?.Pin(options.Schema()) ?? options.Schema();
            // The first input's schema decides the chunk columns; later inputs are pinned to it.
            using var ingest = new CsvIngest(schema => sink ??= CreateSink(schema, options, context.Output, asset, cancellationToken), quarantine, options, context.Confinement);
            var (schema, sha, bytes) = await ingest.ReadAsync(source, i, lastInput: i == sources.Count - 1, schemaOptions, cancellationToken);
            report ??= SchemaReport.From(schema);
            rowsRead += ingest.RowsRead;
            var seen = ledger.Find(sha);
            if (seen is not null)
            {
                alreadyProcessed.Add(source.Location);
                ChunkerLog.AlreadyProcessed(context.Logger, source.Location, sha, seen.Path, seen.FirstProcessedAt);
            }

            ledger.Record(sha, new LedgerEntry(source.Location, bytes, context.Clock.GetUtcNow(), context.Output.FinalDirectory));
            context.AddInput(new(source.Location, bytes, sha, seen is not null));
            ChunkerLog.InputRead(context.Logger, source.Location, ingest.RowsRead, bytes);
        }

        return new ReadOutcome(sink!, report!, rowsRead, alreadyProcessed);
    }

    /// <summary>The chunk sink for the first input's columns; with an asset, only once they match the asset's.</summary>
    private static ChunkSink CreateSink(InputSchema schema, ChunkerOptions options, StepOutput output, AssetWriter? asset, CancellationToken cancellationToken)
    {
        var sink = ChunkSink.For(schema, options, output, cancellationToken);
        asset?.CheckColumns(ParquetColumns.Describe(sink.Columns.Schema));
        return sink;
    }

    /// <summary>Each file a folder or glob matched stays inside the server's folders too: a link among them may lead out.</summary>
    private static void CheckConfined(IReadOnlyList<InputSource> sources, StepConfinement confinement)
    {
        foreach (var source in sources.Where(s => !s.IsUrl))
        {
            if (confinement.Paths?.Problem(source.Location, PathAccess.Read, glob: false) is { } problem)
            {
                throw StepException.BadOption($"--input {problem}");
            }
        }
    }

    private static async Task<(List<InputSource> ToRead, List<string> Skipped)> SkipProcessedAsync(
        IReadOnlyList<InputSource> sources, InputLedger ledger, ChunkerOptions options, CancellationToken cancellationToken)
    {
        if (!options.SkipProcessed)
        {
            return ([.. sources], []);
        }

        var toRead = new List<InputSource>();
        var skipped = new List<string>();
        foreach (var source in sources)
        {
            // A URL cannot be hashed without downloading it; it is read and reported instead.
            if (!source.IsUrl)
            {
                await using var stream = File.OpenRead(source.Location);
                var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                if (ledger.Find(sha) is not null)
                {
                    skipped.Add(source.Location);
                    continue;
                }
            }

            toRead.Add(source);
        }

        return (toRead, skipped);
    }

    private static ChunkerMetrics Summarize(ReadOutcome read, List<ChunkResult> results, QuarantineWriter quarantine, List<string> skipped)
    {
        var days = results.SelectMany(r => r.Days).Distinct().Order().ToList();
        var duplicates = results.Sum(r => (long)r.Duplicates.Count);
        var written = results.Sum(r => r.RowsWritten);
        return new ChunkerMetrics
        {
            RowsRead = read.RowsRead,
            RowsWritten = written,
            RowsQuarantined = quarantine.Rows - duplicates,
            RowsDuplicate = duplicates,
            BadShare = read.RowsRead == 0 ? 0 : Math.Round((double)quarantine.Rows / read.RowsRead, 6),
            QuarantineReasons = quarantine.Reasons,
            Chunks = results.Count,
            Files = results.Sum(r => r.Files),
            Sensors = read.Sink.Accumulator.Sensors.Count,
            Days = days.Count,
            FirstDay = days.Count == 0 ? null : DateOnly.FromDayNumber(days[0]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            LastDay = days.Count == 0 ? null : DateOnly.FromDayNumber(days[^1]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ChunkRewrites = read.Sink.Flusher.Rewrites,
            SpilledBytes = read.Sink.Flusher.SpilledBytes,
            Schema = read.Report,
            AlreadyProcessed = read.AlreadyProcessed,
            Skipped = skipped,
            Memory = ProcessMemory.Sample(),
        };
    }

    private static void CheckBadShare(ChunkerMetrics metrics, ChunkerOptions options, string firstFile)
    {
        if (metrics.RowsRead == 0)
        {
            throw StepException.BadData("the input has no data rows", new SourceLocation(firstFile));
        }

        if (metrics.RowsRead != metrics.RowsWritten + metrics.RowsQuarantined + metrics.RowsDuplicate)
        {
            throw new StepException($"row counts do not balance: read {metrics.RowsRead}, written {metrics.RowsWritten}, quarantined {metrics.RowsQuarantined}, duplicate {metrics.RowsDuplicate}");
        }

        if (metrics.BadShare > options.MaxBadShare)
        {
            var reasons = string.Join(", ", metrics.QuarantineReasons.Select(r => $"{r.Key}: {r.Value}"));
            throw StepException.BadData(
                $"{metrics.BadShare:P2} of {metrics.RowsRead} rows are bad ({reasons}), above --max-bad-share {options.MaxBadShare:P2}; see {QuarantineWriter.FileName} in the failure report folder",
                new SourceLocation(firstFile));
        }
    }

    /// <summary>What reading all inputs produced.</summary>
    private sealed record ReadOutcome(ChunkSink Sink, SchemaReport Report, long RowsRead, List<string> AlreadyProcessed);
}
