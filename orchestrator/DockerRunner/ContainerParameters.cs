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

    /// <param name="launch">The attempt.</param>
    /// <param name="options">The runner's options.</param>
    /// <param name="dataRoot">The engine's data root.</param>
    /// <param name="workerId">The server, for the worker label.</param>
    /// <param name="user">The user the container runs as (<see cref="ContainerUser.Resolve"/>).</param>
    /// <param name="engineCpus">The engine's CPUs, when known: a CPU limit above them is lowered to them (the engine refuses it).</param>
    public static CreateContainerParameters For(StepLaunch launch, DockerRunnerOptions options, string dataRoot, string workerId, string user, int? engineCpus = null)
    {
        var spec = launch.Spec;
        var cpus = spec.Resources?.Cpus ?? options.DefaultCpus;
        if (engineCpus is > 0 && cpus > engineCpus.Value)
        {
            cpus = engineCpus.Value;
        }

        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        return new CreateContainerParameters
        {
            Image = ImageFor(spec, options) ?? throw new InvalidOperationException("the container runner runs images and programs with a configured image"),
            // The image's entrypoint is the program; the step's arguments are its argv, never a shell line (none: the image's CMD).
            Cmd = [.. spec.Args],
            Env = Environment(launch, options),
            // Relative paths (a relative data root, samples/...) resolve inside the container as they do on the server.
            WorkingDir = workingDirectory,
            User = ContainerUser.IsRoot(user) ? throw new InvalidOperationException("a step container never runs as root") : user,
            Labels = ContainerLabels.For(launch.Attempt, workerId),
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            HostConfig = new HostConfig
            {
                Binds = Binds(options, dataRoot, workingDirectory),
                NetworkMode = options.NetworkMode,
                // Always limited: a step that says nothing gets the defaults, one that asks more than the caps is
                // refused before it gets here (Refusals).
                NanoCPUs = (long)Math.Round(cpus * 1e9),
                Memory = MemoryMb(spec, options) * BytesPerMb,
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

    /// <summary>The step's memory limit: its own <c>resources.memoryMb</c>, else <c>Runner:Docker:DefaultMemoryMb</c>.</summary>
    public static long MemoryMb(StepSpec spec, DockerRunnerOptions options) => spec.Resources?.MemoryMb ?? options.DefaultMemoryMb;

    /// <summary>What the runner's settings do not allow of a step: an image no pattern allows, limits over the caps.</summary>
    public static IReadOnlyList<StepRefusal> Refusals(StepSpec spec, DockerRunnerOptions options)
    {
        var refusals = new List<StepRefusal>();
        if (spec.Image is { } image && spec.Program is null && options.Images.FirstOrDefault(i => i.Value == image) is { Key: { } program })
        {
            // As an image step it would escape what is checked of a program step: its path options and runtime variables.
            refusals.Add(new("image", $"image '{image}' is the step program '{program}': write \"program\": \"{program}\" instead of naming its image"));
        }
        else if (spec.Image is { } other && !ImageAllowList.Allows(options, other))
        {
            refusals.Add(new("image", $"image '{other}' is not allowed on this server: {ImageAllowList.Setting} lists the images steps may run "
                + "(none by default: the step programs run as 'program' steps)"));
        }

        if (spec.Resources?.MemoryMb is { } memory && memory > options.MaxMemoryMb)
        {
            refusals.Add(new("resources.memoryMb", $"{memory} MB is more than this server gives a step: at most {options.MaxMemoryMb} MB (Runner:Docker:MaxMemoryMb)"));
        }

        if (spec.Resources?.Cpus is { } cpus && cpus > options.MaxCpus)
        {
            refusals.Add(new("resources.cpus", string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{cpus} CPUs is more than this server gives a step: at most {options.MaxCpus} (Runner:Docker:MaxCpus)")));
        }

        return refusals;
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
