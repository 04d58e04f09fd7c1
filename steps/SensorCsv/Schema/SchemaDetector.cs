using System.Globalization;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>
/// Decides the schema of an input from the options, and from the first rows of the data for whatever the options
/// leave out: delimiter, header, column types, the sensor and time columns and the timestamp format.
/// </summary>
internal static class SchemaDetector
{
    private static readonly char[] CandidateDelimiters = [',', ';', '\t', '|'];

    public static readonly IReadOnlyList<string> DefaultNaTokens = ["", "NA", "N/A", "n/a", "null", "NULL", "None", "#N/A"];

    public static InputSchema Detect(string sample, CsvSchemaOptions options, string file)
    {
        var where = new SourceLocation(file, 1, 1);
        if (sample.AsSpan().Trim().IsEmpty)
        {
            throw StepException.BadData("the file is empty", new SourceLocation(file));
        }

        if (LooksBinary(sample))
        {
            throw StepException.BadData("the file is binary, not CSV text", new SourceLocation(file));
        }

        var detected = new List<string>();
        var quote = options.Quote;
        var delimiter = ChooseDelimiter(sample, options, quote, detected, where);
        var table = SampleTable.Parse(sample, delimiter, quote);
        if (table.TooWideLine is { } wide)
        {
            throw FieldLimit.TooMany(wide, file);
        }

        var header = table.Rows[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        CheckHeader(header, where);
        var rows = table.Rows.Skip(1).Where(r => r.Length == header.Length).ToList();
        if (table.Rows.Count == 1)
        {
            throw StepException.BadData("the file has a header but no data rows", where);
        }

        var na = options.NaTokens is { Count: > 0 } tokens ? tokens : DefaultNaTokens;
        var profiles = Profile(header, rows, na);
        var roles = new RoleAssigner(header, profiles, options, detected, where).Assign();
        return new InputSchema
        {
            Delimiter = delimiter,
            Quote = quote,
            Header = header,
            SensorIndex = roles.Sensor,
            TimestampIndex = roles.Timestamp,
            TimestampFormat = roles.TimestampFormat,
            TimestampParts = roles.TimestampParts,
            ValueIndexes = roles.Values,
            TextIndexes = roles.Texts,
            IgnoredIndexes = roles.Ignored,
            NaTokens = na,
            TimeZone = ResolveZone(options.TimeZone),
            Detected = detected,
        };
    }

    private static bool LooksBinary(string sample)
    {
        var suspicious = 0;
        foreach (var c in sample.AsSpan(0, Math.Min(sample.Length, 8192)))
        {
            if (c == '\0')
            {
                return true;
            }

            if (c == '\uFFFD' || (char.IsControl(c) && c is not '\r' and not '\n' and not '\t'))
            {
                suspicious++;
            }
        }

        return suspicious > Math.Min(sample.Length, 8192) / 10;
    }

    private static char ChooseDelimiter(string sample, CsvSchemaOptions options, char quote, List<string> detected, SourceLocation where)
    {
        if (options.Delimiter is { Length: > 0 } given)
        {
            return given is "tab" or "\\t" ? '\t' : given[0];
        }

        detected.Add("delimiter");
        var tables = CandidateDelimiters.Select(d => (Delimiter: d, Table: SampleTable.Parse(sample, d, quote))).ToList();
        var best = tables
            .Select(c => (c.Delimiter, Score: c.Table.Consistency()))
            .Where(c => c.Score.Fields > 1)
            .OrderByDescending(c => c.Score.Share)
            .ThenByDescending(c => c.Score.Fields)
            .FirstOrDefault();
        if (best.Score.Fields <= 1)
        {
            // A header too wide to read leaves its delimiter no rows: say so rather than "a single column".
            if (tables.Select(c => c.Table.TooWideLine).FirstOrDefault(l => l is not null) is { } wide)
            {
                throw FieldLimit.TooMany(wide, where.File);
            }

            throw StepException.BadData(
                "no usable header: the first line has a single column (no , ; tab or | delimiter found); a sensor CSV needs at least a sensor, a time and a value column",
                where);
        }

        return best.Delimiter;
    }

    private static void CheckHeader(string[] header, SourceLocation where)
    {
        var column = 1;
        foreach (var name in header)
        {
            if (name.Length == 0 && column > 1)
            {
                throw StepException.BadData($"no usable header: column {column} has no name", where with { Column = column });
            }

            if (double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                || TimestampParser.TryParse(name, TimestampParser.Iso, out _, out _))
            {
                throw StepException.BadData($"no usable header: the first line looks like data ('{name}' in column {column}); a header row with column names is required", where with { Column = column }, withoutContent: $"no usable header: the first line looks like data (column {column}); a header row with column names is required");
            }

            column++;
        }

        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw StepException.BadData($"no usable header: column name '{duplicate.Key}' appears more than once", where, withoutContent: "no usable header: a column name appears more than once");
        }
    }

    private static List<ColumnProfile> Profile(string[] header, List<string[]> rows, IReadOnlyList<string> na)
    {
        var profiles = header.Select(h => new ColumnProfile(h)).ToList();
        var naSet = new HashSet<string>(na, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            for (var i = 0; i < header.Length; i++)
            {
                var value = row[i].Trim();
                if (naSet.Contains(value))
                {
                    continue;
                }

                var p = profiles[i];
                p.NonMissing++;
                var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                if (isNumber)
                {
                    p.Numeric++;
                    p.AllIntegers &= number == Math.Floor(number) && !value.Contains('.', StringComparison.Ordinal);
                    p.Consecutive &= p.Previous is null || number == p.Previous + 1;
                    p.Previous = number;
                }
                else
                {
                    p.AllNumeric = false;
                }

                for (var f = 0; f < p.TimestampHits.Length; f++)
                {
                    // A number can only be a timestamp in the digits-only formats; skipping the rest keeps detection fast.
                    var format = TimestampParser.CandidateFormats[f];
                    if ((!isNumber || format.StartsWith("yyyyMMdd", StringComparison.Ordinal))
                        && TimestampParser.TryParse(value, format, out _, out _))
                    {
                        p.TimestampHits[f]++;
                    }
                }
            }
        }

        return profiles;
    }

    private static TimeZoneInfo ResolveZone(string id) =>
        TimeZoneIds.TryFind(id, out var zone) ? zone : throw StepException.BadOption($"--time-zone {TimeZoneIds.Problem(id)}");
}
