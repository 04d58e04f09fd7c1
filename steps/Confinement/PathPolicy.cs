using System.Collections;

namespace Pipeline.Steps.Confinement;

/// <summary>
/// Where a run's paths may lead, judged on real paths (symbolic links followed): inside the roots, and an output
/// folder (replaced whole) strictly inside one, so what it stages beside itself is inside too; never into the
/// server's own files (its database, secrets), which are hidden even where a root holds them, nor over a guarded
/// folder (the data root, its runs and datasets), which no output may replace. A glob is judged by the folder before
/// its first wildcard; an http(s) URL is no path (where it leads is <see cref="PublicAddresses"/>' check) and may only
/// be read; <c>..</c>, also URL-encoded, and other URL schemes are refused on their face, since a program that
/// decodes or opens them would go where this check did not look.
/// </summary>
public sealed class PathPolicy
{
    /// <summary>Separates paths in the environment variables, as in <c>PATH</c>; no path may hold it.</summary>
    public const char Separator = ':';

    private readonly Folders _roots;
    private readonly Folders _hidden;
    private readonly Folders _guarded;

    /// <param name="roots">Folders runs may read and write.</param>
    /// <param name="hidden">Files and folders runs may neither read nor write, wherever they are.</param>
    /// <param name="guarded">Folders no output may replace, nor any folder holding them.</param>
    /// <param name="baseDirectory">Where relative paths resolve (where the steps start).</param>
    public PathPolicy(IEnumerable<string> roots, IEnumerable<string> hidden, IEnumerable<string> guarded, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        BaseDirectory = Path.GetFullPath(baseDirectory);
        _roots = new Folders(roots, BaseDirectory);
        _hidden = new Folders(hidden, BaseDirectory);
        _guarded = new Folders(guarded, BaseDirectory);
    }

    public string BaseDirectory { get; }

    /// <summary>The roots as given (full paths, links not followed: a step resolves them in its own file system).</summary>
    public IReadOnlyList<string> Roots => _roots.Declared;

    /// <summary>The path given that holds <see cref="Separator"/>, which the environment cannot carry; null when none does.</summary>
    public string? Unrepresentable() =>
        _roots.Declared.Concat(_hidden.Declared).Concat(_guarded.Declared).FirstOrDefault(p => p.Contains(Separator, StringComparison.Ordinal));

    /// <summary>The policy as the variables a step program reads it from (<see cref="ConfinementEnvironment"/>).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToEnvironment()
    {
        yield return KeyValuePair.Create(ConfinementEnvironment.PathRoots, string.Join(Separator, _roots.Declared));
        yield return KeyValuePair.Create(ConfinementEnvironment.HiddenPaths, string.Join(Separator, _hidden.Declared));
        yield return KeyValuePair.Create(ConfinementEnvironment.GuardedPaths, string.Join(Separator, _guarded.Declared));
    }

    /// <summary>The policy the server gave a step program, or null when it gave none (a program run by hand).</summary>
    public static PathPolicy? FromEnvironment(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment[ConfinementEnvironment.PathRoots] is string roots
            ? new PathPolicy(Split(roots), Split(environment[ConfinementEnvironment.HiddenPaths] as string), Split(environment[ConfinementEnvironment.GuardedPaths] as string),
                Directory.GetCurrentDirectory())
            : null;
    }

    /// <summary>Why <paramref name="value"/> may not be used so, or null when it may.</summary>
    /// <param name="value">The path, glob or URL.</param>
    /// <param name="access">What the step does there.</param>
    /// <param name="glob">Whether wildcards in it are a pattern (an option's value) rather than part of a name (a file found).</param>
    public string? Problem(string value, PathAccess access, bool glob = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (PathText.IsHttpUrl(value))
        {
            return access != PathAccess.Read ? "a URL cannot be written to; give a folder"
                : PathText.HasParentSegment(value) ? "'..' is not allowed in a path" : null;
        }

        if (PathText.FaceProblem(value) is { } problem)
        {
            return problem;
        }

        var real = RealPath.Of(Path.GetFullPath(glob && access == PathAccess.Read ? PathText.BeforeWildcard(value) : value, BaseDirectory));
        // The server's own files: not inside one, and no write to a folder that holds one.
        if (_hidden.Real.FirstOrDefault(h => IsWithin(real, h) || (access != PathAccess.Read && IsWithin(h, real))) is { } hidden)
        {
            return $"'{value}' leads to {real}, which holds or is the server's own {hidden}";
        }

        if (access == PathAccess.Replace && _guarded.Real.FirstOrDefault(g => IsWithin(g, real)) is { } guarded)
        {
            return $"'{value}' leads to {real}, which holds or is {guarded}: a step replaces its output folder whole, and no step may replace that";
        }

        var verb = access == PathAccess.Read ? "read" : "write";
        if (!_roots.Real.Any(root => IsWithin(real, root)))
        {
            return $"'{value}' leads to {real}, outside the folders runs may {verb} ({string.Join(", ", _roots.Declared)}; Engine:InputRoots adds more)";
        }

        return access == PathAccess.Replace && _roots.Real.Contains(real)
            ? $"'{value}' is {real}, one of the folders runs may use: a step replaces its output folder whole, staging beside it, so an output must lie inside one of them"
            : null;
    }

    private static bool IsWithin(string path, string root) =>
        path == root || root == "/" || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string[] Split(string? value) => value?.Split(Separator, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Paths as given (made full) and as they really are (links followed).</summary>
    private sealed class Folders
    {
        public Folders(IEnumerable<string> paths, string baseDirectory)
        {
            ArgumentNullException.ThrowIfNull(paths);
            Declared = [.. paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.GetFullPath(p, baseDirectory)).Distinct(StringComparer.Ordinal)];
            Real = [.. Declared.Select(RealPath.Of).Distinct(StringComparer.Ordinal)];
        }

        public IReadOnlyList<string> Declared { get; }

        public IReadOnlyList<string> Real { get; }
    }
}
