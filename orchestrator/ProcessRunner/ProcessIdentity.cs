using System.Globalization;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// A process told apart from a later one that reuses its pid: the pid, its start time (clock ticks since boot,
/// field 22 of <c>/proc/[pid]/stat</c>) and the boot it belongs to (<c>/proc/sys/kernel/random/boot_id</c>), since a
/// record read after a reboot, or on another machine sharing the data root, names some other process.
/// </summary>
internal sealed record ProcessIdentity(int ProcessId, long StartTicks, string BootId)
{
    /// <summary>This machine's boot, or empty where <c>/proc</c> does not say (then nothing is ever adopted).</summary>
    public static string CurrentBoot { get; } = ReadBoot();

    /// <summary>The running process <paramref name="processId"/>, or null once it has ended (a zombie has ended).</summary>
    public static ProcessIdentity? Of(int processId)
    {
        var stat = ReadStat(processId);
        return stat is { State: not ('Z' or 'X') } ? new ProcessIdentity(processId, stat.Value.StartTicks, CurrentBoot) : null;
    }

    /// <summary>Whether this very process is still running here.</summary>
    public bool IsRunning() => BootId.Length > 0 && BootId == CurrentBoot && Of(ProcessId) is { } now && now.StartTicks == StartTicks;

    private static (char State, long StartTicks)? ReadStat(int processId)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name, in parentheses, may hold spaces and parentheses: the fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string ReadBoot()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
