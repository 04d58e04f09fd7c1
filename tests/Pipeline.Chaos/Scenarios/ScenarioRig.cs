using System.Globalization;
using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// One scenario's world: a fresh folder under /tmp (workflows, data root, journal, server logs), the servers it
/// starts, the trigger loop and the faults it records. Measuring is in ScenarioRig.Measure.cs.
/// </summary>
internal sealed partial class ScenarioRig : IAsyncDisposable
{
    private readonly ScenarioContext _context;
    private readonly List<ServerProcess> _servers = [];
    private readonly Dictionary<ServerProcess, PipelineApi> _apis = [];
    private readonly Lock _gate = new();
    private int _roundRobin;

    private ScenarioRig(ScenarioContext context, string name, RigSettings settings)
    {
        _context = context;
        Name = name;
        Settings = settings;
        Folder = Path.Combine(Path.GetTempPath(), $"chaos-{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(WorkflowsFolder);
        Directory.CreateDirectory(DataRoot);
        File.WriteAllText(Path.Combine(WorkflowsFolder, $"{ChaosWorkflow.Id}.json"), ChaosWorkflow.Json(JournalPath, settings.OutputBytes));
        Triggers = new TriggerLoop(ChaosWorkflow.Id, settings.TriggerInterval, NextTarget);
        StartedAt = TimeProvider.System.GetUtcNow();
    }

    public string Name { get; }

    public RigSettings Settings { get; }

    public string Folder { get; }

    public string WorkflowsFolder => Path.Combine(Folder, "workflows");

    public string DataRoot => Path.Combine(Folder, "data");

    public string JournalPath => Path.Combine(Folder, "journal.log");

    public TriggerLoop Triggers { get; }

    public DateTimeOffset StartedAt { get; }

    public List<Fault> Faults { get; } = [];

    public List<string> Notes { get; } = [];

    public IReadOnlyList<ServerProcess> Serving
    {
        get
        {
            lock (_gate)
            {
                return [.. _servers.Where(s => s.Serving)];
            }
        }
    }

    public static ScenarioRig Create(ScenarioContext context, string name, RigSettings settings) => new(context, name, settings);

    /// <summary>Starts a server on this scenario's database and data root; <paramref name="database"/> overrides the
    /// connection string (a proxy in between), <paramref name="environment"/> adds settings (a fake clock).</summary>
    public async Task<ServerProcess> StartServerAsync(string workerId, CancellationToken cancellationToken, string? database = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        database ??= Settings.Database;
        string[] storage = database is null ? ["--sqlite", Path.Combine(Folder, "pipeline.db")] : ["--db", database];
        var spec = new ServerSpec(workerId, _context.ServerDll, Folder,
            // JSON log lines carry a UTC timestamp: the server's own clock, which the clock-skew scenario checks.
            ["serve", "--log-format", "json", "--urls", "http://127.0.0.1:0", .. storage, "--data-root", DataRoot, "--workflows", WorkflowsFolder],
            ServerEnvironment(workerId, environment), Path.Combine(Folder, "logs", $"{workerId}.log"));
        var server = await ServerProcess.StartAsync(spec, cancellationToken);
        lock (_gate)
        {
            _servers.Add(server);
            _apis[server] = new PipelineApi(server.BaseUrl, _context.ApiKey, TimeSpan.FromSeconds(5));
        }

        Say($"{workerId} up (pid {server.Pid}, {server.BaseUrl}, {(TimeProvider.System.GetUtcNow() - server.StartedAt).TotalSeconds:0.0} s to ready)");
        return server;
    }

    public PipelineApi ApiOf(ServerProcess server)
    {
        lock (_gate)
        {
            return _apis[server];
        }
    }

    /// <summary>Any serving server's API, for reading: the newest first, as the one most likely to stay up.</summary>
    public PipelineApi? AnyApi()
    {
        var serving = Serving;
        return serving.Count > 0 ? ApiOf(serving[^1]) : null;
    }

    public void Say(string message) =>
        _context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Name} +{(TimeProvider.System.GetUtcNow() - StartedAt).TotalSeconds,5:0.0}s] {message}"));

    public IReadOnlyList<Execution> Executions() => Journal.Executions(Journal.Read(JournalPath), ServerPids());

    /// <summary>The pid of the server started with this worker id.</summary>
    public int? PidOf(string workerId)
    {
        lock (_gate)
        {
            return _servers.FirstOrDefault(s => s.Name == workerId)?.Pid;
        }
    }

    /// <summary>Every server this scenario started, dead or alive: the journal's steps are attributed to them.</summary>
    public IReadOnlySet<int> ServerPids()
    {
        lock (_gate)
        {
            return _servers.Select(s => s.Pid).ToHashSet();
        }
    }

    /// <summary>Steps of <paramref name="server"/> running now (started, no end or stop line, process alive).</summary>
    public IReadOnlyList<Execution> RunningOn(ServerProcess server) =>
        [.. Executions().Where(e => e.ServerPid == server.Pid && e.End is null && OrphanSweeper.IsAlive(e))];

    /// <summary>Waits until <paramref name="server"/> runs at least <paramref name="count"/> steps, so a fault hits real work.</summary>
    public async Task<int> WaitForRunningStepsAsync(ServerProcess server, int count, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + patience;
        while (true)
        {
            var running = RunningOn(server).Count;
            if (running >= count || TimeProvider.System.GetUtcNow() > deadline)
            {
                return running;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Kills every server's process tree (their running steps with them).</summary>
    public async Task StopServersAsync()
    {
        List<ServerProcess> servers;
        lock (_gate)
        {
            servers = [.. _servers];
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Triggers.DisposeAsync();
        await StopServersAsync();
        await OrphanSweeper.SweepAsync(Executions());
        foreach (var api in _apis.Values)
        {
            api.Dispose();
        }

        if (_context.Keep)
        {
            _context.Output.WriteLine($"[{Name}] kept {Folder} (journal.log, logs/)");
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Output.WriteLine($"[{Name}] could not delete {Folder}: {e.Message}");
        }
    }

    private Dictionary<string, string> ServerEnvironment(string workerId, IReadOnlyDictionary<string, string>? extra)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Auth__Admin__Name"] = "admin",
            ["Auth__Admin__Password"] = "chaos-" + Guid.NewGuid().ToString("N"),
            ["Auth__Admin__ApiKey"] = _context.ApiKey,
            ["Runner__Process__AllowedCommands__0"] = "/bin/sh",
            ["Engine__WorkerId"] = workerId,
            // The harness triggers faster than one user's default budget over a long run; not what is under test.
            ["RateLimits__TriggersPerMinute"] = "100000",
        };
        if (Settings.Lease is { } lease)
        {
            environment["Engine__LeaseDuration"] = lease.ToString("c", CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    private (ServerProcess Server, PipelineApi Api)? NextTarget()
    {
        var serving = Serving;
        if (serving.Count == 0)
        {
            return null;
        }

        var server = serving[Interlocked.Increment(ref _roundRobin) % serving.Count];
        return (server, ApiOf(server));
    }
}
