namespace Pipeline.Steps.Confinement;

/// <summary>
/// A path with every symbolic link in it followed, like realpath(3): each component is resolved in turn, so a link
/// anywhere (not only at the end) counts. Components that do not exist yet are kept as written.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var resolved = Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Queue<string>(fullPath[resolved.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries));
        var links = 0;
        while (pending.TryDequeue(out var part))
        {
            var next = Path.Combine(resolved, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target && ++links <= MaxLinks)
            {
                // Continue from the link's target, then the rest of the path; a relative target is relative to its folder.
                var rest = pending.ToArray();
                var targetPath = Path.GetFullPath(target, resolved);
                resolved = Path.GetPathRoot(targetPath) ?? "/";
                pending = new Queue<string>(targetPath[resolved.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                continue;
            }

            resolved = Path.GetFullPath(next);
        }

        return resolved;
    }
}
