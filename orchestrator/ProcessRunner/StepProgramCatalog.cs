using System.Reflection;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// Finds each step program: configured paths first, else the repository's build output of the same configuration
/// as the server (the server's project builds the step projects before itself): the native program that
/// eng/publish-native-steps.sh makes, when there is one at least as new as the project's build, else the
/// framework-dependent entry assembly. An older native program is passed over, so a rebuilt step is never shadowed
/// by a stale one.
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

    /// <summary>How to start the program, or an exception that says where it was looked for.</summary>
    public StepProgramCommand Command(string program)
    {
        if (options.Programs.TryGetValue(program, out var configured))
        {
            return File.Exists(configured) ? new StepProgramCommand(Path.GetFullPath(configured))
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
        var native = Path.Combine(root, "steps", folder, "bin", configuration, "native", $"Pipeline.Steps.{folder}");
        if (File.Exists(native) && (!File.Exists(path) || File.GetLastWriteTimeUtc(native) >= File.GetLastWriteTimeUtc(path)))
        {
            return new StepProgramCommand(native);
        }

        return File.Exists(path) ? new StepProgramCommand(path)
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
