namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>Numbers strings (sensor ids, text values) globally, in order of first appearance.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public int Id(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _ids[name] = id;
            _names.Add(name);
        }

        return id;
    }

    /// <summary>Rank of each id when names are sorted ordinally: rows sort by sensor id text, not arrival order.</summary>
    public int[] OrdinalRanks()
    {
        var order = Enumerable.Range(0, _names.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(_names[a], _names[b]));
        var ranks = new int[order.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ranks[order[rank]] = rank;
        }

        return ranks;
    }
}
