using System.Globalization;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>Reads a wall-clock time split over columns (year, month, day and optionally hour, minute, second).</summary>
internal sealed class TimestampParts(InputSchema schema)
{
    private readonly int[] _parts = new int[6];

    /// <summary>Reads the wall-clock ticks; returns the bad column (0-based) and why when they cannot be read.</summary>
    public FieldProblem? Parse<TFields>(TFields fields, out long wallTicks)
        where TFields : IRecordFields, allows ref struct
    {
        wallTicks = 0;
        var parts = schema.TimestampParts;
        for (var p = 0; p < 6; p++)
        {
            _parts[p] = 0;
            if (p < parts.Count && !int.TryParse(fields.Field(parts[p]).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _parts[p]))
            {
                return new FieldProblem(parts[p], RowProblem.BadTimestamp, $"'{RowFieldParser.Clip(fields.Field(parts[p]))}' in column '{schema.Name(parts[p])}' is not a whole number");
            }
        }

        return TryWallTicks(_parts, out wallTicks)
            ? null
            : new FieldProblem(parts[0], RowProblem.BadTimestamp, $"{_parts[0]}-{_parts[1]}-{_parts[2]} {_parts[3]}:{_parts[4]}:{_parts[5]} is not a valid date and time");
    }

    private static bool TryWallTicks(int[] p, out long ticks)
    {
        ticks = 0;
        if (p[0] is < 1 or > 9999 || p[1] is < 1 or > 12 || p[2] < 1 || p[2] > DateTime.DaysInMonth(p[0], p[1])
            || p[3] is < 0 or > 23 || p[4] is < 0 or > 59 || p[5] is < 0 or > 59)
        {
            return false;
        }

        ticks = new DateTime(p[0], p[1], p[2], p[3], p[4], p[5]).Ticks;
        return true;
    }
}
