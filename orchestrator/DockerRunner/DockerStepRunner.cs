using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// Runs each attempt as a Docker container: found again by its labels (<see cref="ContainerAdoption"/>) or created,
/// started, its stdout and stderr copied into the attempt's log files as they come, waited for, stopped on
/// cancellation (SIGTERM, then SIGKILL after the grace period, both by the engine's stop), and removed.
/// </summary>
public sealed partial class DockerStepRunner : IStepRunner, IDisposable
{
    private static readonly TimeSpan LogDrainLimit = TimeSpan.FromSeconds(2);
    private const string HandedOver = "handed over";
    private readonly DockerRunnerOptions _options;
    private readonly EngineOptions _engine;
    private readonly ILogger<DockerStepRunner> _logger;
    private readonly Lazy<ArgumentConfinement?> _paths;
    private readonly DockerClient _client;
    private int? _engineCpus;

    /// <param name="options">The runner's settings.</param>
    /// <param name="engine">The engine's settings (data root, worker id).</param>
    /// <param name="logger">Where the runner logs.</param>
    /// <param name="services">Where <see cref="ArgumentConfinement"/> is found at the first launch (which options of the
    /// step programs are paths they write; none known without it). Not taken directly: the programs describe their
    /// options through the runners, this one included, so the two cannot be built one for the other.</param>
    public DockerStepRunner(DockerRunnerOptions options, EngineOptions engine, ILogger<DockerStepRunner> logger, IServiceProvider? services = null)
    {
        _options = options;
        _paths = new Lazy<ArgumentConfinement?>(() => services?.GetService(typeof(ArgumentConfinement)) as ArgumentConfinement);
        _engine = engine;
        _logger = logger;
        // Connects on first use: a server whose engine is down still starts, and its container steps fail retryably.
        _client = new DockerClientBuilder().WithEndpoint(options.Endpoint).Build();
    }

    public string Name => StepRunners.Docker;

    public bool CanRun(StepSpec spec) => ContainerParameters.ImageFor(spec, _options) is not null;

    public IReadOnlyList<StepRefusal> Refusals(StepSpec spec) => ContainerParameters.Refusals(spec, _options);

    public async Task<AttemptResult> RunAsync(StepLaunch launch, CancellationToken cancellationToken)
    {
        var image = ContainerParameters.ImageFor(launch.Spec, _options) ?? "";
        Directory.CreateDirectory(Path.GetDirectoryName(launch.Logs.StdoutPath)!);
        Directory.CreateDirectory(launch.Spec.OutputFolder);
        if (launch.Spec.StateFolder is { } state)
        {
            Directory.CreateDirectory(state);
        }

        // Inside the data root, which is mounted at its own path: the container sees each at the path it was given.
        foreach (var asset in launch.Spec.AssetFolders ?? [])
        {
            Directory.CreateDirectory(asset);
        }

        string? id = null;
        try
        {
            var existing = await _client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = ContainerLabels.Filter(launch.Attempt) }, cancellationToken);
            var adopted = ContainerAdoption.Choose(launch.Attempt, existing);
            // The attempt whose work this is may publish; any other still running somewhere may not.
            AttemptFence.Grant(launch.Logs, adopted is null ? launch.Attempt.Attempt : ContainerAdoption.AttemptOf(adopted) ?? launch.Attempt.Attempt);
            if (adopted is null)
            {
                var user = await UserForAsync(image, cancellationToken);
                await HandFoldersToAsync(user, launch.Spec, cancellationToken);
                var parameters = ContainerParameters.For(launch, _options, _engine.DataRoot, _engine.WorkerId, user, await EngineCpusAsync(cancellationToken));
                id = (await _client.Containers.CreateContainerAsync(parameters, cancellationToken)).ID;
            }
            else
            {
                id = adopted.ID;
            }

            if (adopted is null || adopted.State == "created")
            {
                await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
            }

            Log.Started(_logger, launch.Attempt.ToString(), id, image, adopted is not null);
            return await FollowAsync(launch, id, rewriteLogs: adopted is not null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while creating or starting: a container that exists is stopped like a running one.
            if (id is not null)
            {
                await StopAsync(id, launch.Attempt);
            }

            return new AttemptResult(AttemptStates.Cancelled, null, "stopped", Retryable: true);
        }
        catch (Exception e) when (DockerFailures.Classify(e, image, _options.Endpoint) is { } classified)
        {
            // The engine's answer may echo what the container was given.
            var failure = classified with { Error = launch.SecretValues.Redact(classified.Error) };
            Log.Failed(_logger, launch.Attempt.ToString(), failure.Error!);
            await File.AppendAllTextAsync(launch.Logs.StderrPath, failure.Error + Environment.NewLine, CancellationToken.None);
            return failure;
        }
        finally
        {
            if (id is not null && _options.RemoveContainers && !launch.HandingOver)
            {
                await RemoveAsync(id);
            }
        }
    }

    private async Task<AttemptResult> FollowAsync(StepLaunch launch, string id, bool rewriteLogs, CancellationToken cancellationToken)
    {
        // An adopted container's log is read again from its start: the engine keeps it whole, the file may not be.
        var mode = rewriteLogs ? FileMode.Create : FileMode.Append;
        // Secret values the step prints are masked on their way into the log files.
        var stdoutLog = StepLogStream.Open(launch.Logs.StdoutPath, mode);
        var stderrLog = StepLogStream.Open(launch.Logs.StderrPath, mode);
        await using var stdout = launch.SecretValues.Redacting(stdoutLog);
        await using var stderr = launch.SecretValues.Redacting(stderrLog);
        using var logs = await _client.Containers.GetContainerLogsAsync(
            id, new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, cancellationToken);
        // Copied with CancellationToken.None: the stream ends when the container does, and its last words matter most.
        var copy = logs.CopyOutputToAsync(Stream.Null, stdout, stderr, CancellationToken.None);
        long exitCode;
        try
        {
            exitCode = (await _client.Containers.WaitContainerAsync(id, cancellationToken)).StatusCode;
        }
        catch (OperationCanceledException) when (launch.HandingOver)
        {
            // The server is shutting down after its drain: the container runs on, for the step's next attempt to adopt.
            return new AttemptResult(AttemptStates.Cancelled, null, HandedOver, Retryable: true);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(id, launch.Attempt);
            await Task.WhenAny(copy, Task.Delay(LogDrainLimit, CancellationToken.None));
            return new AttemptResult(AttemptStates.Cancelled, null, "stopped", Retryable: true);
        }

        await Task.WhenAny(copy, Task.Delay(LogDrainLimit, CancellationToken.None));
        var container = await _client.Containers.InspectContainerAsync(id, CancellationToken.None);
        var digest = await ImageDigestAsync(container.Image);
        var result = container.State?.OOMKilled == true
            ? new AttemptResult(AttemptStates.Failed, (int)exitCode,
                $"killed for going over its memory limit ({ContainerParameters.MemoryMb(launch.Spec, _options)} MB: resources.memoryMb, else Runner:Docker:DefaultMemoryMb)", Retryable: true)
            : StepExitCodes.ToResult((int)exitCode, launch.Logs.StderrPath);
        return StepLogStream.Report(result with { ImageDigest = digest }, stdoutLog, stderrLog);
    }

    /// <summary>
    /// The image a container ran, as exactly as the engine knows it: a registry digest names the same bytes on every
    /// host; an image built locally has none, and its id (the hash of its configuration) names it on this engine.
    /// </summary>
    private async Task<string?> ImageDigestAsync(string? imageId)
    {
        if (string.IsNullOrEmpty(imageId))
        {
            return null;
        }

        try
        {
            var image = await _client.Images.InspectImageAsync(imageId, CancellationToken.None);
            return image.RepoDigests?.FirstOrDefault() ?? imageId;
        }
        catch (DockerApiException)
        {
            // Removed since the container started (a prune): the id the container recorded is still exact.
            return imageId;
        }
    }

    /// <summary>The user the step's container runs as, never root (<see cref="ContainerUser"/>); the image is asked only when it decides.</summary>
    private async Task<string> UserForAsync(string image, CancellationToken cancellationToken)
    {
        var host = HostUser.Current;
        var imageUser = ContainerUser.NeedsImageUser(_options, host)
            ? (await _client.Images.InspectImageAsync(image, cancellationToken)).Config?.User
            : null;
        return ContainerUser.Resolve(_options, host, imageUser);
    }

    /// <summary>
    /// A server running as root creates the step's folders as root, and a step container never runs as root, so it
    /// could not write its output: on a host data root, the step's output folder, its run folder (where steps
    /// stage their output beside the final folder and rename it into place), its state folder and the asset folders
    /// its arguments name (where it stages partitions beside the final ones) are handed to the
    /// container's user.
    /// A server that is not root runs steps as itself, and with a data volume the volume's owner is the operator's.
    /// </summary>
    private async Task HandFoldersToAsync(string user, StepSpec spec, CancellationToken cancellationToken)
    {
        if (!_options.DataRootIsHostFolder || !HostUser.Current.StartsWith("0:", StringComparison.Ordinal) || ContainerUser.Numeric(user) is not { } id)
        {
            return;
        }

        if (spec.Program is { } program && _paths.Value is { } paths)
        {
            var written = await paths.WrittenPathsAsync(program, spec.Args, spec.Env, cancellationToken);
            WrittenFolders.Prepare(written, _engine.DataRoot, Path.GetFullPath(_options.WorkingDirectory ?? Directory.GetCurrentDirectory()), id.Uid, id.Gid);
        }

        FolderOwner.Give(Path.GetDirectoryName(spec.OutputFolder)!, id.Uid, id.Gid);
        FolderOwner.Give(spec.OutputFolder, id.Uid, id.Gid);
        if (spec.StateFolder is { } state)
        {
            FolderOwner.Give(state, id.Uid, id.Gid);
        }

        foreach (var asset in spec.AssetFolders ?? [])
        {
            FolderOwner.Give(asset, id.Uid, id.Gid);
        }
    }

    /// <summary>The engine's CPUs, asked once; null when it reports none (no CPU limit is then lowered).</summary>
    private async Task<int?> EngineCpusAsync(CancellationToken cancellationToken)
    {
        if (_engineCpus is null)
        {
            var info = await _client.System.GetSystemInfoAsync(cancellationToken);
            _engineCpus = info.NCPU > 0 ? (int)Math.Min(info.NCPU, int.MaxValue) : 0;
        }

        return _engineCpus > 0 ? _engineCpus : null;
    }

    private async Task StopAsync(string id, AttemptKey attempt)
    {
        // The engine sends the image's stop signal (SIGTERM), waits the grace period, then SIGKILL.
        var grace = (uint)Math.Ceiling(_options.StopGracePeriod.TotalSeconds);
        try
        {
            await _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = grace }, CancellationToken.None);
            Log.Stopped(_logger, attempt.ToString(), id);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            Log.StopFailed(_logger, attempt.ToString(), id, e.Message);
        }
    }

    private async Task RemoveAsync(string id)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // Gone already, or the engine is away: `docker ps -a --filter label=pipeline.run` finds it later.
            Log.RemoveFailed(_logger, id, e.Message);
        }
    }

    // Unbuffered, so that a follower of the log sees each write as it lands.
    public void Dispose() => _client.Dispose();
}
