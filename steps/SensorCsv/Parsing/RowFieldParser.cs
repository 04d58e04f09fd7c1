using System.Globalization;
using System.Runtime.CompilerServices;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Converts the fields of one record into a batch row, or says which field is bad and why. Sensors are numbered
/// through <paramref name="known"/> (the parsing thread's numbering), and locally in the order the batch meets them.
/// </summary>
internal sealed class RowFieldParser(
    InputSchema schema, ZoneClock clock, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> na, ParsedBatch batch, KnownSensors known)
{
    private readonly KnownSensors _known = StartBatch(known, batch);

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _texts =
        new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly SensorSuccessors _successors = new();

    private readonly TimestampParts _timestampParts = new(schema);

    private readonly TimestampMemo _lastTime = new();

    // An NA token that reads as a number (-999, NaN) must be looked for before parsing; otherwise parsing goes first.
    private readonly bool _numericNaTokens = schema.NaTokens.Any(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>Adds the row; returns the bad field (0-based column) and the reason when the row cannot be kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FieldProblem? TryAdd<TFields>(TFields fields, long order)
        where TFields : IRecordFields, allows ref struct
    {
        // Hashing a field is the costly part of a row, so each check is ordered to hash it once: a sensor already
        // seen in this batch was validated then, and a value that parses as a number cannot be an NA token.
        var sensorField = fields.Field(schema.SensorIndex).Trim();
        var sensor = _successors.Guess();
        if (sensor < 0 || !sensorField.SequenceEqual(batch.SensorNames[sensor]))
        {
            if (!_known.TryFind(sensorField, out var known))
            {
                if (sensorField.IsEmpty || na.Contains(sensorField))
                {
                    return new FieldProblem(schema.SensorIndex, RowProblem.MissingSensor, "missing sensor id");
                }

                if (sensorField.Contains('\uFFFD'))
                {
                    return new FieldProblem(schema.SensorIndex, RowProblem.InvalidUtf8, "sensor id is not valid UTF-8");
                }

                known = _known.Add(sensorField);
            }

            sensor = _known.LocalOf(known);
            if (sensor < 0)
            {
                sensor = batch.SensorNames.Count;
                batch.SensorNames.Add(_known.Name(known));
                batch.SensorKnownIds.Add(known);
                _known.SetLocal(known, sensor);
                _successors.Added();
            }
        }

        _successors.Saw(sensor);

        if (ParseTime(fields, out var utcTicks, out var day) is { } timeProblem)
        {
            return timeProblem;
        }

        var row = batch.Add();
        batch.Order[row] = order;
        batch.Sensor[row] = sensor;
        batch.UtcTicks[row] = utcTicks;
        batch.Day[row] = day;

        var values = batch.Values.AsSpan(row * batch.ValueCount, batch.ValueCount);
        for (var j = 0; j < values.Length; j++)
        {
            var column = schema.ValueIndexes[j];
            var field = fields.Field(column).Trim();
            if (!_numericNaTokens && TryParseNumber(field, out values[j]))
            {
                continue;
            }

            if (na.Contains(field))
            {
                values[j] = MissingValue.Na;
            }
            else if (!_numericNaTokens || !TryParseNumber(field, out values[j]))
            {
                batch.RemoveLast();
                return new FieldProblem(column, RowProblem.BadNumber, $"'{Clip(field)}' in column '{schema.Name(column)}' is not a number");
            }
        }

        var texts = batch.Texts.AsSpan(row * batch.TextCount, batch.TextCount);
        for (var j = 0; j < texts.Length; j++)
        {
            var column = schema.TextIndexes[j];
            var field = fields.Field(column);
            if (_texts.TryGetValue(field, out texts[j]))
            {
                continue;
            }

            if (field.Contains('\uFFFD'))
            {
                batch.RemoveLast();
                return new FieldProblem(column, RowProblem.InvalidUtf8, $"column '{schema.Name(column)}' is not valid UTF-8");
            }

            texts[j] = na.Contains(field.Trim()) ? -1 : Intern(_texts, batch.TextValues, field);
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FieldProblem? ParseTime<TFields>(TFields fields, out long utcTicks, out int day)
        where TFields : IRecordFields, allows ref struct
    {
        long wall;
        int? offset = null;
        if (schema.TimestampIndex >= 0)
        {
            var field = fields.Field(schema.TimestampIndex);
            if (_lastTime.TryGet(field, out utcTicks, out day))
            {
                return null;
            }

            if (!TimestampParser.TryParse(field, schema.TimestampFormat!, out wall, out offset))
            {
                return new FieldProblem(schema.TimestampIndex, RowProblem.BadTimestamp, $"'{Clip(field)}' is not a timestamp of format {schema.TimestampFormat}");
            }
        }
        else if (_timestampParts.Parse(fields, out wall) is { } problem)
        {
            utcTicks = 0;
            day = 0;
            return problem;
        }

        if (!clock.TryResolve(wall, offset, out utcTicks, out day))
        {
            return new FieldProblem(Math.Max(schema.TimestampIndex, 0), RowProblem.NonexistentLocalTime, $"{new DateTime(wall, DateTimeKind.Unspecified):yyyy-MM-dd HH:mm:ss} does not exist in time zone {schema.TimeZone.Id} (daylight-saving gap)");
        }

        if (schema.TimestampIndex >= 0)
        {
            _lastTime.Set(fields.Field(schema.TimestampIndex), utcTicks, day);
        }

        return null;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> field, out double value) =>
        DecimalParser.TryParse(field, out value) || double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static KnownSensors StartBatch(KnownSensors known, ParsedBatch batch)
    {
        known.BeginBatch();
        batch.SensorSource = known;
        return known;
    }

    private static int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, List<string> names, ReadOnlySpan<char> value)
    {
        if (!lookup.TryGetValue(value, out var id))
        {
            id = names.Count;
            var name = value.ToString();
            names.Add(name);
            lookup.Dictionary[name] = id;
        }

        return id;
    }

    /// <summary>A field as quoted in a reason: at most 40 characters.</summary>
    internal static string Clip(ReadOnlySpan<char> field) => field.Length <= 40 ? field.ToString() : field[..40].ToString() + "...";
}
