using System.Reflection;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// Finds the entry assembly of each step program: configured paths first, else the repository's build output of
/// the same configuration as the server (the server's project builds the step projects before itself).
/// </summary>
public sealed class StepProgramCatalog(ProcessRunnerOptions options)
{
    private static readonly Dictionary<string, string> ProjectFolders = new(StringComparer.Ordinal)
    {
        [StepPrograms.Chunker] = "Chunker",
        [StepPrograms.FeatureCreator] = "FeatureCreator",
        [StepPrograms.ClusterTrain] = "ClusterTrain",
        [StepPrograms.ClusterPredict] = "ClusterPredict",
    };

    /// <summary>The program's entry assembly, or an exception that says where it was looked for.</summary>
    public string EntryAssembly(string program)
    {
        if (options.Programs.TryGetValue(program, out var configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"step program '{program}' is configured at {configured}, which does not exist (Runner:Process:Programs:{program})");
        }

        if (!ProjectFolders.TryGetValue(program, out var folder))
        {
            throw new FileNotFoundException($"unknown step program '{program}'; known: {string.Join(", ", ProjectFolders.Keys)}");
        }

        var root = RepositoryRoot() ?? throw new FileNotFoundException(
            $"step program '{program}' is not configured (Runner:Process:Programs:{program}) and no repository build was found above {AppContext.BaseDirectory}");
        var configuration = typeof(StepProgramCatalog).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var path = Path.Combine(root, "steps", folder, "bin", configuration, "net10.0", $"Pipeline.Steps.{folder}.dll");
        return File.Exists(path) ? path
            : throw new FileNotFoundException($"step program '{program}' is not built: {path} does not exist (dotnet build -c {configuration})");
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
