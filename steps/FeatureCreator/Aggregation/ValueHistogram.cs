using System.Runtime.CompilerServices;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// A log-scale histogram of one value column's finite readings: 8 buckets per power of two for magnitudes from
/// 2^-24 to 2^64 on each side of zero, one bucket for anything nearer zero, the outermost buckets holding anything
/// larger. Fixed memory whatever the row count, filled in the same pass as the sensor-day statistics and merged
/// like them; it gives the median, the median absolute deviation and how many readings lie beyond two bounds, each
/// to within a sixteenth of the value (a bucket's middle stands for its readings).
/// </summary>
internal sealed class ValueHistogram
{
    private const int MinExponent = -24;
    private const int MaxExponent = 64;
    private const int SubBuckets = 8;
    private const int PerSign = (MaxExponent - MinExponent + 1) * SubBuckets;

    // Index order is value order: the most negative bucket first, zero at PerSign, the most positive last.
    private readonly long[] _counts = new long[(2 * PerSign) + 1];

    public long Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> values)
    {
        var counts = _counts;
        long added = 0;
        foreach (var x in values)
        {
            if (double.IsFinite(x))
            {
                counts[Index(x)]++;
                added++;
            }
        }

        Count += added;
    }

    public void Merge(ValueHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The median; NaN without readings.</summary>
    public double Median()
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var half = (Count + 1) / 2;
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= half)
            {
                return Middle(i);
            }
        }

        return Middle(_counts.Length - 1);
    }

    /// <summary>The median of the readings' distances from <paramref name="median"/>, and their mean.</summary>
    public (double Median, double Mean) AbsoluteDeviations(double median)
    {
        var deviations = new List<(double Deviation, long Count)>();
        var total = 0.0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                var deviation = Math.Abs(Middle(i) - median);
                deviations.Add((deviation, _counts[i]));
                total += deviation * _counts[i];
            }
        }

        if (deviations.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        deviations.Sort((a, b) => a.Deviation.CompareTo(b.Deviation));
        var half = (Count + 1) / 2;
        long seen = 0;
        foreach (var (deviation, count) in deviations)
        {
            seen += count;
            if (seen >= half)
            {
                return (deviation, total / Count);
            }
        }

        return (deviations[^1].Deviation, total / Count);
    }

    /// <summary>How many readings lie below <paramref name="low"/> or above <paramref name="high"/>.</summary>
    public long CountOutside(double low, double high)
    {
        long outside = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                var value = Middle(i);
                outside += value < low || value > high ? _counts[i] : 0;
            }
        }

        return outside;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinExponent)
        {
            return PerSign;
        }

        var offset = exponent > MaxExponent
            ? PerSign - 1
            : ((exponent - MinExponent) * SubBuckets) + (int)((bits >> 49) & (SubBuckets - 1));
        return bits < 0 ? PerSign - 1 - offset : PerSign + 1 + offset;
    }

    /// <summary>The value that stands for bucket <paramref name="index"/>: the middle of its range (0 for the bucket at zero).</summary>
    private static double Middle(int index)
    {
        if (index == PerSign)
        {
            return 0;
        }

        var offset = index > PerSign ? index - PerSign - 1 : PerSign - 1 - index;
        var magnitude = Math.ScaleB(1 + ((offset % SubBuckets) + 0.5) / SubBuckets, MinExponent + (offset / SubBuckets));
        return index > PerSign ? magnitude : -magnitude;
    }
}
