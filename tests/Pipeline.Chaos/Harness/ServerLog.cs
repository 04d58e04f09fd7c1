using System.Globalization;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// A server's console output: every line to its log file (kept with --keep), the last lines in memory for error
/// messages, and the server's clock as its log timestamps show it (the clock-skew scenario checks that libfaketime
/// really moved the .NET clock of the process, not only that of date(1)).
/// </summary>
internal sealed class ServerLog : IDisposable
{
    /// <summary>How a line of <c>serve --log-format json</c> starts, and the format of that timestamp.</summary>
    private const string StampPrefix = "{\"Timestamp\":\"";
    private const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private readonly Lock _gate = new();
    private readonly StreamWriter _file;
    private readonly Queue<string> _tail = new();
    private int _stamped;

    public ServerLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    /// <summary>The address from the server's own "Now listening on" line, once printed.</summary>
    public string? ListeningOn { get; private set; }

    /// <summary>
    /// The server clock minus ours, as its log lines show: their timestamp minus the time we read them. Reading comes
    /// after writing, so the largest difference over the first lines is the closest to the true offset.
    /// </summary>
    public TimeSpan? ClockOffset { get; private set; }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow();
        lock (_gate)
        {
            _file.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }

            const string Marker = "Now listening on: ";
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0 && ListeningOn is null)
            {
                var url = line[(at + Marker.Length)..];
                ListeningOn = url[..(url.IndexOf('"', StringComparison.Ordinal) is var end and >= 0 ? end : url.Length)].Trim();
            }

            if (_stamped < 30 && line.StartsWith(StampPrefix, StringComparison.Ordinal) && line.Length > StampPrefix.Length + TimestampFormat.Length &&
                DateTimeOffset.TryParseExact(line.AsSpan(StampPrefix.Length, TimestampFormat.Length), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
            {
                _stamped++;
                var offset = stamp - now;
                ClockOffset = ClockOffset is { } known && known > offset ? known : offset;
            }
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
