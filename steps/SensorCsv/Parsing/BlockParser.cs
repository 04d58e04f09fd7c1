using System.Globalization;
using Pipeline.Steps.SensorCsv.Schema;
using Sylvan.Data.Csv;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Parses one block of records into a <see cref="ParsedBatch"/>, quarantining each bad row with its line, column
/// and reason: a block without quotes is split in place (<see cref="PlainRecordParser"/>), any other with Sylvan.
/// Fields are read as spans: no string is allocated for numbers or timestamps. Sensors are numbered through
/// <paramref name="known"/> when the caller keeps one per parsing thread (see <see cref="KnownSensors"/>).
/// </summary>
internal sealed class BlockParser(InputSchema schema, KnownSensors? known = null)
{
    private readonly KnownSensors _known = known ?? new KnownSensors();
    private const int MaxRawChars = 1000;
    private readonly ZoneClock _clock = new(schema.TimeZone);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _na =
        new HashSet<string>(schema.NaTokens, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly int[] _starts = new int[schema.Header.Count + 1];

    public ParsedBatch Parse(RecordBlock block)
    {
        var text = block.Text;
        var survey = block.Survey;
        var capacity = survey.LineBreaks + 1;
        var batch = new ParsedBatch(capacity, schema.ValueIndexes.Count, schema.TextIndexes.Count);
        var rows = new RowFieldParser(schema, _clock, _na, batch, _known);
        // The survey looked for the splitter's quote character, which is the schema's unless a caller set them apart.
        if (survey.Quote == schema.Quote ? !survey.HasQuote : !text.Span.Contains(schema.Quote))
        {
            var sink = new PlainSink(this, block.FileIndex, rows, batch);
            if (PlainRecordParser.TryParse(text.Span, block.FirstLine, schema.Delimiter, _starts, ref sink, survey.HasCarriageReturn))
            {
                return batch;
            }

            batch.Dispose();
            batch = new ParsedBatch(capacity, schema.ValueIndexes.Count, schema.TextIndexes.Count);
            rows = new RowFieldParser(schema, _clock, _na, batch, _known);
        }

        if (FieldLimit.Find(text.Span, schema.Delimiter, schema.Quote) is { } wide)
        {
            batch.Dispose();
            throw FieldLimit.TooMany(block.FirstLine + wide.NewlinesBefore);
        }

        try
        {
            ParseRecords(text, block, rows, batch);
        }
        catch (CsvFormatException)
        {
            // A malformed quote ends Sylvan's reading of the block: re-read it line by line to isolate the bad ones.
            batch.Dispose();
            batch = new ParsedBatch(capacity, schema.ValueIndexes.Count, schema.TextIndexes.Count);
            rows = new RowFieldParser(schema, _clock, _na, batch, _known);
            ParseLineByLine(block, rows, batch);
        }

        return batch;
    }

    private void ParseRecords(ReadOnlyMemory<char> text, RecordBlock block, RowFieldParser rows, ParsedBatch batch)
    {
        using var reader = CsvDataReader.Create(new MemoryTextReader(text), ReaderOptions(text.Length));
        while (reader.Read())
        {
            var line = block.FirstLine + reader.RowNumber - 1;
            ParseOne(new SylvanFields(reader), reader.RowFieldCount, reader.GetRawRecordSpan(), block.FileIndex, line, rows, batch);
        }
    }

    private void ParseLineByLine(RecordBlock block, RowFieldParser rows, ParsedBatch batch)
    {
        var line = block.FirstLine;
        foreach (var range in block.Text.Span.Split('\n'))
        {
            var record = block.Text[range];
            if (FieldLimit.Find(record.Span, schema.Delimiter, schema.Quote) is not null)
            {
                throw FieldLimit.TooMany(line);
            }

            try
            {
                using var reader = CsvDataReader.Create(new MemoryTextReader(record), ReaderOptions(record.Length));
                if (reader.Read())
                {
                    ParseOne(new SylvanFields(reader), reader.RowFieldCount, reader.GetRawRecordSpan(), block.FileIndex, line, rows, batch);
                }
            }
            catch (CsvFormatException e)
            {
                batch.RecordsRead++;
                batch.Quarantined.Add(new QuarantinedRow(block.FileIndex, line, e.FieldOrdinal + 1, RowProblem.MalformedQuoting, "malformed CSV quoting", Truncate(record.Span)));
            }

            line++;
        }
    }

    private void ParseOne<TFields>(TFields fields, int fieldCount, ReadOnlySpan<char> raw, int fileIndex, long line, RowFieldParser rows, ParsedBatch batch)
        where TFields : IRecordFields, allows ref struct
    {
        if (fieldCount <= 1 && raw.Trim().IsEmpty)
        {
            return; // a blank line is not a record
        }

        batch.RecordsRead++;
        if (fieldCount != schema.Header.Count)
        {
            if (fieldCount > FieldLimit.MaxFields)
            {
                throw FieldLimit.TooMany(line);
            }

            batch.Quarantined.Add(new QuarantinedRow(fileIndex, line, null, RowProblem.FieldCount,
                $"expected {schema.Header.Count} fields, found {fieldCount}", Truncate(raw)));
            return;
        }

        var problem = rows.TryAdd(fields, RowOrder.Of(fileIndex, line));
        if (problem is { } bad)
        {
            batch.Quarantined.Add(new QuarantinedRow(fileIndex, line, bad.Column + 1, bad.Category, bad.Reason, Truncate(raw)));
        }
    }

    private CsvDataReaderOptions ReaderOptions(int length) => new()
    {
        HasHeaders = false,
        Delimiter = schema.Delimiter,
        Quote = schema.Quote,
        Comment = '\0',
        // Small enough to stay off the large-object heap; grows only for a record longer than that.
        BufferSize = Math.Clamp(length + 1, 0x1000, 0x8000),
        MaxBufferSize = Math.Max(length + 1, 0x8000),
    };

    private static string Truncate(ReadOnlySpan<char> raw)
    {
        raw = raw.TrimEnd("\r\n");
        return raw.Length <= MaxRawChars
            ? raw.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{raw[..MaxRawChars]}... ({raw.Length} characters)");
    }

    private readonly struct PlainSink(BlockParser parser, int fileIndex, RowFieldParser rows, ParsedBatch batch) : IPlainRecordSink
    {
        public void Record(SplitFields fields, int fieldCount, ReadOnlySpan<char> raw, long line) =>
            parser.ParseOne(fields, fieldCount, raw, fileIndex, line, rows, batch);
    }
}
