using System.Globalization;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// Step processes a killed server left behind (they run in a session of their own, so killing the server's tree
/// misses them; an adopting server only watches them). Found by the pids the steps wrote to the journal, and killed
/// with their process group only while /proc still shows a process of this scenario's run under that pid, so a
/// reused pid is never hit.
/// </summary>
internal static class OrphanSweeper
{
    public static bool IsAlive(Execution execution) =>
        Read($"/proc/{execution.Pid}/environ") is { } environment && environment.Contains($"PIPELINE_RUN_ID={execution.RunId}\0", StringComparison.Ordinal);

    public static async Task<int> SweepAsync(IEnumerable<Execution> executions)
    {
        var alive = executions.Where(e => e.End is null && IsAlive(e)).Select(e => e.Pid).Distinct().ToList();
        if (alive.Count > 0)
        {
            // The group takes the step's sleep and its runner's wrapper along; never our own group, which a step
            // started without a session of its own would share with its server and with us.
            var own = GroupOf(Environment.ProcessId);
            var groups = alive.Select(GroupOf).Where(g => g is > 1 && g != own).Select(g => -g!.Value);
            await Commands.SignalAsync("KILL", [.. alive, .. groups.Distinct()], CancellationToken.None);
        }

        return alive.Count;
    }

    /// <summary>The process group (field 5 of /proc/pid/stat, after the command in parentheses).</summary>
    private static int? GroupOf(int pid) =>
        Read($"/proc/{pid}/stat") is { } stat && stat[(stat.LastIndexOf(')') + 2)..].Split(' ') is { Length: > 2 } fields &&
        int.TryParse(fields[2], CultureInfo.InvariantCulture, out var group)
            ? group
            : null;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
