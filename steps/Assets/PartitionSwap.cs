using System.Runtime.InteropServices;

namespace Pipeline.Steps.Assets;

/// <summary>
/// Puts a new version of a partition folder in place of the old one so that a reader sees the old version or the
/// new one, never a mix or nothing: on Linux one <c>renameat2(RENAME_EXCHANGE)</c> swaps the two folders
/// atomically. Where the file system or kernel cannot exchange, the old folder is first renamed aside into
/// <c>_asset/replaced</c>, then the new one renamed in; a crash between the two renames leaves the old version
/// there, and <see cref="Recover"/> (run under the asset's lock before the next write) puts it back.
/// </summary>
internal static partial class PartitionSwap
{
    private const uint RenameExchange = 2;
    private const int AtCurrentDirectory = -100;

    /// <summary>
    /// Moves <paramref name="incoming"/> (same file system) to <paramref name="target"/>, replacing what is there;
    /// an old version is parked in <paramref name="replacedFolder"/> when the two folders cannot be exchanged.
    /// </summary>
    /// <returns>The folder that now holds the old version, for the caller to delete; null when there was none.</returns>
    public static string? Replace(string incoming, string target, string replacedFolder)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(incoming, target);
            return null;
        }

        if (OperatingSystem.IsLinux() && TryExchange(incoming, target))
        {
            return incoming;
        }

        Directory.CreateDirectory(replacedFolder);
        var parked = Path.Combine(replacedFolder, Guid.NewGuid().ToString("N")[..12] + "-" + Path.GetFileName(target));
        Directory.Move(target, parked);
        Directory.Move(incoming, target);
        return parked;
    }

    /// <summary>
    /// Puts back each parked old version whose partition folder is missing (a crash between the two renames of the
    /// fallback), and deletes the parked versions that were replaced; call it holding the asset's lock.
    /// </summary>
    public static void Recover(string assetFolder, string replacedFolder)
    {
        if (!Directory.Exists(replacedFolder))
        {
            return;
        }

        foreach (var parked in Directory.EnumerateDirectories(replacedFolder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(parked);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            var target = Path.Combine(assetFolder, name[(dash + 1)..]);
            if (dash > 0 && !Directory.Exists(target))
            {
                Directory.Move(parked, target);
            }
            else
            {
                Directory.Delete(parked, recursive: true);
            }
        }
    }

    private static bool TryExchange(string first, string second)
    {
        try
        {
            if (RenameAt2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // A C library older than glibc 2.28 (or not glibc): fall back to two renames.
            return false;
        }

        var error = Marshal.GetLastPInvokeError();
        // Not supported here (EINVAL: the file system cannot exchange; ENOSYS: the kernel has no renameat2):
        // fall back. Anything else (EACCES, EXDEV, ENOENT...) is a real failure to report.
        return error is 22 or 38 ? false : throw new IOException($"cannot exchange {first} and {second}: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
