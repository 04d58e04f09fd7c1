using System.Runtime.CompilerServices;

namespace Pipeline.Steps.Features;

/// <summary>
/// Statistics of one value column over one sensor-day: finite count, mean and sum of squared deviations (M2), min,
/// max, and how many values were NA, NaN, +Infinity or -Infinity. Segments are summed with a corrected two-pass
/// and combined with Chan's pairwise update, which stays accurate where a running sum of squares would cancel.
/// </summary>
public struct ColumnAccumulator
{
    // The counts of one sensor-day are kept as 32-bit numbers (a sensor-day of more than 2^31 readings would fail
    // loudly): a day of 100,000 sensors holds a value per column and sensor-day, and 72 bytes each became 56.
    private int _count;
    private int _na;
    private int _nan;
    private int _positiveInfinity;
    private int _negativeInfinity;

    public long Count { readonly get => _count; private set => _count = checked((int)value); }
    public double Mean { get; private set; }
    public double M2 { get; private set; }
    public double Min { get; private set; }
    public double Max { get; private set; }
    public long Na { readonly get => _na; private set => _na = checked((int)value); }
    public long NaN { readonly get => _nan; private set => _nan = checked((int)value); }
    public long PositiveInfinity { readonly get => _positiveInfinity; private set => _positiveInfinity = checked((int)value); }
    public long NegativeInfinity { readonly get => _negativeInfinity; private set => _negativeInfinity = checked((int)value); }

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
