using System.Text;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>The last lines of a log file, read from its end so a large log costs no more than a small one.</summary>
public static class LogTail
{
    private const int MaxBytes = 64 * 1024;

    public static IReadOnlyList<string> LastLines(string path, int count)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = (int)Math.Min(stream.Length, MaxBytes);
        stream.Seek(-length, SeekOrigin.End);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= count ? lines : lines[^count..];
    }
}
