using Pipeline.Orchestrator.Tests.Definitions;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Architecture;

/// <summary>
/// The project references keep the direction of docs/architecture.md: Definitions and Engine do no I/O and know no
/// module; no step references the orchestrator; no module references the host.
/// </summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void The_repository_keeps_the_dependency_direction()
    {
        var graph = ProjectGraph.Load(TestDefinitions.RepoRoot());

        Assert.Contains(graph.Projects, p => p.Name == DependencyRules.Host);
        Assert.Contains(graph.Projects, p => p.Name == "Pipeline.Orchestrator.Engine");
        var violations = DependencyRules.Violations(graph);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("orchestrator/Engine/Pipeline.Orchestrator.Engine.csproj", """<PackageReference Include="Npgsql" />""",
        "Pipeline.Orchestrator.Engine must do no I/O, but it references Npgsql")]
    [InlineData("orchestrator/Definitions/Pipeline.Orchestrator.Definitions.csproj", """<FrameworkReference Include="Microsoft.AspNetCore.App" />""",
        "Pipeline.Orchestrator.Definitions must do no I/O, but it references Microsoft.AspNetCore.App")]
    [InlineData("orchestrator/Engine/Pipeline.Orchestrator.Engine.csproj", """<ProjectReference Include="../Persistence/Pipeline.Orchestrator.Persistence.csproj" />""",
        "Pipeline.Orchestrator.Engine is core and must not reference the module Pipeline.Orchestrator.Persistence")]
    [InlineData("steps/Chunker/Pipeline.Steps.Chunker.csproj", """<ProjectReference Include="../../orchestrator/Engine/Pipeline.Orchestrator.Engine.csproj" />""",
        "step project Pipeline.Steps.Chunker must not reference the orchestrator's Pipeline.Orchestrator.Engine")]
    [InlineData("orchestrator/Datasets/Pipeline.Orchestrator.Datasets.csproj", """<ProjectReference Include="../Server/Pipeline.Orchestrator.csproj" />""",
        "module Pipeline.Orchestrator.Datasets must not reference the host Pipeline.Orchestrator")]
    public void A_forbidden_reference_is_reported(string project, string reference, string expected)
    {
        using var copy = new TempFolder("architecture");
        CopyProjects(TestDefinitions.RepoRoot(), copy.Path);
        var file = Path.Combine(copy.Path, project);
        File.WriteAllText(file, File.ReadAllText(file).Replace("</Project>", $"<ItemGroup>{reference}</ItemGroup></Project>", StringComparison.Ordinal));

        var violations = DependencyRules.Violations(ProjectGraph.Load(copy.Path));

        Assert.Contains(expected, violations);
    }

    [Fact]
    public void A_build_order_reference_brings_no_code_and_is_allowed()
    {
        using var copy = new TempFolder("architecture");
        CopyProjects(TestDefinitions.RepoRoot(), copy.Path);
        var file = Path.Combine(copy.Path, "orchestrator/Datasets/Pipeline.Orchestrator.Datasets.csproj");
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "</Project>", """<ItemGroup><ProjectReference Include="../Server/Pipeline.Orchestrator.csproj" ReferenceOutputAssembly="false" /></ItemGroup></Project>""", StringComparison.Ordinal));

        Assert.Empty(DependencyRules.Violations(ProjectGraph.Load(copy.Path)));
    }

    /// <summary>The .csproj files alone, in their folders: enough for the rules, and safe to change.</summary>
    private static void CopyProjects(string root, string target)
    {
        foreach (var project in ProjectGraph.Load(root).Projects)
        {
            var folder = Path.Combine(target, Path.GetRelativePath(root, project.Folder));
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(project.Folder, project.Name + ".csproj"), Path.Combine(folder, project.Name + ".csproj"));
        }
    }
}
