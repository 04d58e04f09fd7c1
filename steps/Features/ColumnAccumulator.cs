using System.Runtime.CompilerServices;

namespace Pipeline.Steps.Features;

/// <summary>
/// Statistics of one value column over one sensor-day: finite count, mean and sum of squared deviations (M2), min,
/// max, and how many values were NA, NaN, +Infinity or -Infinity. Segments are summed with a corrected two-pass
/// and combined with Chan's pairwise update, which stays accurate where a running sum of squares would cancel.
/// </summary>
public struct ColumnAccumulator
{
    public long Count { get; private set; }
    public double Mean { get; private set; }
    public double M2 { get; private set; }
    public double Min { get; private set; }
    public double Max { get; private set; }
    public long Na { get; private set; }
    public long NaN { get; private set; }
    public long PositiveInfinity { get; private set; }
    public long NegativeInfinity { get; private set; }

    /// <summary>Values that are not finite (NA, NaN, ±Infinity): these count as missing.</summary>
    public readonly long NonFinite => Na + NaN + PositiveInfinity + NegativeInfinity;

    public readonly double? Variance => Count < 2 ? null : M2 / (Count - 1);

    public readonly double? StandardDeviation => Variance is { } v ? Math.Sqrt(v) : null;

    /// <summary>Adds a run of readings: its non-null values and how many readings were NA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSegment(ReadOnlySpan<double> values, long naCount)
    {
        Na += naCount;
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var x in values)
        {
            if (double.IsFinite(x))
            {
                count++;
                sum += x;
                min = x < min ? x : min;
                max = x > max ? x : max;
            }
            else if (double.IsNaN(x))
            {
                NaN++;
            }
            else if (x > 0)
            {
                PositiveInfinity++;
            }
            else
            {
                NegativeInfinity++;
            }
        }

        if (count == 0)
        {
            return;
        }

        // Second pass around the first-pass mean; the sum of deviations corrects that mean's rounding error.
        var mean0 = sum / count;
        double deviations = 0, squares = 0;
        foreach (var x in values)
        {
            if (double.IsFinite(x))
            {
                var d = x - mean0;
                deviations += d;
                squares += d * d;
            }
        }

        var segment = new ColumnAccumulator
        {
            Count = count,
            Mean = mean0 + (deviations / count),
            M2 = Math.Max(0, squares - (deviations * deviations / count)),
            Min = min,
            Max = max,
        };
        MergeMoments(segment);
    }

    /// <summary>Adds another accumulator of the same column and sensor-day (a partial from another file or row group).</summary>
    public void Merge(in ColumnAccumulator other)
    {
        Na += other.Na;
        NaN += other.NaN;
        PositiveInfinity += other.PositiveInfinity;
        NegativeInfinity += other.NegativeInfinity;
        MergeMoments(other);
    }

    private void MergeMoments(in ColumnAccumulator other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            Count = other.Count;
            Mean = other.Mean;
            M2 = other.M2;
            Min = other.Min;
            Max = other.Max;
            return;
        }

        double n = Count + other.Count;
        var delta = other.Mean - Mean;
        Mean += delta * (other.Count / n);
        M2 += other.M2 + (delta * delta * (Count * (other.Count / n)));
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }
}
