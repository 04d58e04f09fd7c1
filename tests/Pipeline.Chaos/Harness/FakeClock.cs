using System.Globalization;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// libfaketime (Debian's <c>faketime</c> package), preloaded into one server to move its wall clock. Only the wall
/// clock: the monotonic clock stays real (FAKETIME_DONT_FAKE_MONOTONIC), so the server's timers and delays behave.
/// The server hands step processes none of its LD_* variables, so the steps (and the journal) keep the real time.
/// </summary>
internal static class FakeClock
{
    private static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
    ];

    /// <summary>The library, installed with apt-get when missing and we are root; null (and why) when it cannot be had.</summary>
    public static async Task<(string? Library, string Why)> FindAsync(CancellationToken cancellationToken)
    {
        if (Candidates.FirstOrDefault(File.Exists) is { } found)
        {
            return (found, "");
        }

        if (System.Environment.UserName != "root")
        {
            return (null, "libfaketime is not installed (apt-get install -y faketime, as root)");
        }

        var (code, output) = await Commands.RunAsync("apt-get", ["install", "-y", "faketime"], TimeSpan.FromMinutes(3), cancellationToken);
        if (code != 0)
        {
            // A fresh machine may have no package lists yet.
            await Commands.RunAsync("apt-get", ["update"], TimeSpan.FromMinutes(3), cancellationToken);
            (code, output) = await Commands.RunAsync("apt-get", ["install", "-y", "faketime"], TimeSpan.FromMinutes(3), cancellationToken);
        }

        return Candidates.FirstOrDefault(File.Exists) is { } installed
            ? (installed, "")
            : (null, $"libfaketime is not installed and apt-get install -y faketime failed ({code}): {Last(output)}");
    }

    /// <summary>The environment that moves a process's wall clock by <paramref name="offset"/> (whole seconds).</summary>
    public static Dictionary<string, string> Settings(string library, TimeSpan offset) => new()
    {
        ["LD_PRELOAD"] = library,
        ["FAKETIME"] = string.Create(CultureInfo.InvariantCulture, $"{(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(offset.TotalSeconds):0}s"),
        ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
    };

    private static string Last(string output) => output.Length > 300 ? output[^300..] : output;
}
