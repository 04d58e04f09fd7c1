using System.Text;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// A byte range of a log, cut at line ends: <see cref="Text"/> is the bytes <see cref="Offset"/> to <see cref="Next"/>
/// of a file that was <see cref="Size"/> bytes long when it was read.
/// </summary>
public sealed record LogPage(long Offset, long Next, long Size, string Text);

/// <summary>
/// Reads one page of a log file without reading the rest of it, so a 100 MB log costs a page of memory. Pages are cut
/// after a newline, so asking again from <see cref="LogPage.Next"/> (or before <see cref="LogPage.Offset"/>) covers
/// every byte exactly once. A line longer than a page is cut at a character boundary and goes on in the next page;
/// while the step still writes, the unfinished last line waits for its newline.
/// </summary>
public static class LogPageReader
{
    /// <summary>The length of the file, 0 while it does not exist (a step that has printed nothing yet).</summary>
    public static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>Whole lines from <paramref name="offset"/> on, at most <paramref name="limit"/> bytes.</summary>
    public static async Task<LogPage> ReadFromAsync(string path, long offset, int limit, bool writing, CancellationToken cancellationToken)
    {
        await using var file = OpenOrNull(path);
        var size = file?.Length ?? 0;
        var count = (int)Math.Clamp(size - offset, 0, limit);
        if (file is null || count == 0)
        {
            return new LogPage(offset, offset, size, string.Empty);
        }

        var bytes = await ReadAsync(file, offset, count, cancellationToken);
        var atEnd = offset + count == size;
        var lastNewline = bytes.AsSpan().LastIndexOf((byte)'\n');
        var cut = atEnd && !writing ? count
            : lastNewline >= 0 ? lastNewline + 1
            : atEnd ? 0
            : CharacterStartAtOrBefore(bytes, count);
        return new LogPage(offset, offset + cut, size, Encoding.UTF8.GetString(bytes, 0, cut));
    }

    /// <summary>
    /// Whole lines ending at <paramref name="before"/> (the end of the file when null), at most <paramref name="limit"/>
    /// bytes: the tail of the log, or the page before one already read.
    /// </summary>
    public static async Task<LogPage> ReadBeforeAsync(string path, long? before, int limit, bool writing, CancellationToken cancellationToken)
    {
        await using var file = OpenOrNull(path);
        var size = file?.Length ?? 0;
        var end = Math.Min(before ?? size, size);
        var start = Math.Max(0, end - limit);
        var count = (int)(end - start);
        if (file is null || count == 0)
        {
            return new LogPage(end, end, size, string.Empty);
        }

        var bytes = await ReadAsync(file, start, count, cancellationToken);
        var textEnd = count;
        if (before is null && writing)
        {
            // The tail of a growing log stops at its last newline: the line being written comes with the next read.
            textEnd = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        }

        var textStart = 0;
        if (start > 0)
        {
            // The newline that ends the window's last line is not where a line starts: without one before it, the
            // window lies inside a single line longer than a page.
            var firstNewline = bytes.AsSpan(0, Math.Max(0, textEnd - 1)).IndexOf((byte)'\n');
            textStart = firstNewline >= 0 ? firstNewline + 1 : CharacterStartAtOrAfter(bytes, 0, textEnd);
        }

        return new LogPage(start + textStart, start + textEnd, size, Encoding.UTF8.GetString(bytes, textStart, textEnd - textStart));
    }

    private static FileStream? OpenOrNull(string path)
    {
        try
        {
            // The step's process may be writing it: share it for writing (and for deletion when its run is purged).
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAsync(FileStream file, long offset, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        file.Seek(offset, SeekOrigin.Begin);
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private static bool IsContinuation(byte b) => (b & 0b1100_0000) == 0b1000_0000;

    /// <summary>Where a cut at <paramref name="count"/> splits no UTF-8 character (the whole buffer when it cannot).</summary>
    private static int CharacterStartAtOrBefore(byte[] bytes, int count)
    {
        for (var i = count - 1; i >= Math.Max(0, count - 4); i--)
        {
            if (!IsContinuation(bytes[i]))
            {
                var length = bytes[i] < 0x80 ? 1 : bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2;
                return i + length <= count || i == 0 ? count : i;
            }
        }

        return count;
    }

    private static int CharacterStartAtOrAfter(byte[] bytes, int from, int end)
    {
        var start = from;
        while (start < end && start < from + 4 && IsContinuation(bytes[start]))
        {
            start++;
        }

        return start;
    }
}
