using System.Diagnostics;

namespace Pipeline.Chaos.Harness;

/// <summary>Short external programs (kill, mount, apt-get): run to the end, output captured for error messages.</summary>
internal static class Commands
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output + await error).Trim());
    }

    /// <summary>Runs the program and throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        var (code, output) = await RunAsync(program, list, TimeSpan.FromMinutes(3), cancellationToken);
        return code == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', list)} exited with {code}: {output}");
    }

    /// <summary>
    /// Sends a signal with kill(1): .NET itself only sends SIGKILL. A process that is already gone is no error (a
    /// PostgreSQL backend may end between being listed and being signalled).
    /// </summary>
    public static Task SignalAsync(string signal, IEnumerable<int> pids, CancellationToken cancellationToken) =>
        RunAsync("kill", ["-s", signal, "--", .. pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))], TimeSpan.FromSeconds(10), cancellationToken);
}
