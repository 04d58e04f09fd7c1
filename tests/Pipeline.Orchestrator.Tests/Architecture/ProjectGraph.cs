using System.Xml.Linq;

namespace Pipeline.Orchestrator.Tests.Architecture;

/// <summary>
/// The repository's projects as their .csproj files declare them: each project's own package and framework
/// references, and the projects it references, followed transitively. Read from the files, not from a build, so
/// the dependency rules are checked on what a newcomer sees.
/// </summary>
public sealed class ProjectGraph
{
    private static readonly string[] Trees = ["orchestrator", "steps"];
    private readonly Dictionary<string, ProjectFile> _projects;

    private ProjectGraph(Dictionary<string, ProjectFile> projects) => _projects = projects;

    /// <summary>Every project under <paramref name="root"/>'s <c>orchestrator</c> and <c>steps</c> folders, by name.</summary>
    public static ProjectGraph Load(string root)
    {
        var files = Trees
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));
        var projects = files.Select(ProjectFile.Read).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return new ProjectGraph(projects);
    }

    public IEnumerable<ProjectFile> Projects => _projects.Values;

    public ProjectFile this[string name] => _projects[name];

    /// <summary><paramref name="name"/> and every project it reaches through project references.</summary>
    public IReadOnlyList<ProjectFile> Closure(string name)
    {
        var seen = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (_projects.TryGetValue(next, out var project) && seen.TryAdd(next, project))
            {
                foreach (var reference in project.ProjectReferences)
                {
                    pending.Push(reference);
                }
            }
        }

        return [.. seen.Values];
    }
}

/// <summary>One .csproj: its name (file name without extension), folder, and what it references.</summary>
public sealed record ProjectFile(string Name, string Folder, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> Packages, IReadOnlyList<string> Frameworks)
{
    public static ProjectFile Read(string path)
    {
        var document = XDocument.Load(path);
        IReadOnlyList<string> Includes(string element) =>
            [.. document.Descendants(element).Select(e => (string?)e.Attribute("Include")).OfType<string>()];

        // Only referenced assemblies count: a build-order reference (ReferenceOutputAssembly false) brings no code.
        var projects = document.Descendants("ProjectReference")
            .Where(e => !string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')))
            .ToList();
        return new ProjectFile(Path.GetFileNameWithoutExtension(path), Path.GetDirectoryName(path)!, projects, Includes("PackageReference"), Includes("FrameworkReference"));
    }
}
