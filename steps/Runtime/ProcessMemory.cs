using System.Diagnostics;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime;

/// <summary>Reads the process's memory figures for the manifest's <c>memory</c> field.</summary>
public static class ProcessMemory
{
    public static MemoryMetrics Sample()
    {
        using var process = Process.GetCurrentProcess();
        // PeakWorkingSet64 is the kernel's high-water mark (VmHWM on Linux): it sees peaks between samples too.
        return new MemoryMetrics(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), process.PeakWorkingSet64);
    }
}
