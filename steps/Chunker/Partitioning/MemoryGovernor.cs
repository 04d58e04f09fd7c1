namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Keeps the managed heap near the memory budget. The Chunker's garbage is mostly large arrays (grown chunk
/// buffers, sorted columns), which the GC only reclaims in full collections that it otherwise runs late: without
/// this, peak memory grew with the input. A collection runs only when the heap has grown well past what was live
/// after the last one, so live data above the limit (chunks being written) does not make it collect every time.
/// </summary>
internal sealed class MemoryGovernor(long limitBytes)
{
    private const long Slack = 32L << 20;
    private readonly Lock _gate = new();
    private long _liveAfterLastCollection;

    public int Collections { get; private set; }

    /// <summary>Collects when the heap, garbage included, has grown past the limit and past the last live size.</summary>
    public void Check()
    {
        // Called by the reader and by chunk writers; one decides at a time.
        lock (_gate)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > limitBytes && heap > _liveAfterLastCollection + Slack)
            {
                GC.Collect();
                Collections++;
                _liveAfterLastCollection = GC.GetTotalMemory(forceFullCollection: false);
            }
        }
    }
}
