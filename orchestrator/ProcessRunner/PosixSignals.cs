using System.Runtime.InteropServices;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>SIGTERM, which .NET's Process cannot send: steps finish or abandon their staging cleanly on it.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static void Terminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = Kill(processId, SigTerm);
    }

    /// <summary>SIGTERM to every process of the group <paramref name="groupId"/> (a step started in a session of its own).</summary>
    public static void TerminateGroup(int groupId)
    {
        if (!OperatingSystem.IsWindows() && groupId > 1)
        {
            _ = Kill(-groupId, SigTerm);
        }
    }

    /// <summary>SIGKILL to every process of the group <paramref name="groupId"/>.</summary>
    public static void KillGroup(int groupId)
    {
        if (!OperatingSystem.IsWindows() && groupId > 1)
        {
            _ = Kill(-groupId, SigKill);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
