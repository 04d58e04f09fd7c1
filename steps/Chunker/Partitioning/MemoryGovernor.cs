namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Keeps the managed heap near the memory budget. The Chunker's garbage is mostly large arrays (grown chunk
/// buffers, sorted columns), which the GC only reclaims in full collections that it otherwise runs late: without
/// this, peak memory grew with the input. A full collection of a heap this size takes milliseconds.
/// </summary>
internal sealed class MemoryGovernor(long limitBytes)
{
    public int Collections { get; private set; }

    /// <summary>Collects when the heap, garbage included, has grown past the limit.</summary>
    public void Check()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) > limitBytes)
        {
            GC.Collect();
            Collections++;
        }
    }
}
