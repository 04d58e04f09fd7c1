using System.Security.Cryptography;
using System.Text;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.Features;

/// <summary>
/// Model families: one registry per kind of data under <c>&lt;registry&gt;/families/&lt;family&gt;</c>, each with
/// its own versions, production pointer and promotion history, so a particle sensor's data never meets a thermometer's
/// model. A family is named by the workflow (<c>--family particles</c>) or, with <c>--family auto</c>, after the value
/// columns its features come from (<c>P1-P2</c>): data of a new kind makes a new family, data of a known kind finds
/// its own. The registry folder's own versions are the family of the first kind trained there, so a registry from
/// before families keeps its versions and production, and a new registry needs no sub-folder for its only kind.
/// </summary>
public static class ModelFamilies
{
    /// <summary>The <c>--family</c> value that names the family after the data's columns.</summary>
    public const string Auto = "auto";

    public const string FolderName = "families";

    private const int MaxNameLength = 100;

    /// <summary>The registry folder of <paramref name="family"/> in the registry at <paramref name="registryRoot"/>.</summary>
    public static string Folder(string registryRoot, string family) => Path.Combine(registryRoot, FolderName, family);

    /// <summary>The families of a registry, in ordinal order; none when it has no family folder.</summary>
    public static IReadOnlyList<string> Names(string registryRoot)
    {
        var folder = Path.Combine(registryRoot, FolderName);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(IsValidName).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// Every family of the registry at <paramref name="registryRoot"/> with the registry holding it: the folder's own
    /// versions first (named after their features, when it has any), then each one under <c>families/</c>.
    /// </summary>
    public static IReadOnlyList<(string Family, ModelRegistry Registry)> All(string registryRoot, TimeProvider clock)
    {
        var all = new List<(string, ModelRegistry)>();
        var root = new ModelRegistry(registryRoot, clock);
        if (KindOf(root) is { } rootKind)
        {
            all.Add((rootKind, root));
        }

        all.AddRange(Names(registryRoot).Select(name => (name, new ModelRegistry(Folder(registryRoot, name), clock))));
        return all;
    }

    /// <summary>
    /// Where versions of the kind <paramref name="family"/> go with <c>--family auto</c>: the family's registry when
    /// it exists, else the registry folder itself while it holds no version, else a new family folder.
    /// </summary>
    public static (string Family, ModelRegistry Registry) ForTraining(string registryRoot, string family, TimeProvider clock)
    {
        var all = All(registryRoot, clock);
        var known = all.FirstOrDefault(f => f.Family == family);
        if (known.Registry is not null)
        {
            return known;
        }

        var root = new ModelRegistry(registryRoot, clock);
        return root.Versions().Count == 0 ? (family, root) : (family, new ModelRegistry(Folder(registryRoot, family), clock));
    }

    /// <summary>
    /// The families with a production version whose features are all among <paramref name="columns"/>, best first
    /// (the most features, then the name), and those that do not fit, each with the features it lacks.
    /// </summary>
    public static (IReadOnlyList<FamilyFit> Fitting, IReadOnlyList<(string Family, IReadOnlyList<string> Missing)> Misfits) Match(
        string registryRoot, IReadOnlySet<string> columns, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var fitting = new List<FamilyFit>();
        var misfits = new List<(string, IReadOnlyList<string>)>();
        foreach (var (family, registry) in All(registryRoot, clock))
        {
            if (registry.Production() is not { } production)
            {
                continue;
            }

            var features = registry.Metadata(production.Version).Features;
            var missing = features.Where(f => !columns.Contains(f)).ToList();
            if (missing.Count == 0)
            {
                fitting.Add(new FamilyFit(family, registry, production.Version, features.Count));
            }
            else
            {
                misfits.Add((family, missing));
            }
        }

        return ([.. fitting.OrderByDescending(f => f.Features).ThenBy(f => f.Family, StringComparer.Ordinal)], misfits);
    }

    /// <summary>The family a registry's versions are of: named after its production version's features (its newest's without one); null when it has none.</summary>
    public static string? KindOf(ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var versions = registry.Versions();
        if (versions.Count == 0)
        {
            return null;
        }

        var version = registry.Production()?.Version ?? versions[^1];
        return registry.Metadata(version).Family ?? NameFor(registry.Metadata(version).Features);
    }

    /// <summary>Why <paramref name="name"/> cannot name a family (a folder name and part of an API path); null when it can.</summary>
    public static string? Problem(string name) =>
        IsValidName(name) ? null : $"a family name is 1 to {MaxNameLength} letters, digits, '_', '-' or '.', not starting with '.' (got '{name}')";

    /// <summary>
    /// The family named after the value columns of <paramref name="features"/> (<c>P1_mean</c>, <c>P1_std</c>,
    /// <c>P2_mean</c> make <c>P1-P2</c>); a name too long for a folder keeps its start and a hash of the whole.
    /// </summary>
    public static string NameFor(IEnumerable<string> features)
    {
        var columns = features
            .Select(f => SensorDayFeatures.TryParse(f, out var column, out _) ? column : f)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(Clean);
        var name = string.Join('-', columns);
        if (name.Length <= MaxNameLength && IsValidName(name))
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
        var start = name.TrimStart('.');
        return $"{start[..Math.Min(start.Length, MaxNameLength - 13)]}-{hash}";
    }

    /// <summary>The value columns a model's features are computed from.</summary>
    public static IReadOnlyList<string> ValueColumns(IEnumerable<string> features) =>
        [.. features.Select(f => SensorDayFeatures.TryParse(f, out var column, out _) ? column : f).Distinct(StringComparer.Ordinal)];

    private static string Clean(string column)
    {
        var builder = new StringBuilder(column.Length);
        foreach (var c in column)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }

        return builder.ToString();
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}

/// <summary>A family whose production model's features some data has: its registry, production version and feature count.</summary>
public sealed record FamilyFit(string Family, ModelRegistry Registry, int ProductionVersion, int Features);
