using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Steps.Chunker.Inputs;
using Pipeline.Steps.Chunker.Parsing;
using Pipeline.Steps.Chunker.Partitioning;
using Pipeline.Steps.Chunker.Quarantine;
using Pipeline.Steps.Contract;
using Pipeline.Steps.Contract.Parquet;

namespace Pipeline.Steps.Chunker;

/// <summary>The Chunker's body: read every input, then write each chunk, then balance the counts and report.</summary>
internal static partial class ChunkerStep
{
    public static async Task<JsonObject> RunAsync(StepContext<ChunkerOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var sources = InputResolver.Resolve(options.Input!);
        var ledger = InputLedger.Load(context.StateDirectory);
        var (toRead, skipped) = await SkipProcessedAsync(sources, ledger, options, cancellationToken);
        if (toRead.Count == 0)
        {
            throw StepException.BadData("every input was already processed (--skip-processed); nothing to do", new SourceLocation(sources[0].Location));
        }

        var files = toRead.Select(s => s.Location).ToList();
        var spill = context.Output.PathFor(Path.Combine("_spill", "x"));
        var spillDirectory = Path.GetDirectoryName(spill)!;
        using var quarantine = new QuarantineWriter(context.Output.PathFor(QuarantineWriter.FileName), files);

        CsvSchemaHolder read;
        using (context.Timings.Measure("read"))
        {
            read = await ReadAllAsync(context, toRead, spillDirectory, quarantine, ledger, cancellationToken);
        }

        // Reading left its garbage behind; collect it before writing needs memory of its own.
        GC.Collect();
        ChunkerLog.PhaseDone(context.Logger, "read", ProcessMemory.Sample());
        var accumulator = read.Accumulator;
        var columns = new ChunkColumns(read.Report.ValueColumns, read.Report.TextColumns);
        var writer = new ChunkWriter(context.Output, columns, accumulator.Sensors.Names, accumulator.Sensors.OrdinalRanks(),
            accumulator.Texts.Names, options.DaysPerChunk, options.SensorsPerChunk);
        var results = new List<ChunkResult>();
        using (context.Timings.Measure("write"))
        {
            results = await WriteChunksAsync(accumulator, writer, cancellationToken);
        }

        ChunkerLog.PhaseDone(context.Logger, "write", ProcessMemory.Sample());
        Directory.Delete(spillDirectory, recursive: true);
        foreach (var duplicate in results.SelectMany(r => r.Duplicates).OrderBy(d => d.Order))
        {
            quarantine.Write(new QuarantinedRow(RowOrder.File(duplicate.Order), RowOrder.Line(duplicate.Order), null, RowProblem.Duplicate,
                $"duplicate of the row at {Path.GetFileName(files[RowOrder.File(duplicate.FirstOrder)])}:{RowOrder.Line(duplicate.FirstOrder)}",
                $"{duplicate.Sensor},{new DateTime(duplicate.UtcTicks, DateTimeKind.Utc):O}"));
        }

        quarantine.Dispose();
        context.Output.AddSchema(ChunkWriter.SchemaName, ParquetColumns.Describe(columns.Schema));
        context.Output.AddFile(QuarantineWriter.FileName, quarantine.Rows, 5, null);

        var metrics = Summarize(read, results, quarantine, skipped, accumulator);
        CheckBadShare(metrics, options, files[0]);
        ledger.Save();
        return JsonSerializer.SerializeToNode(metrics, ChunkerJsonContext.Default.ChunkerMetrics)!.AsObject();
    }

    private static async Task<CsvSchemaHolder> ReadAllAsync(
        StepContext<ChunkerOptions> context, List<InputSource> sources, string spillDirectory,
        QuarantineWriter quarantine, InputLedger ledger, CancellationToken cancellationToken)
    {
        var options = context.Options;
        ChunkAccumulator? accumulator = null;
        SchemaReport? report = null;
        var alreadyProcessed = new List<string>();
        long rowsRead = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var schemaOptions = report?.Pin(options) ?? options;
            // The first input's schema decides the accumulator's columns; later inputs are pinned to it.
            var ingest = new CsvIngest(
                schema => accumulator ??= new ChunkAccumulator(schema.ValueIndexes.Count, schema.TextIndexes.Count,
                    options.DaysPerChunk, options.MemoryBudgetMb * 1024L * 1024L, spillDirectory),
                quarantine,
                options);
            var (schema, sha, bytes) = await ingest.ReadAsync(source, i, schemaOptions, cancellationToken);
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

        return new CsvSchemaHolder(accumulator!, report!, rowsRead, alreadyProcessed);
    }

    private static async Task<List<ChunkResult>> WriteChunksAsync(ChunkAccumulator accumulator, ChunkWriter writer, CancellationToken cancellationToken)
    {
        var chunks = accumulator.ChunkIndexes;
        var results = new ChunkResult[chunks.Count];
        var gate = new Lock();
        // Two chunks at a time: one per core, and memory stays at two chunks' rows.
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                RowBuffer rows;
                lock (gate)
                {
                    rows = accumulator.Take(chunks[i]);
                }

                results[i] = await writer.WriteAsync(accumulator.FirstDay(chunks[i]), rows, ct);
                rows.Clear();
                accumulator.Governor.Check();
            });
        return [.. results];
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

    private static ChunkerMetrics Summarize(CsvSchemaHolder read, List<ChunkResult> results, QuarantineWriter quarantine, List<string> skipped, ChunkAccumulator accumulator)
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
            Sensors = accumulator.Sensors.Names.Count,
            Days = days.Count,
            FirstDay = days.Count == 0 ? null : DateOnly.FromDayNumber(days[0]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            LastDay = days.Count == 0 ? null : DateOnly.FromDayNumber(days[^1]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SpilledBytes = accumulator.SpilledBytes,
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
    private sealed record CsvSchemaHolder(ChunkAccumulator Accumulator, SchemaReport Report, long RowsRead, List<string> AlreadyProcessed);
}
