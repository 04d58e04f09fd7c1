namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>The sensor ids and text values numbered so far, as a chunk writer sees them when it starts.</summary>
internal sealed record ChunkNames(string[] Sensors, int[] SensorRanks, string[] Texts)
{
    /// <summary>
    /// The sensor ids as Parquet.Net encodes strings. Handed strings, it converts every value of every row group
    /// into one of these first; converting each id once per chunk spares that.
    /// </summary>
    public ReadOnlyMemory<char>[] SensorChars { get; } = [.. Sensors.Select(s => s.AsMemory())];

    public static ChunkNames Of(NameTable sensors, NameTable texts)
    {
        var names = sensors.Snapshot();
        return new ChunkNames(names, NameTable.OrdinalRanks(names), texts.Snapshot());
    }
}
