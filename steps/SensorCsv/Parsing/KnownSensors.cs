namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// The sensor ids one parsing thread has met, numbered in order of first appearance and kept from block to block,
/// with each one's number in the batch being parsed. With 20,000 or 100,000 sensors every block holds most of them
/// once or twice: numbered afresh per block, each id was a new string and a dictionary insert in the parser, and a
/// locked lookup when the consumer numbered it globally, about a quarter of the Chunker's time. Known ids keep their
/// string, and the consumer maps a thread's numbers to global ones once (<see cref="ParsedBatch.SensorSource"/>).
/// Used by one thread at a time.
/// </summary>
internal sealed class KnownSensors
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<string> _names = [];
    // Per known id: its number in the batch of generation _stamp[id] (a new batch needs no clearing).
    private int[] _local = [];
    private int[] _stamp = [];
    private int _generation;

    public KnownSensors() => _bySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Starts a new batch: no id has a number in it yet.</summary>
    public void BeginBatch() => _generation++;

    /// <summary>The known number of <paramref name="id"/>, or false when it has not been met.</summary>
    public bool TryFind(ReadOnlySpan<char> id, out int known) => _bySpan.TryGetValue(id, out known);

    /// <summary>Numbers a new id (already checked to be one).</summary>
    public int Add(ReadOnlySpan<char> id)
    {
        var name = id.ToString();
        var known = _names.Count;
        _ids.Add(name, known);
        _names.Add(name);
        if (_local.Length < _names.Count)
        {
            Array.Resize(ref _local, Math.Max(1024, _local.Length * 2));
            Array.Resize(ref _stamp, _local.Length);
        }

        return known;
    }

    public string Name(int known) => _names[known];

    /// <summary>The id's number in the current batch, or -1.</summary>
    public int LocalOf(int known) => _stamp[known] == _generation ? _local[known] : -1;

    public void SetLocal(int known, int local)
    {
        _local[known] = local;
        _stamp[known] = _generation;
    }
}
