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
            Env = Environment(launch, options),
            // Relative paths (a relative data root, samples/...) resolve inside the container as they do on the server.
            WorkingDir = workingDirectory,
            User = options.User ?? (options.DataRootIsHostFolder ? HostUser.Current : ""),
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
                // Hardened whatever the definition says: a step writes only to its mounts and a small /tmp, cannot
                // gain privileges (setuid binaries) or use kernel capabilities, and cannot fork without bound.
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,noexec,nosuid,nodev,size={options.TmpSizeMb}m" },
                SecurityOpt = ["no-new-privileges"],
                CapDrop = ["ALL"],
                PidsLimit = options.PidsLimit,
                Privileged = false,
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
        var source = options.DataRootIsHostFolder ? root : options.DataVolume;
        var binds = new List<string> { $"{source}:{root}" };
        if (options.MountWorkingDirectory && options.DataRootIsHostFolder && !IsWithin(root, workingDirectory) && workingDirectory != "/")
        {
            binds.Add($"{workingDirectory}:{workingDirectory}");
        }

        foreach (var folder in options.ReadOnlyBinds)
        {
            var path = Path.GetFullPath(folder, workingDirectory);
            binds.Add($"{path}:{path}:ro");
        }

        return binds;
    }

    /// <summary>The server's passed-through variables that are set, then the step's own environment over them.</summary>
    public static List<string> Environment(StepLaunch launch, DockerRunnerOptions options, Func<string, string?>? server = null)
    {
        server ??= System.Environment.GetEnvironmentVariable;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in options.PassEnvironment)
        {
            if (server(name) is { } value)
            {
                env[name] = value;
            }
        }

        foreach (var (name, value) in StepEnvironment.For(launch))
        {
            env[name] = value;
        }

        return [.. env.Select(e => $"{e.Key}={e.Value}")];
    }

    // The data root inside the working directory is mounted by the working directory's bind already; a second
    // bind of it would shadow nothing but is noise in `docker inspect`.
    private static bool IsWithin(string folder, string parent) =>
        folder == parent || folder.StartsWith(parent.TrimEnd('/') + "/", StringComparison.Ordinal);
}
