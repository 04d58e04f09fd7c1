namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Numbers strings (sensor ids, text values) globally, in order of first appearance. The reader thread adds names
/// while chunk writers read them, hence the lock; both happen once per batch or chunk, not per row.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _names.Count;
            }
        }
    }

    public int Id(string name)
    {
        lock (_gate)
        {
            if (!_ids.TryGetValue(name, out var id))
            {
                id = _names.Count;
                _ids[name] = id;
                _names.Add(name);
            }

            return id;
        }
    }

    /// <summary>The names numbered so far: index = id.</summary>
    public string[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _names];
        }
    }

    /// <summary>Rank of each id when names are sorted ordinally: rows sort by sensor id text, not arrival order.</summary>
    public static int[] OrdinalRanks(string[] names)
    {
        var order = Enumerable.Range(0, names.Length).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
        var ranks = new int[order.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }
}
