namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>The sensor ids and text values numbered so far, as a chunk writer sees them when it starts.</summary>
internal sealed record ChunkNames(string[] Sensors, int[] SensorRanks, string[] Texts)
{
    /// <summary>
    /// The sensor ids as Parquet.Net encodes strings. Handed strings, it converts every value of every row group
    /// into one of these first; converting each id once per chunk spares that.
    /// </summary>
    public ReadOnlyMemory<char>[] SensorChars { get; } = [.. Sensors.Select(s => s.AsMemory())];

    /// <summary>
    /// <paramref name="cached"/> while no name has come since it was made, else a new one (kept in it): ranking
    /// 100,000 sensor ids takes tens of milliseconds, and chunk writers start once per chunk. Names only grow, so equal
    /// counts mean equal tables.
    /// </summary>
    public static ChunkNames Current(ref ChunkNames? cached, NameTable sensors, NameTable texts)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(texts);
        if (cached is not { } names || names.Sensors.Length != sensors.Count || names.Texts.Length != texts.Count)
        {
            cached = names = Of(sensors, texts);
        }

        return names;
    }

    public static ChunkNames Of(NameTable sensors, NameTable texts)
    {
        var names = sensors.Snapshot();
        return new ChunkNames(names, NameTable.OrdinalRanks(names), texts.Snapshot());
    }
}
