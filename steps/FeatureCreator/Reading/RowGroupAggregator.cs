using System.Runtime.CompilerServices;
using Parquet.Schema;
using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>
/// Cuts a decoded row group into runs of one sensor-day and adds each run to its accumulator. Chunk rows are
/// sorted by sensor and time, so a run ends where the key changes and the dictionary is consulted once per run,
/// not per row; unsorted input is still aggregated correctly, only in more, shorter runs.
/// </summary>
internal sealed class RowGroupAggregator(
    ColumnBuffers buffers, int valueColumns, int textColumns, IReadOnlyDictionary<string, (double Low, double High)>? keptWithin = null, VariedTexts? variedTexts = null)
{
    private readonly int[] _cursors = new int[valueColumns];
    private readonly int[] _textCursors = new int[textColumns];
    private readonly string?[] _lastTexts = new string?[textColumns];

    // Per text column of the row group: its one value (from the statistics), or varied (not decoded), or neither (decoded).
    private readonly string?[] _constantTexts = new string?[textColumns];
    private readonly bool[] _skippedTexts = new bool[textColumns];
    private readonly (double Low, double High)?[] _bounds = new (double Low, double High)?[valueColumns];
    private double[] _kept = [];
    private string? _lastSensor;

    /// <param name="rows">Rows decoded into the buffers.</param>
    /// <param name="constantSensor">The sensor of every row when the statistics say so (the sensor column was not decoded).</param>
    /// <param name="fields">The selected value columns, in buffer order.</param>
    /// <param name="texts">The text columns read for sensor attributes, in buffer order.</param>
    /// <param name="into">The file's partial aggregate.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Aggregate(int rows, string? constantSensor, IReadOnlyList<DataField> fields, IReadOnlyList<DataField> texts, PartialAggregate into)
    {
        into.Rows += rows;
        into.CleanedRows += CountCleaned(rows, fields);
        Array.Clear(_cursors);
        Array.Clear(_textCursors);
        for (var j = 0; j < fields.Count; j++)
        {
            _bounds[j] = keptWithin is not null && keptWithin.TryGetValue(fields[j].Name, out var bounds) ? bounds : null;
        }

        var dates = buffers.Dates;
        var sensors = buffers.Sensors;
        var start = 0;
        for (var i = 1; i < rows; i++)
        {
            if (dates[i] != dates[i - 1] || (constantSensor is null && !sensors[i].Span.SequenceEqual(sensors[i - 1].Span)))
            {
                AddRun(start, i, constantSensor, fields, texts, into);
                start = i;
            }
        }

        AddRun(start, rows, constantSensor, fields, texts, into);
        // The runs consumed each column's present values in order: all of them, for the outlier counts.
        for (var j = 0; j < fields.Count; j++)
        {
            into.HistogramOf(fields[j].Name).Add(buffers.Values[j].AsSpan(0, _cursors[j]));
        }
    }

    private void AddRun(int start, int end, string? constantSensor, IReadOnlyList<DataField> fields, IReadOnlyList<DataField> texts, PartialAggregate into)
    {
        var day = into.Days.Add(new GroupKey(constantSensor ?? SensorAt(start), buffers.Dates[start]));
        var length = end - start;
        into.Days.Readings(day) += length;
        var columns = into.Days.Columns(day);
        var textValues = into.Days.Texts(day);
        for (var j = 0; j < fields.Count; j++)
        {
            var maxLevel = fields[j].MaxDefinitionLevel;
            var present = maxLevel == 0 ? length : buffers.Levels[j].AsSpan(start, length).Count(maxLevel);
            var values = buffers.Values[j].AsSpan(_cursors[j], present);
            _cursors[j] += present;
            if (_bounds[j] is { } bounds)
            {
                // Outliers left out (--exclude-outliers) count as missing readings; the buffer keeps them for the histogram.
                var kept = Within(values, bounds);
                columns[j].AddSegment(kept, length - kept.Length);
            }
            else
            {
                columns[j].AddSegment(values, length - present);
            }
        }

        for (var t = 0; t < texts.Count; t++)
        {
            if (_constantTexts[t] is { } constant)
            {
                textValues[t].Add(constant, false, length);
                continue;
            }

            if (_skippedTexts[t])
            {
                textValues[t].Add(null, true, length);
                continue;
            }

            var maxLevel = texts[t].MaxDefinitionLevel;
            var present = maxLevel == 0 ? length : buffers.TextLevels[t].AsSpan(start, length).Count(maxLevel);
            var values = buffers.Texts[t].AsSpan(_textCursors[t], present);
            _textCursors[t] += present;
            if (present == 0)
            {
                continue;
            }

            var first = values[0].Span;
            var varied = false;
            foreach (var value in values[1..])
            {
                if (!value.Span.SequenceEqual(first))
                {
                    varied = true;
                    break;
                }
            }

            textValues[t].Add(TextAt(t, first), varied, present);
            if (varied)
            {
                variedTexts?.Add(t);
            }
        }
    }

    /// <summary>The values within the bounds, in order (non-finite ones too: they are counted as such, not as outliers).</summary>
    private ReadOnlySpan<double> Within(ReadOnlySpan<double> values, (double Low, double High) bounds)
    {
        if (_kept.Length < values.Length)
        {
            _kept = new double[Math.Max(values.Length, _kept.Length * 2)];
        }

        var n = 0;
        foreach (var x in values)
        {
            if (!double.IsFinite(x) || (x >= bounds.Low && x <= bounds.High))
            {
                _kept[n++] = x;
            }
        }

        return _kept.AsSpan(0, n);
    }

    /// <summary>
    /// Whether text column <paramref name="column"/> of the next row group need not be decoded: its statistics give its
    /// one value (<paramref name="constant"/>), or it was seen to vary while detecting attributes.
    /// </summary>
    public bool SkipText(int column, string? constant)
    {
        _constantTexts[column] = constant;
        _skippedTexts[column] = constant is null && variedTexts is not null && variedTexts.Contains(column);
        return constant is not null || _skippedTexts[column];
    }

    /// <summary>A text column's value as a string, reusing the previous one while it repeats (a sensor type, run after run).</summary>
    private string TextAt(int column, ReadOnlySpan<char> value)
    {
        if (_lastTexts[column] is not { } last || !value.SequenceEqual(last))
        {
            _lastTexts[column] = last = new string(value);
        }

        return last;
    }

    /// <summary>The sensor id of a row, reusing the previous string while the id repeats.</summary>
    private string SensorAt(int row)
    {
        var span = buffers.Sensors[row].Span;
        if (_lastSensor is null || !span.SequenceEqual(_lastSensor))
        {
            _lastSensor = new string(span);
        }

        return _lastSensor;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long CountCleaned(int rows, IReadOnlyList<DataField> fields)
    {
        var finite = buffers.Finite.AsSpan(0, rows);
        finite.Clear();
        for (var j = 0; j < fields.Count; j++)
        {
            var values = buffers.Values[j];
            var maxLevel = fields[j].MaxDefinitionLevel;
            if (maxLevel == 0)
            {
                for (var i = 0; i < finite.Length; i++)
                {
                    finite[i] |= double.IsFinite(values[i]) ? (byte)1 : (byte)0;
                }

                continue;
            }

            var levels = buffers.Levels[j];
            for (int i = 0, k = 0; i < finite.Length; i++)
            {
                if (levels[i] == maxLevel)
                {
                    finite[i] |= double.IsFinite(values[k++]) ? (byte)1 : (byte)0;
                }
            }
        }

        return rows - finite.Count((byte)0);
    }
}
