using Docker.DotNet.Models;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// The container for one attempt, from the rendered step and the runner's options. Pure, so the mapping (image,
/// argv, environment, mounts, limits, labels) is tested without an engine.
/// </summary>
internal static class ContainerParameters
{
    private const long BytesPerMb = 1024 * 1024;

    /// <summary>The step's image: its own (<c>image</c> steps), else the one configured for its program; null when neither.</summary>
    public static string? ImageFor(StepSpec spec, DockerRunnerOptions options) =>
        spec.Image ?? (spec.Program is { } program && options.Images.TryGetValue(program, out var image) ? image : null);

    public static CreateContainerParameters For(StepLaunch launch, DockerRunnerOptions options, string dataRoot, string workerId)
    {
        var spec = launch.Spec;
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        return new CreateContainerParameters
        {
            Image = ImageFor(spec, options) ?? throw new InvalidOperationException("the container runner runs images and programs with a configured image"),
            // The image's entrypoint is the program; the step's arguments are its argv, never a shell line (none: the image's CMD).
            Cmd = [.. spec.Args],
            Env = [.. StepEnvironment.For(launch).Select(e => $"{e.Key}={e.Value}")],
            // Relative paths (a relative data root, samples/...) resolve inside the container as they do on the server.
            WorkingDir = workingDirectory,
            // Empty: the image's user.
            User = options.User ?? "",
            Labels = ContainerLabels.For(launch.Attempt, workerId),
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            HostConfig = new HostConfig
            {
                Binds = Binds(options, dataRoot, workingDirectory),
                NetworkMode = options.NetworkMode,
                NanoCPUs = spec.Resources?.Cpus is { } cpus ? (long)Math.Round(cpus * 1e9) : 0,
                Memory = spec.Resources?.MemoryMb is { } mb ? mb * BytesPerMb : 0,
                // Removal is the runner's, after it has read the exit code and the last of the logs.
                AutoRemove = false,
                // A PID 1 that forwards SIGTERM: dotnet programs stop cleanly, shells in images do not have to.
                Init = true,
            },
        };
    }

    /// <summary>
    /// The data root at its own absolute path, so every path the launcher rendered (output folders, upstream
    /// folders) names the same file inside the container; read-only inputs the same way.
    /// </summary>
    public static List<string> Binds(DockerRunnerOptions options, string dataRoot, string workingDirectory)
    {
        var root = Path.GetFullPath(dataRoot, workingDirectory);
        var source = string.IsNullOrEmpty(options.DataVolume) ? root : options.DataVolume;
        var binds = new List<string> { $"{source}:{root}" };
        foreach (var folder in options.ReadOnlyBinds)
        {
            var path = Path.GetFullPath(folder, workingDirectory);
            binds.Add($"{path}:{path}:ro");
        }

        return binds;
    }
}
