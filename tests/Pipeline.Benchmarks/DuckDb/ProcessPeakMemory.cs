namespace Pipeline.Benchmarks.DuckDb;

/// <summary>The kernel's high-water mark of this process's resident memory (VmHWM in <c>/proc/self/status</c>).</summary>
internal static class ProcessPeakMemory
{
    public static long? ReadBytes()
    {
        const string statusFile = "/proc/self/status";
        if (!File.Exists(statusFile))
        {
            return null;
        }

        foreach (var line in File.ReadLines(statusFile))
        {
            // "VmHWM:    123456 kB"
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
