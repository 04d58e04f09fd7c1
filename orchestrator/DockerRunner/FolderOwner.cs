using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>chown(2), which .NET has no API for: a root server hands a step's folders to the user its container runs as.</summary>
internal static partial class FolderOwner
{
    public static void Give(string path, int uid, int gid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (Chown(path, uid, gid) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot hand {path} to {uid}:{gid}: {new Win32Exception(error).Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);
}
