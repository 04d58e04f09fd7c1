using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// The folders a container step writes besides its own output (a model registry, an output folder of its choosing),
/// made ready for the user the container runs as when the server runs as root: a step running as uid 10001 could not
/// create <c>{data}/.pipeline/registry</c> in a root-owned data root, and failed with "access denied", retried in
/// vain. Each folder missing on the way is created and handed to that user, and so is the folder written itself
/// (for one the step replaces whole, the folder it stages in beside it). Only inside the data root: elsewhere the
/// operator owns the folders, and the step's own error says which one it could not write.
/// </summary>
internal static class WrittenFolders
{
    public static void Prepare(IEnumerable<(string Path, PathAccess Access)> written, string dataRoot, string workingDirectory, int uid, int gid)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataRoot, workingDirectory));
        foreach (var (path, access) in written)
        {
            if (path.Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, workingDirectory));
            var folder = access == PathAccess.Replace ? Path.GetDirectoryName(full) : full;
            if (folder is null || !folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            HandOver(root, folder, uid, gid);
        }
    }

    /// <summary>Creates <paramref name="folder"/> and any missing folder above it (below the root), handing each to the user.</summary>
    private static void HandOver(string root, string folder, int uid, int gid)
    {
        var missing = new Stack<string>();
        for (var at = folder; at.Length > root.Length && !Directory.Exists(at); at = Path.GetDirectoryName(at)!)
        {
            missing.Push(at);
        }

        foreach (var created in missing)
        {
            Directory.CreateDirectory(created);
            FolderOwner.Give(created, uid, gid);
        }

        // An existing folder: its top only. What earlier container steps made in it is that user's already.
        FolderOwner.Give(folder, uid, gid);
    }
}
