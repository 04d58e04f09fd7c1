
namespace Pipeline.Steps.Formats.Manifest;

/// <summary>Process memory in bytes: current working set, managed heap, and the peak working set of the whole run.</summary>
public sealed record MemoryMetrics(long WorkingSetBytes, long ManagedHeapBytes, long PeakWorkingSetBytes);
