namespace Pipeline.Chaos.Harness;

/// <summary>
/// A small tmpfs mounted on a folder (root only), to fill a server's data root: <see cref="FillAsync"/> leaves a few
/// hundred KB free with a filler file, <see cref="Free"/> deletes it. Unmounted on dispose (lazily when a leftover
/// process still holds a file there).
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private readonly IDisposable _cleanup;

    private TmpfsMount(string path)
    {
        Path = path;
        _cleanup = CleanupRegistry.Register($"tmpfs {path}", UnmountAsync);
    }

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler.bin");

    public long AvailableBytes => new DriveInfo(Path).AvailableFreeSpace;

    public static async Task<TmpfsMount> MountAsync(string path, int megabytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        var (code, output) = await Commands.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path], TimeSpan.FromSeconds(20), cancellationToken);
        return code == 0
            ? new TmpfsMount(path)
            : throw new InvalidOperationException($"cannot mount a tmpfs on {path} (root and CAP_SYS_ADMIN needed): mount exited with {code}: {output}");
    }

    /// <summary>Writes the filler until only <paramref name="leaveBytes"/> (about) are free.</summary>
    public async Task FillAsync(long leaveBytes, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        await using var file = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (AvailableBytes - chunk.Length > leaveBytes)
            {
                await file.WriteAsync(chunk, cancellationToken);
            }
        }
        catch (IOException)
        {
            // Full already: what the scenario wants anyway.
        }
    }

    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        _cleanup.Dispose();
        await UnmountAsync();
    }

    private async Task UnmountAsync()
    {
        var (code, _) = await Commands.RunAsync("umount", [Path], TimeSpan.FromSeconds(20), CancellationToken.None);
        if (code != 0)
        {
            await Commands.RunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(20), CancellationToken.None);
        }
    }
}
