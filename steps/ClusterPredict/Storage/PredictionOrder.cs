namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// The order of <c>cluster_predictions</c>' primary key after the run id: day, then sensor id in byte order (the
/// columns' "C" collation). Rows copied in this order extend the B-trees at their right edge instead of splitting
/// pages all over them.
/// </summary>
internal static class PredictionOrder
{
    public static int Compare(PredictionRow a, PredictionRow b)
    {
        var byDay = a.Day.CompareTo(b.Day);
        return byDay != 0 ? byDay : string.CompareOrdinal(a.SensorId, b.SensorId);
    }

    /// <summary>The rows themselves when already in order (one cheap pass), else a sorted copy.</summary>
    public static IReadOnlyCollection<PredictionRow> InKeyOrder(IReadOnlyCollection<PredictionRow> rows)
    {
        PredictionRow? previous = null;
        foreach (var row in rows)
        {
            if (previous is not null && Compare(previous, row) > 0)
            {
                var sorted = rows.ToArray();
                // Unstable, which is fine: two equal keys in one run fail on the primary key whatever their order.
                Array.Sort(sorted, Compare);
                return sorted;
            }

            previous = row;
        }

        return rows;
    }
}
