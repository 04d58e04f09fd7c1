namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>The sensor ids and text values numbered so far, as a chunk writer sees them when it starts.</summary>
internal sealed record ChunkNames(string[] Sensors, int[] SensorRanks, string[] Texts)
{
    public static ChunkNames Of(NameTable sensors, NameTable texts)
    {
        var names = sensors.Snapshot();
        return new ChunkNames(names, NameTable.OrdinalRanks(names), texts.Snapshot());
    }
}
