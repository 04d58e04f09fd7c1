using Pipeline.Steps.Chunker.Inputs;
using Pipeline.Steps.Chunker.Parsing;
using Pipeline.Steps.Chunker.Schema;
using Pipeline.Steps.Contract;

namespace Pipeline.Steps.Chunker.Inspection;

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
        var options = new ChunkerOptions { Output = "", TimeZone = timeZone ?? "UTC" };
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            throw StepException.BadOption($"'{options.TimeZone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)");
        }

        using var input = await InputOpener.OpenAsync(new InputSource(file, IsUrl: false), cancellationToken);
        var splitter = new RecordBlockSplitter(input.Text, 0, options.Quote[0], BlockChars, options.MaxRecordMb * (1 << 20), displayName);
        try
        {
            var schema = SchemaDetector.Detect(splitter.Peek(), options, displayName);
            splitter.SkipHeader();
            return Count(splitter, schema, cancellationToken);
        }
        catch (StepException e) when (e.Location is { File.Length: 0 })
        {
            throw new StepException(e.ExitCode, e.Message, e.Location with { File = displayName });
        }
        finally
        {
            splitter.Release();
        }
    }

    private static DatasetProfile Count(RecordBlockSplitter splitter, InputSchema schema, CancellationToken cancellationToken)
    {
        var parser = new BlockParser(schema);
        var sensors = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<DatasetProblem>();
        long rows = 0, good = 0;
        int firstDay = int.MaxValue, lastDay = int.MinValue;
        while (splitter.Next() is { } block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (block)
            using (var batch = parser.Parse(block))
            {
                rows += batch.RecordsRead;
                good += batch.Count;
                sensors.UnionWith(batch.SensorNames);
                foreach (var day in batch.Day.AsSpan(0, batch.Count))
                {
                    firstDay = Math.Min(firstDay, day);
                    lastDay = Math.Max(lastDay, day);
                }

                problems.AddRange(batch.Quarantined.Take(MaxProblems - problems.Count).Select(q => new DatasetProblem(q.Line, q.Column, q.Reason)));
            }
        }

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
}
