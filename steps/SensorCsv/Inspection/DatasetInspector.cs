using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Inputs;
using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.SensorCsv.Inspection;

/// <summary>
/// Reads a CSV file (plain or gzip) the way the Chunker would, with its schema detection and row parser, without
/// writing anything: the workflow server profiles an uploaded dataset with it, so what it records is what a
/// sensor-prediction run will see. Bad input (empty, binary, no usable header) throws the Chunker's own
/// <see cref="StepException"/>, naming the file.
/// </summary>
public static class DatasetInspector
{
    private const int BlockChars = 1 << 20;
    private const int MaxProblems = 20;

    /// <param name="file">The file to read.</param>
    /// <param name="timeZone">IANA zone for timestamps without an offset (decides the days); UTC when null.</param>
    /// <param name="displayName">How errors name the file (the upload's name rather than the server's path).</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<DatasetProfile> InspectAsync(string file, string? timeZone, string displayName, CancellationToken cancellationToken)
    {
        var options = new CsvSchemaOptions { TimeZone = timeZone ?? "UTC" };
        if (TimeZoneIds.Problem(options.TimeZone) is { } unknown)
        {
            throw StepException.BadOption(unknown);
        }

        using var input = await InputOpener.OpenAsync(new InputSource(file, IsUrl: false), allowPrivateUrls: false, cancellationToken);
        var splitter = new RecordBlockSplitter(input.Text, 0, options.Quote, BlockChars, options.MaxRecordMb * (1 << 20), displayName);
        try
        {
            var schema = SchemaDetector.Detect(splitter.Peek(), options, displayName);
            splitter.SkipHeader();
            return await CountAsync(splitter, schema, cancellationToken);
        }
        catch (StepException e) when (e.Location is { } at && (at.File.Length == 0 || at.File == file))
        {
            // The upload's name, not the server's path of its temporary file.
            throw new StepException(e.ExitCode, e.Message, at with { File = displayName }, e.InnerException);
        }
        finally
        {
            splitter.Release();
        }
    }

    private static async Task<DatasetProfile> CountAsync(RecordBlockSplitter splitter, InputSchema schema, CancellationToken cancellationToken)
    {
        // Blocks are parsed on worker threads, as the Chunker parses them, and taken back in input order so the
        // problems listed are the first ones in the file.
        var sensors = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<DatasetProblem>();
        long rows = 0, good = 0;
        int firstDay = int.MaxValue, lastDay = int.MinValue;
        await OrderedBlocks.ForEachAsync(
            splitter,
            block => Count(block, schema),
            Math.Max(2, Environment.ProcessorCount * 2),
            counts =>
            {
                rows += counts.Rows;
                good += counts.Good;
                sensors.UnionWith(counts.Sensors);
                firstDay = Math.Min(firstDay, counts.FirstDay);
                lastDay = Math.Max(lastDay, counts.LastDay);
                problems.AddRange(counts.Problems.Take(MaxProblems - problems.Count));
                return ValueTask.CompletedTask;
            },
            cancellationToken);

        return new DatasetProfile
        {
            Schema = SchemaReport.From(schema),
            Rows = rows,
            GoodRows = good,
            Sensors = sensors.Count,
            FirstDay = good > 0 ? DateOnly.FromDayNumber(firstDay) : null,
            LastDay = good > 0 ? DateOnly.FromDayNumber(lastDay) : null,
            Problems = problems,
        };
    }

    private static BlockCounts Count(RecordBlock block, InputSchema schema)
    {
        using (var batch = new BlockParser(schema).Parse(block))
        {
            int firstDay = int.MaxValue, lastDay = int.MinValue;
            foreach (var day in batch.Day.AsSpan(0, batch.Count))
            {
                firstDay = Math.Min(firstDay, day);
                lastDay = Math.Max(lastDay, day);
            }

            return new BlockCounts(
                batch.RecordsRead, batch.Count, [.. batch.SensorNames], firstDay, lastDay,
                [.. batch.Quarantined.Take(MaxProblems).Select(q => new DatasetProblem(q.Line, q.Column, q.Reason))]);
        }
    }

    private sealed record BlockCounts(long Rows, long Good, string[] Sensors, int FirstDay, int LastDay, DatasetProblem[] Problems);
}
