using Pipeline.Steps.SensorCsv.Parsing;
using Sylvan.Data.Csv;

namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>The first rows of an input split into fields with a given delimiter: what detection looks at.</summary>
internal sealed class SampleTable
{
    public const int MaxRows = 1000;

    private SampleTable(List<string[]> rows, long? tooWideLine)
    {
        Rows = rows;
        TooWideLine = tooWideLine;
    }

    public List<string[]> Rows { get; }

    /// <summary>The line of a record with more than <see cref="FieldLimit.MaxFields"/> fields, where the rows stop; null when there is none.</summary>
    public long? TooWideLine { get; }

    public static SampleTable Parse(string text, char delimiter, char quote)
    {
        // Such a record is never handed to Sylvan (its cost grows with the square of a record's fields): the rows
        // before it are what detection gets.
        var wide = FieldLimit.Find(text, delimiter, quote);
        text = wide is { } cut ? text[..cut.Start] : text;
        var rows = new List<string[]>();
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            Quote = quote,
            Comment = '\0',
            BufferSize = Math.Max(text.Length + 1, 0x1000),
        };
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), options);
            while (rows.Count < MaxRows && reader.Read())
            {
                var fields = new string[reader.RowFieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }

                rows.Add(fields);
            }
        }
        catch (CsvFormatException)
        {
            // A malformed record in the sample: detection works with the rows before it.
        }

        return new SampleTable(rows, wide is { } w ? w.NewlinesBefore + 1 : null);
    }

    /// <summary>How many fields most rows have, and the share of rows that have that many.</summary>
    public (int Fields, double Share) Consistency()
    {
        if (Rows.Count == 0)
        {
            return (0, 0);
        }

        var mode = Rows.GroupBy(r => r.Length).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
        return (mode.Key, (double)mode.Count() / Rows.Count);
    }
}
