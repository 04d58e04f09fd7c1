using System.Runtime.InteropServices;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>SIGTERM, which .NET's Process cannot send: steps finish or abandon their staging cleanly on it.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = Kill(processId, SigTerm);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
