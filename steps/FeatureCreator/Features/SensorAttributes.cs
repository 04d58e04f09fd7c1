using System.Text.Json.Nodes;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// Which columns are sensor attributes (kept once per sensor in the <see cref="SensorTable"/>, not as features):
/// named with <c>--sensor-attributes</c>, kept from an asset's earlier decision, or detected. A number column is
/// detected when, in every sensor-day, all its readings are one value, sensor-days with two or more readings hold
/// half its readings (with one reading a day every column is constant within each), and sensors differ in it (a
/// reading that happens to be constant everywhere, a dry day's rain, stays a reading). A text column is detected on
/// the first two alone: text is never a feature, so a constant one costs nothing as an attribute.
/// </summary>
internal sealed record SensorAttributes(IReadOnlyList<string> Numbers, IReadOnlyList<string> Texts, string Decision)
{
    /// <summary>The <c>--sensor-attributes</c> value that turns detection off.</summary>
    public const string None = "none";

    public bool IsEmpty => Numbers.Count == 0 && Texts.Count == 0;

    /// <summary>The same columns as <paramref name="other"/>, in any order.</summary>
    public bool SameColumns(SensorAttributes other) =>
        Numbers.Order(StringComparer.Ordinal).SequenceEqual(other.Numbers.Order(StringComparer.Ordinal))
        && Texts.Order(StringComparer.Ordinal).SequenceEqual(other.Texts.Order(StringComparer.Ordinal));

    /// <summary>The value columns whose features are made: those scanned, less the number attributes.</summary>
    public IReadOnlyList<string> FeatureColumns(IReadOnlyList<string> scanned)
    {
        var features = scanned.Where(c => !Numbers.Contains(c, StringComparer.Ordinal)).ToList();
        return features.Count > 0
            ? features
            : throw StepException.BadData(
                $"every value column is a sensor attribute ({string.Join(", ", Numbers)}; {Decision}), so there is nothing to make features of; name the attributes with --sensor-attributes (or 'none')");
    }

    /// <summary>The manifest's <c>sensorAttributes</c>.</summary>
    public JsonObject Report(SensorTable table, IReadOnlyCollection<string> sensorsSeen) => new()
    {
        ["numbers"] = new JsonArray([.. Numbers.Select(c => JsonValue.Create(c))]),
        ["texts"] = new JsonArray([.. Texts.Select(c => JsonValue.Create(c))]),
        ["decision"] = Decision,
        ["sensors"] = table.Rows.Count,
        // Sensors of this run whose attributes changed some day (moved, say): worth a look, listed up to 20.
        ["changed"] = new JsonArray([.. table.Rows.Where(r => r.Changes > 0 && sensorsSeen.Contains(r.SensorId)).Take(20).Select(r => JsonValue.Create(r.SensorId))]),
    };

    /// <summary>
    /// The attributes named on the command line, checked against the columns; null when detection is left on.
    /// </summary>
    public static SensorAttributes? Named(string[]? named, IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns)
    {
        if (named is not { Length: > 0 })
        {
            return null;
        }

        if (named is [None])
        {
            return new([], [], "none: --sensor-attributes none");
        }

        var unknown = named.Where(c => !valueColumns.Contains(c, StringComparer.Ordinal) && !textColumns.Contains(c, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw StepException.BadOption(
                $"--sensor-attributes: no value or text column {string.Join(", ", unknown)}; the input has {string.Join(", ", valueColumns.Concat(textColumns))}");
        }

        if (named.FirstOrDefault(SensorTable.IsReserved) is { } reserved)
        {
            throw StepException.BadOption($"--sensor-attributes: '{reserved}' is a column of the sensors table itself and cannot be an attribute");
        }

        return new([.. valueColumns.Where(named.Contains)], [.. textColumns.Where(named.Contains)], "named with --sensor-attributes");
    }

    /// <summary>
    /// Detects the attributes among the columns scanned into <paramref name="aggregate"/>; number columns only when
    /// <paramref name="numbers"/> (a --columns list names the features' columns: none of them is taken away).
    /// </summary>
    public static SensorAttributes Detect(FeatureAggregate aggregate, IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns, string basis, bool numbers)
    {
        var groups = aggregate.Days;
        var numberAttributes = valueColumns.Where((c, j) => numbers && !SensorTable.IsReserved(c) && IsNumberAttribute(groups, j)).ToList();
        var texts = textColumns.Where((c, t) => !SensorTable.IsReserved(c) && IsTextAttribute(groups, t)).ToList();
        return new(numberAttributes, texts, $"detected on {basis}: one value within every sensor-day");
    }

    /// <summary>Each sensor-day's attributes, for the sensors table.</summary>
    public IReadOnlyList<SensorDay> Observe(FeatureAggregate aggregate, IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns)
    {
        var numberIndexes = Numbers.Select(c => IndexOf(valueColumns, c)).ToArray();
        var textIndexes = Texts.Select(c => IndexOf(textColumns, c)).ToArray();
        var days = aggregate.Days;
        var observed = new SensorDay[days.Count];
        for (var i = 0; i < observed.Length; i++)
        {
            var columns = days.Columns(i);
            var texts = days.Texts(i);
            var numbers = new double?[numberIndexes.Length];
            var values = new string?[textIndexes.Length];
            var varied = false;
            for (var n = 0; n < numbers.Length; n++)
            {
                var column = columns[numberIndexes[n]];
                numbers[n] = column.Count > 0 ? column.Mean : null;
                varied |= column.Count > 0 && column.Min != column.Max;
            }

            for (var t = 0; t < values.Length; t++)
            {
                values[t] = texts[textIndexes[t]].Value;
                varied |= texts[textIndexes[t]].Varied;
            }

            // A day on which an attribute varied (the sensor moved during it) records its mean; the next day's one value replaces it.
            observed[i] = new SensorDay(days.Key(i).SensorId, days.Key(i).Day, numbers, values, varied);
        }

        return observed;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        throw StepException.BadData($"the sensor attribute '{column}' is not a column of the input");
    }

    private static bool IsNumberAttribute(SensorDays days, int column)
    {
        long readings = 0, evidence = 0;
        double? first = null;
        var differ = false;
        for (var i = 0; i < days.Count; i++)
        {
            var values = days.Columns(i)[column];
            if (values.Count == 0)
            {
                continue;
            }

            if (values.Min != values.Max)
            {
                return false;
            }

            readings += values.Count;
            evidence += values.Count >= 2 ? values.Count : 0;
            differ |= first is { } f && f != values.Min;
            first ??= values.Min;
        }

        return differ && evidence > 0 && evidence * 2 >= readings;
    }

    private static bool IsTextAttribute(SensorDays days, int column)
    {
        long readings = 0, evidence = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var text = days.Texts(i)[column];
            if (text.Varied)
            {
                return false;
            }

            readings += text.Count;
            evidence += text.Count >= 2 ? text.Count : 0;
        }

        return evidence > 0 && evidence * 2 >= readings;
    }
}
