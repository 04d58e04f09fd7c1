namespace Pipeline.Steps.Confinement;

/// <summary>
/// The folders a run's steps may read and write, as real paths (symbolic links followed), and whether a path a step
/// is given stays inside them. A glob is judged by the folder before its first wildcard; http(s) URLs are not paths
/// (where they lead is <see cref="PublicAddresses"/>' check); <c>..</c>, also URL-encoded, and other URL schemes are
/// refused on their face, since a program that decodes or opens them would go where this check did not look.
/// </summary>
public sealed class PathRoots
{
    /// <summary>Separates roots in <see cref="ConfinementEnvironment.PathRoots"/>, as in <c>PATH</c>.</summary>
    public const char Separator = ':';

    /// <param name="roots">The allowed folders; relative ones are taken from <paramref name="baseDirectory"/>.</param>
    /// <param name="baseDirectory">Where relative paths resolve (where the step starts).</param>
    public PathRoots(IEnumerable<string> roots, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        BaseDirectory = Path.GetFullPath(baseDirectory);
        Roots = [.. roots.Select(r => RealPath.Of(Path.GetFullPath(r, BaseDirectory))).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Roots { get; }

    public string BaseDirectory { get; }

    /// <summary>The roots as one environment value (<c>/data:/srv/in</c>); null when a root holds the separator.</summary>
    public string? ToEnvironmentValue() =>
        Roots.Any(r => r.Contains(Separator, StringComparison.Ordinal)) ? null : string.Join(Separator, Roots);

    /// <summary>The roots an environment value names, relative to the current directory.</summary>
    public static PathRoots FromEnvironmentValue(string value) =>
        new(value.Split(Separator, StringSplitOptions.RemoveEmptyEntries), Directory.GetCurrentDirectory());

    /// <summary>Why <paramref name="value"/> may not be used as a path, or null when it stays inside the roots.</summary>
    /// <param name="value">The path, glob or URL.</param>
    /// <param name="access">What runs do there, for the message: use, read.</param>
    public string? Problem(string value, string access = "use")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (PathText.IsHttpUrl(value))
        {
            return PathText.HasParentSegment(value) ? "'..' is not allowed in a path" : null;
        }

        if (PathText.FaceProblem(value) is { } problem)
        {
            return problem;
        }

        var real = RealPath.Of(Path.GetFullPath(PathText.BeforeWildcard(value), BaseDirectory));
        return Roots.Any(root => IsWithin(real, root))
            ? null
            : $"'{value}' leads to {real}, outside the folders runs may {access} ({string.Join(", ", Roots)}; Engine:InputRoots adds more)";
    }

    private static bool IsWithin(string path, string root) =>
        path == root || root == "/" || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
