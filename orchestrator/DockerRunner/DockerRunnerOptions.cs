namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>How the container runner starts steps; bound from the <c>Runner:Docker</c> configuration section.</summary>
public sealed class DockerRunnerOptions
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
    /// The user the step runs as (<c>uid:gid</c>). Default: the server's own uid and gid when the data root is a host
    /// folder (files a step writes belong to the server's user, as a process step's do); the image's with
    /// <see cref="DataVolume"/>.
    /// </summary>
    public string? User { get; set; }

    /// <summary>How long a container has to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many processes and threads in a step's container (a fork bomb stops there).</summary>
    public long PidsLimit { get; set; } = 1024;

    /// <summary>Size of the writable <c>/tmp</c> (memory-backed) a step gets; everything else but the mounts is read-only.</summary>
    public int TmpSizeMb { get; set; } = 256;

    /// <summary>Whether finished containers are removed (false keeps them for <c>docker inspect</c>).</summary>
    public bool RemoveContainers { get; set; } = true;
}
