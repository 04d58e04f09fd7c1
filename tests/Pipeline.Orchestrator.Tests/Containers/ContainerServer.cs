using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Tests.DockerRunner;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Containers;

/// <summary>
/// The real server program (<c>serve</c>, a child process a test can kill -9) with <c>Runner:Default=docker</c> and the
/// step images, on a temp SQLite file (or a given PostgreSQL database), data root and workflows folder; plus a Docker client to look at its containers.
/// Containers are kept after they end (<c>RemoveContainers=false</c>) unless a test says otherwise, so tests can
/// see which image ran each attempt; all of a test's containers are removed when it is disposed.
/// </summary>
public sealed class ContainerServer : IAsyncDisposable
{
    private readonly TempFolder _folder = new("orchestrator-containers");
    private readonly Dictionary<string, string> _environment;
    private readonly string _label = "test-" + Guid.NewGuid().ToString("N")[..10];
    private ServerProcess? _server;
    private int _starts;

    private readonly string[] _storage;

    /// <param name="settings">Environment variables of the server, over the defaults here.</param>
    /// <param name="database">A PostgreSQL connection string for the server's state; none: a temp SQLite file.</param>
    public ContainerServer(IReadOnlyDictionary<string, string>? settings = null, string? database = null)
    {
        _storage = database is null ? ["--sqlite", _folder.Sub("pipeline.db")] : ["--db", database];
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Runner__Default"] = "docker",
            ["Runner__Docker__RemoveContainers"] = "false",
            ["Runner__Docker__StopGracePeriod"] = "00:00:02",
            ["Engine__PollInterval"] = "00:00:00.2",
            ["Engine__LeaseDuration"] = "00:00:03",
            // The image steps of the tests; by default a server runs only its step programs' images.
            ["Runner__Docker__AllowedImages__0"] = DockerFactAttribute.TestImage,
        };
        foreach (var (program, image) in StepImages.All)
        {
            _environment[$"Runner__Docker__Images__{program}"] = image;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        Directory.CreateDirectory(Workflows);
    }

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri(DockerProbe.Endpoint)).Build();

    public string DataRoot => _folder.Sub("data");

    public string Workflows => _folder.Sub("workflows");

    public ApiClient Api { get; private set; } = null!;

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output => _server?.Output ?? "";

    /// <summary>Copies one of the repository's shipped workflows (<c>workflows/&lt;id&gt;.json</c>) into the server's folder.</summary>
    public void Ship(string workflowId) =>
        File.Copy(Path.Combine(OrchestratorProcess.RepositoryRoot, "workflows", workflowId + ".json"), Path.Combine(Workflows, workflowId + ".json"));

    public void Add(JsonObject workflow) => ShellWorkflows.WriteTo(Workflows, workflow);

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>: same database, data root and workflows).</summary>
    public async Task StartAsync()
    {
        // Each start is a new worker, as a restarted server is; every container of this test carries the prefix in its
        // worker label, so disposal finds them all, whichever run or start made them.
        _environment["Engine__WorkerId"] = $"{_label}-{++_starts}";
        _server = await ServerProcess.StartAsync(_storage, DataRoot, Workflows, _environment);
        Api?.Dispose();
        Api = new ApiClient(_server.BaseUrl);
    }

    /// <summary>kill -9 of the server alone: its containers run on, as after a crash.</summary>
    public async Task KillAsync()
    {
        await _server!.KillAsync();
        await _server.DisposeAsync();
    }

    /// <summary>The containers of one step of a run, any state, oldest first.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync(string runId, string? stepId = null)
    {
        var labels = new Dictionary<string, bool> { [$"{ContainerLabels.Run}={runId}"] = true };
        if (stepId is not null)
        {
            labels[$"{ContainerLabels.Step}={stepId}"] = true;
        }

        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels };
        var found = await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
        return [.. found.OrderBy(c => c.Created)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [ContainerLabels.Worker] = true } };
        var all = await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
        foreach (var container in all.Where(c => c.Labels[ContainerLabels.Worker].StartsWith(_label, StringComparison.Ordinal)))
        {
            await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        Api?.Dispose();
        Docker.Dispose();
        _folder.Dispose();
    }
}
