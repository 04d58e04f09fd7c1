using System.Diagnostics;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// An exclusive lock on a folder, across processes and containers on one host: a <c>.lock</c> file held open
/// without sharing (an advisory <c>flock</c> on Linux, dropped by the kernel if the process dies). A workflow
/// server gives every run of a workflow's step the same state folder, and every run the same asset folders, so two
/// runs at once must not interleave their read-change-write of the files there.
/// </summary>
public sealed class FolderLock : IDisposable
{
    public const string FileName = ".lock";

    /// <summary>How long a step waits for another run's step to finish writing its state.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly FileStream _file;

    private FolderLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock on <paramref name="folder"/> (created when missing), waiting up to <paramref name="timeout"/>
    /// (default <see cref="DefaultTimeout"/>) or until <paramref name="cancellationToken"/> is cancelled; <paramref
    /// name="what"/> says what the folder is in the timeout's message ("the state folder", "the asset folder").
    /// </summary>
    /// <exception cref="TimeoutException">Another process held it all that time; the message names the folder.</exception>
    public static FolderLock Acquire(string folder, TimeSpan? timeout = null, string what = "the state folder", CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                // Read access is enough for the lock, so a .lock another user created (a run as another uid) still opens.
                return new FolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None));
            }
            catch (IOException e) when (HeldElsewhere(e) && waited.Elapsed < limit)
            {
                // Held by another run's step: poll, briefly at first (a state file takes milliseconds to write).
                cancellationToken.WaitHandle.WaitOne(wait);
                cancellationToken.ThrowIfCancellationRequested();
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 500));
            }
            catch (IOException e) when (HeldElsewhere(e))
            {
                throw new TimeoutException($"{what} {folder} stayed locked by another run's step for {limit.TotalSeconds:0} s", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>
    /// Whether the open failed because another process holds the lock (flock's EWOULDBLOCK: 11 on Linux, 35 on
    /// macOS; a sharing or lock violation on Windows), not for a full disk, a read-only mount or a missing folder,
    /// which waiting would not cure.
    /// </summary>
    private static bool HeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
