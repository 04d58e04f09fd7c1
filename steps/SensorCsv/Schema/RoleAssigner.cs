using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>Assigns each column its role: from the options where given, otherwise from names and sampled values.</summary>
internal sealed class RoleAssigner(
    IReadOnlyList<string> header, IReadOnlyList<ColumnProfile> profiles, CsvSchemaOptions options, List<string> detected, SourceLocation where)
{
    private readonly HashSet<int> _taken = [];

    public ColumnRoles Assign()
    {
        var sensor = AssignSensor();
        var (timestamp, format, parts) = AssignTime();
        var ignored = new List<int>();
        var values = AssignColumns(options.ValueColumns, "value", i => profiles[i].IsNumeric || profiles[i].NonMissing == 0, ignored);
        var texts = AssignColumns(options.TextColumns, "text", i => !values.Contains(i), ignored);
        if (values.Count == 0)
        {
            throw StepException.BadData("no numeric value columns found; name them with --value-columns", where);
        }

        ignored.AddRange(Enumerable.Range(0, header.Count).Where(i => !_taken.Contains(i)));
        return new ColumnRoles(sensor, timestamp, format, parts, values, texts, [.. ignored.Distinct().Order()]);
    }

    private int AssignSensor()
    {
        if (options.SensorColumn is { Length: > 0 } name)
        {
            return Take(IndexOf(name, "--sensor-column"));
        }

        detected.Add("sensorColumn");
        // Only the weak name "id" can be a row counter; sensor_id 1, 2, 3... in a time-ordered file is still the sensor.
        var index = ColumnNames.FindSensor(header, i => !profiles[i].IsRowIndex || !string.Equals(header[i].Trim(), "id", StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw StepException.BadData($"cannot tell which column is the sensor id (columns: {string.Join(", ", header)}); name it with --sensor-column", where, withoutContent: "cannot tell which column is the sensor id; name it with --sensor-column");
        }

        return Take(index);
    }

    private (int Column, string? Format, IReadOnlyList<int> Parts) AssignTime()
    {
        if (options.TimestampParts is { Count: > 0 } partNames)
        {
            return (-1, null, [.. partNames.Select(p => Take(IndexOf(p, "--timestamp-parts")))]);
        }

        int column;
        if (options.TimestampColumn is { Length: > 0 } name)
        {
            column = IndexOf(name, "--timestamp-column");
        }
        else
        {
            var parts = ColumnNames.FindParts(header);
            if (parts.Count > 0 && options.TimestampFormat is null)
            {
                detected.Add("timestampParts");
                return (-1, null, [.. parts.Select(Take)]);
            }

            detected.Add("timestampColumn");
            column = ColumnNames.FindTimestamp(header, i => !_taken.Contains(i) && profiles[i].IsTimestamp);
            if (column < 0)
            {
                column = Enumerable.Range(0, header.Count).FirstOrDefault(i => !_taken.Contains(i) && profiles[i].IsTimestamp, -1);
            }

            if (column < 0)
            {
                throw StepException.BadData($"cannot find a timestamp column (columns: {string.Join(", ", header)}); name it with --timestamp-column and --timestamp-format, or --timestamp-parts", where, withoutContent: "cannot find a timestamp column; name it with --timestamp-column and --timestamp-format, or --timestamp-parts");
            }
        }

        Take(column);
        if (options.TimestampFormat is { Length: > 0 } format)
        {
            return (column, format, []);
        }

        detected.Add("timestampFormat");
        var formats = profiles[column].TimestampFormats;
        if (formats.Count == 0)
        {
            throw StepException.BadData($"column '{header[column]}' holds no timestamp in a known format; give --timestamp-format", where, withoutContent: $"column {column + 1} holds no timestamp in a known format; give --timestamp-format");
        }

        return (column, formats[0], []);
    }

    private List<int> AssignColumns(IReadOnlyList<string>? names, string kind, Func<int, bool> eligible, List<int> ignored)
    {
        if (names is not null)
        {
            return [.. names.Select(n => Take(IndexOf(n, $"--{kind}-columns")))];
        }

        detected.Add(kind + "Columns");
        var chosen = new List<int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (_taken.Contains(i) || !eligible(i))
            {
                continue;
            }

            if (profiles[i].IsRowIndex)
            {
                // A counter such as pandas' index or "No" is not a reading.
                ignored.Add(i);
                _taken.Add(i);
                continue;
            }

            chosen.Add(Take(i));
        }

        return chosen;
    }

    private int IndexOf(string name, string option)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw StepException.BadOption($"{option}: no column '{name}' in the header (columns: {string.Join(", ", header)})", withoutContent: $"{option}: no column '{name}' in the header");
    }

    private int Take(int index)
    {
        if (!_taken.Add(index))
        {
            throw StepException.BadOption($"column '{header[index]}' is given two roles", withoutContent: $"column {index + 1} is given two roles");
        }

        return index;
    }
}
