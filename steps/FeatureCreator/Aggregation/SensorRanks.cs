namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// Each sensor id's rank in ordinal order among every id seen so far, kept across a run's windows of days: the same
/// sensors come back every day, and sorting 100,000 ids again for each day was the costliest part of writing it.
/// Ranks over a larger set keep the ordinal order of any subset, so a window sorts by them as by its own.
/// </summary>
internal sealed class SensorRanks
{
    private Dictionary<string, int> _ranks = new(StringComparer.Ordinal);

    /// <summary>The rank of each of <paramref name="sensors"/>, ranking any new ones with the others first.</summary>
    public int[] Of(IReadOnlyList<string> sensors)
    {
        var ranks = new int[sensors.Count];
        List<string>? unseen = null;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (!_ranks.TryGetValue(sensors[i], out ranks[i]))
            {
                (unseen ??= []).Add(sensors[i]);
            }
        }

        if (unseen is null)
        {
            return ranks;
        }

        var all = _ranks.Keys.Concat(unseen).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _ranks = new Dictionary<string, int>(all.Length, StringComparer.Ordinal);
        for (var r = 0; r < all.Length; r++)
        {
            _ranks[all[r]] = r;
        }

        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = _ranks[sensors[i]];
        }

        return ranks;
    }
}
