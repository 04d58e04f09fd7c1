using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>How the container runner starts steps; bound from the <c>Runner:Docker</c> configuration section.</summary>
public sealed class DockerRunnerOptions : ICheckedOptions
{
    /// <summary>The Docker Engine API endpoint: a unix socket (<c>unix:///var/run/docker.sock</c>) or <c>tcp://host:2375</c>.</summary>
    public Uri Endpoint { get; set; } = new("unix:///var/run/docker.sock");

    /// <summary>The image of each step program, by program name (<c>chunker</c> → <c>pipeline/chunker:local</c>); its entrypoint is the program.</summary>
    public Dictionary<string, string> Images { get; set; } = [];

    /// <summary>
    /// A named volume that holds the data root (the server itself in a container with the same volume). Empty: the
    /// server's data root folder is bind-mounted. Either way it is mounted at the data root's absolute path, so the
    /// paths in a step's arguments and environment are the same inside the container as on the server.
    /// </summary>
    public string? DataVolume { get; set; }

    /// <summary>Whether the data root is a folder of the server's host (no <see cref="DataVolume"/>): what mounts and user follow from.</summary>
    public bool DataRootIsHostFolder => string.IsNullOrEmpty(DataVolume);

    /// <summary>Host folders mounted read-only at the same path (relative ones from the working directory), e.g. <c>samples</c> for inputs.</summary>
    public List<string> ReadOnlyBinds { get; set; } = [];

    /// <summary>Where relative paths resolve inside the container. Default: the server's working directory, as for the process runner.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// Whether the working directory is bind-mounted (read-write, at its own path) when the data root is a host folder,
    /// so relative inputs and outputs (<c>samples/...</c>, <c>.pipeline/registry</c>) are the same files a process
    /// step would use. Ignored with <see cref="DataVolume"/>: a server in a container has no host folder to share.
    /// </summary>
    public bool MountWorkingDirectory { get; set; } = true;

    /// <summary>
    /// Names of the server's environment variables copied into every container when set (a database connection string
    /// for <c>cluster-predict</c>, say), so secrets stay in the server's environment rather than in definitions. A
    /// step's own <c>env</c> wins over them.
    /// </summary>
    public List<string> PassEnvironment { get; set; } = [];

    /// <summary>The container network: <c>none</c> by default (steps read files); <c>bridge</c> or a named network for steps that reach a database.</summary>
    public string NetworkMode { get; set; } = "none";

    /// <summary>
    /// The user the step runs as (<c>uid:gid</c>); never root (refused at start). Default: the server's own uid and
    /// gid when the data root is a host folder (files a step writes belong to the server's user, as a process step's
    /// do); the image's with <see cref="DataVolume"/>. Where that would be root (a server running as root, an image
    /// without a user of its own), <see cref="FallbackUser"/>.
    /// </summary>
    public string? User { get; set; }

    /// <summary>
    /// The <c>uid:gid</c> (numeric, not root) a step runs as when the user it would otherwise get is root. The step
    /// images' own user. A root server on a host data root hands each step's output folder and its run folder to
    /// this user before the container starts; other folders steps write (a model registry) must be writable by it.
    /// </summary>
    public string FallbackUser { get; set; } = "10001:10001";

    /// <summary>
    /// Images an <c>image</c> step may name: exact references or patterns where <c>*</c> stands for any characters
    /// but <c>/</c> (<c>pipeline/*</c>, <c>registry.example.com/team/*</c>). The images of <see cref="Images"/> are
    /// always allowed. Empty (the default): those only.
    /// </summary>
    public List<string> AllowedImages { get; set; } = [];

    /// <summary>The memory limit of a step that sets no <c>resources.memoryMb</c>.</summary>
    public int DefaultMemoryMb { get; set; } = 4096;

    /// <summary>The CPU limit of a step that sets no <c>resources.cpus</c> (at most the engine's CPUs).</summary>
    public double DefaultCpus { get; set; } = 2;

    /// <summary>The most <c>resources.memoryMb</c> a step may ask for; a definition asking more is refused.</summary>
    public int MaxMemoryMb { get; set; } = 16_384;

    /// <summary>The most <c>resources.cpus</c> a step may ask for; a definition asking more is refused.</summary>
    public double MaxCpus { get; set; } = 8;

    /// <summary>How long a container has to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many processes and threads in a step's container (a fork bomb stops there).</summary>
    public long PidsLimit { get; set; } = 1024;

    /// <summary>Size of the writable <c>/tmp</c> (memory-backed) a step gets; everything else but the mounts is read-only.</summary>
    public int TmpSizeMb { get; set; } = 256;

    /// <summary>Whether finished containers are removed (false keeps them for <c>docker inspect</c>).</summary>
    public bool RemoveContainers { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (StopGracePeriod < TimeSpan.Zero)
        {
            yield return "Runner:Docker:StopGracePeriod must not be negative";
        }

        if (!string.IsNullOrEmpty(User) && ContainerUser.IsRoot(User))
        {
            yield return $"Runner:Docker:User is root ('{User}'); step containers never run as root: set a non-root uid:gid, or leave it empty "
                + "for the server's own user (Runner:Docker:FallbackUser when the server is root)";
        }

        if (ContainerUser.Numeric(FallbackUser) is not { Uid: > 0, Gid: >= 0 })
        {
            yield return $"Runner:Docker:FallbackUser must be a numeric uid:gid other than root, not '{FallbackUser}'";
        }

        if (DefaultMemoryMb < 6)
        {
            yield return "Runner:Docker:DefaultMemoryMb must be at least 6 (the Docker Engine's smallest limit)";
        }

        if (DefaultMemoryMb > MaxMemoryMb)
        {
            yield return "Runner:Docker:DefaultMemoryMb must not be more than Runner:Docker:MaxMemoryMb";
        }

        if (DefaultCpus < 0.01)
        {
            yield return "Runner:Docker:DefaultCpus must be at least 0.01";
        }

        if (DefaultCpus > MaxCpus)
        {
            yield return "Runner:Docker:DefaultCpus must not be more than Runner:Docker:MaxCpus";
        }

        if (AllowedImages.Exists(string.IsNullOrWhiteSpace))
        {
            yield return "Runner:Docker:AllowedImages must not have empty entries";
        }
    }
}
