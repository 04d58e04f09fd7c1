namespace Pipeline.Orchestrator.Tests.Architecture;

/// <summary>
/// The dependency direction of docs/architecture.md, as rules over a <see cref="ProjectGraph"/>; each broken rule is
/// one line naming the projects and the reference at fault.
/// </summary>
public static class DependencyRules
{
    public const string Host = "Pipeline.Orchestrator";

    /// <summary>The core that decides what runs: it must stay free of databases, containers and the web.</summary>
    public static readonly string[] Core = ["Pipeline.Orchestrator.Definitions", "Pipeline.Orchestrator.Engine"];

    /// <summary>Packages and frameworks that do I/O for the core: each belongs in a module around it.</summary>
    private static readonly string[] IoPrefixes = ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Dapper", "Docker.DotNet", "Microsoft.AspNetCore", "Microsoft.ML", "Parquet"];

    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        List<string> violations = [];
        foreach (var core in Core)
        {
            foreach (var project in graph.Closure(core))
            {
                violations.AddRange(project.Packages.Concat(project.Frameworks)
                    .Where(IsIo)
                    .Select(package => $"{core} must do no I/O, but {(project.Name == core ? "it" : project.Name)} references {package}"));
                violations.AddRange(project.ProjectReferences
                    .Where(reference => reference.StartsWith("Pipeline.Orchestrator.", StringComparison.Ordinal) && !Core.Contains(reference))
                    .Select(reference => $"{project.Name} is core and must not reference the module {reference}"));
            }
        }

        foreach (var project in graph.Projects)
        {
            if (IsStep(project))
            {
                violations.AddRange(project.ProjectReferences
                    .Where(reference => reference == Host || reference.StartsWith("Pipeline.Orchestrator.", StringComparison.Ordinal))
                    .Select(reference => $"step project {project.Name} must not reference the orchestrator's {reference}"));
            }
            else if (project.Name != Host)
            {
                violations.AddRange(project.ProjectReferences
                    .Where(reference => reference == Host)
                    .Select(_ => $"module {project.Name} must not reference the host {Host}"));
            }
        }

        return violations;
    }

    private static bool IsIo(string package) => IoPrefixes.Any(prefix => package.StartsWith(prefix, StringComparison.Ordinal));

    private static bool IsStep(ProjectFile project) => project.Name.StartsWith("Pipeline.Steps.", StringComparison.Ordinal);
}
